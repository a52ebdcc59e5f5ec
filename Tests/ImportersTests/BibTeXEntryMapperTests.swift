import CitationModel
import Importers
import Testing

/// The one reference of `text`.
func entry(_ text: String) -> Reference {
    bib(text).references[0]
}

/// Field and type mapping (biblatex manual 2.1-2.3; BibTeXing 3.1-3.2).
@Suite struct BibTeXEntryMapperTests {
    /// Page ranges get a hyphen whichever dash the source wrote; other text around them is kept.
    @Test(arguments: [
        ("147--170", "147-170"), ("147---170", "147-170"), ("147–170", "147-170"), ("147—170", "147-170"),
        ("xii–xv, 3–9", "xii-xv, 3-9"), ("S.~12--15", "S.\u{00A0}12-15"), ("Ärger–Ende", "Ärger-Ende"), ("12", "12"),
    ])
    func pageRangesGetAHyphen(written: String, expected: String) {
        #expect(entry("@article{k, pages = {\(written)}}").page == expected)
    }

    @Test func journalFieldsAndNumbers() {
        let bibtex = entry("@article{k, journal = {J One}, volume = {4}, number = {2}, pages = {147--170}, eid = {e12}}")
        #expect(bibtex.containerTitle?.plain == "J One")
        #expect(bibtex.issue == "2")
        #expect(bibtex.page == "147-170")
        #expect(bibtex.articleNumber == "e12")
        let biblatex = entry("@article{k, journaltitle = {J Two}, issue = {Spring}, shortjournal = {JT}}")
        #expect(biblatex.containerTitle?.plain == "J Two")
        #expect(biblatex.issue == "Spring")
        #expect(biblatex.containerTitleShort == "JT")
        let report = entry("@techreport{k, institution = {RAND}, number = {R-12}, type = {Working paper}}")
        #expect(report.type == .report)
        #expect(report.articleNumber == "R-12")
        #expect(report.publisher == "RAND")
        #expect(report.genre == "Working paper")
        let book = entry("@book{k, series = {LNCS}, number = {2424}, edition = {2}, address = {Berlin}}")
        #expect(book.collectionTitle == "LNCS")
        #expect(book.collectionNumber == "2424")
        #expect(book.edition == "2")
        #expect(book.publisherPlace == "Berlin")
        #expect(entry("@incollection{k, booktitle = {The Book}, location = {Paris}}").containerTitle?.plain == "The Book")
        #expect(entry("@incollection{k, location = {Paris}}").publisherPlace == "Paris")
    }

    @Test(arguments: [
        ("date = {2021-03-01}", PartialDate(year: 2021, month: 3, day: 1)),
        ("date = {2020/2021}", PartialDate(parts: [.init(year: 2020), .init(year: 2021)])),
        ("date = {2021-03-01/2021-04-30}", PartialDate(parts: [.init(year: 2021, month: 3, day: 1), .init(year: 2021, month: 4, day: 30)])),
        ("date = {1900~}", PartialDate(parts: [.init(year: 1900)], circa: true)),
        ("year = 2004, month = may", PartialDate(year: 2004, month: 5)),
        ("year = {2004}, month = {5}", PartialDate(year: 2004, month: 5)),
        ("year = {May 2004}", PartialDate(parts: [.init(year: 2004, month: 5)], raw: "May 2004")),
        ("year = {1991-92}", PartialDate(parts: [.init(year: 1991), .init(year: 1992)], raw: "1991-92")),
        ("year = {2004}, month = {Sep--Oct}", PartialDate(parts: [.init(year: 2004, month: 9), .init(year: 2004, month: 10)])),
        ("year = 2010, month = may, day = 22", PartialDate(year: 2010, month: 5, day: 22)),
        ("year = {[1980]}", PartialDate(parts: [.init(year: 1980)], raw: "[1980]")),
        ("year = {c. 1900}", PartialDate(parts: [.init(year: 1900)], circa: true, raw: "c. 1900")),
        ("year = {2001a}", PartialDate(parts: [.init(year: 2001)], raw: "2001a")),
        ("year = {forthcoming}", PartialDate(literal: "forthcoming")),
        ("year = {n.d.}", PartialDate(literal: "n.d.")),
        ("year = {1991--1992}", PartialDate(parts: [.init(year: 1991), .init(year: 1992)], raw: "1991–1992")),
        ("year = {1991/92}", PartialDate(parts: [.init(year: 1991), .init(year: 1992)], raw: "1991/92")),
        ("year = {1991/9}", PartialDate(literal: "1991/9")),
        ("year = {2004}, month = {SEPT}", PartialDate(year: 2004, month: 9)),
        ("year = {2004}, month = {Mayo}", PartialDate(year: 2004)),
        ("date = {-3000~}", PartialDate(parts: [.init(year: -3000)], circa: true)),
        ("date = {2015/}", PartialDate(parts: [.init(year: 2015)], raw: "2015/")),
    ])
    func datesInTheirOddForms(fields: String, expected: PartialDate) {
        #expect(entry("@misc{k, \(fields)}").issued == expected)
    }

    @Test func identifiersAndLinks() {
        let reference = entry(
            """
            @article{k, doi = {https://doi.org/10.1000/ABC.1}, isbn = {0-253-35559-1}, issn = {1234-5678},
              pmid = {12345}, url = {https://x.org/a\\_b}, eprint = {2101.00001}, eprinttype = {arXiv},
              urldate = {2024-01-02}}
            """)
        #expect(reference.doi == "10.1000/abc.1")
        #expect(reference.identifiers.first { $0.kind == .doi }?.raw == "10.1000/ABC.1")
        #expect(reference.identifier(.isbn) == "0253355591")
        #expect(reference.identifier(.issn) == "1234-5678")
        #expect(reference.pmid == "12345")
        #expect(reference.identifier(.arxiv) == "2101.00001")
        #expect(reference.url == "https://x.org/a_b")
        #expect(reference.accessed == PartialDate(year: 2024, month: 1, day: 2))
        let bad = bib("@misc{k,\n  doi = {not a doi}}")
        #expect(bad.references[0].extraFields["doi"] == "not a doi")
        #expect(placed(bad) == ["2:3 warning bibtex.malformed-identifier"])
    }

    @Test func textFieldsAndKeptFields() {
        let reference = entry(
            """
            @book{k, title = {Main}, subtitle = {Sub}, shorttitle = {M}, abstract = {An \\emph{abstract}},
              note = {A note}, keywords = {one, two; three}, language = {English}, publisher = {P},
              glottolog_ref_id = {553758}, annote = {Kept \\emph{as} written}}
            """)
        #expect(reference.fullTitle == "Main: Sub")
        #expect(reference.shortTitle == "M")
        #expect(reference.abstract?.runs == [.init("An "), .init("abstract", style: .italic)])
        #expect(reference.note == "A note")
        #expect(reference.keywords == ["one", "two", "three"])
        #expect(reference.language == "English")
        #expect(reference.extraFields["glottolog_ref_id"] == "553758")
        #expect(reference.extraFields["annote"] == "Kept \\emph{as} written")
    }

    @Test func duplicateFieldsKeepTheFirstAndTheRest() {
        let sink = bib("@book{k,\n  title = {One},\n  title = {Two}}")
        #expect(sink.references[0].title?.plain == "One")
        #expect(sink.references[0].extraFields["title-2"] == "Two")
        #expect(placed(sink) == ["3:3 warning bibtex.duplicate-field"])
    }

    @Test(arguments: [
        ("article", "article-journal"), ("inproceedings", "paper-conference"), ("conference", "paper-conference"),
        ("incollection", "chapter"), ("inbook", "chapter"), ("book", "book"), ("proceedings", "book"),
        ("phdthesis", "thesis"), ("mastersthesis", "thesis"), ("techreport", "report"), ("manual", "report"),
        ("misc", "document"), ("online", "webpage"), ("unpublished", "manuscript"), ("patent", "patent"),
        ("dataset", "dataset"), ("software", "software"), ("booklet", "pamphlet"), ("inreference", "entry-encyclopedia"),
    ])
    func entryTypesMapToCSLTypes(type: String, csl: String) {
        #expect(entry("@\(type){k, title = {T}}").type.rawValue == csl)
    }
}
