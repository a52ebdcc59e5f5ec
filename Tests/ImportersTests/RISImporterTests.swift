import CitationModel
import Foundation
import Importers
import Testing

/// The RIS importer, rule by rule, on small fixtures in `Fixtures/ris/`.
@Suite struct RISImporterTests {
    /// Many batches, mapped by the workers and by the reader in whatever order the threads take them, still come out
    /// in file order with the keys one reading in order gives: every record asks for the same key, so each key's
    /// letter suffix tells its place.
    @Test func aFileOfManyBatchesGivesItsRecordsInOrderKeyedAsOneReadingDoes() {
        let count = 7_000
        let text = (0..<count).map { "TY  - JOUR\nAU  - Smith, J.\nPY  - 2020\nTI  - Paper\nN1  - n\($0)\nER  - \n" }.joined()
        let sink = RISTestSupport.parse(ris: text)
        #expect(sink.records.count == count && sink.diagnostics.isEmpty && sink.failed == 0)
        /// `1` -> `a`, `26` -> `z`, `27` -> `aa`: the suffix of the `number`-th repeat of a key.
        func letters(_ number: Int) -> String {
            number == 0 ? "" : letters((number - 1) / 26) + String(UnicodeScalar(UInt8(97 + (number - 1) % 26)))
        }
        var misplaced = 0
        for (index, record) in sink.records.enumerated()
        where record.reference.note != "n\(index)" || record.location.line != 6 * index + 1
            || record.reference.citationKey != "smith2020paper" + letters(index)
        {
            misplaced += 1
        }
        #expect(misplaced == 0)
    }

    @Test func toleratesHeadersNumberingWhitespaceMissingSpacesAndAMissingFinalER() throws {
        let sink = try RISTestSupport.parse("ris/tolerant-lines.ris")
        #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics)")
        #expect(sink.records.count == 3)
        #expect(sink.failed == 0)
        // The Taylor & Francis header and the `1.` / `2.` numbering lines are blocks that are not records.
        #expect(sink.skipped == 2)
        let first = sink.references[0]
        #expect(first.creators.first?.family == "Shannon")
        #expect(first.title?.plain == "A Mathematical Theory of Communication")
        #expect(first.containerTitle?.plain == "Bell System Technical Journal")
        #expect(first.page == nil)
        #expect(first.year == 1948)
        #expect(first.abstract?.plain == "First line of the abstract, second line indented, and a third line at the margin.")
        #expect(sink.records[0].location.line == 6)
        #expect(sink.references[1].type == .book)
        #expect(sink.references[1].title?.plain == "The Art of Computer Programming")
        #expect(sink.records[1].location.line == 19)
        let last = sink.references[2]
        #expect(last.type == .chapter)
        #expect(last.containerTitle?.plain == "A Book")
        #expect(sink.records[2].location.line == 25)
    }

    @Test func aRecordWithoutTypeIsAnErrorAtItsLineAndReadingResumesAtTheNextType() throws {
        let sink = try RISTestSupport.parse("ris/missing-type.ris")
        #expect(RISTestSupport.lines(sink) == ["error ris.missing-type 5", "error ris.missing-type 13"])
        #expect(sink.diagnostics.map(\.description) == [
            "ris/missing-type.ris:5:1: error: [ris.missing-type] record does not start with 'TY'; found 'AU', skipped to the next 'TY'",
            "ris/missing-type.ris:13:1: error: [ris.missing-type] record does not start with 'TY'; found 'T1', skipped to the next 'TY'",
        ])
        #expect(sink.failed == 2)
        #expect(sink.references.map { $0.title?.plain } == ["Good Record One", "Good Record Two", "Good Record Three"])
        #expect(sink.references[2].type == .report)
    }

    @Test func readsEveryNameForm() throws {
        let sink = try RISTestSupport.parse("ris/authors.ris")
        #expect(sink.diagnostics.isEmpty)
        let reference = try #require(sink.references.first)
        let authors = reference.creators(.author)
        #expect(authors.map(\.family) == ["Shannon", "Weaver", "Smith", "Brownstein", "Gates", "Berg", nil, "Curie", "Curie"])
        #expect(authors.map(\.given) == ["Claude E.", "W.M.", "J. A.", "C. D.", "William H.", "Jan", nil, "Marie", "Pierre"])
        #expect(authors[4].suffix == "III")
        #expect(authors[5].nonDroppingParticle == "van der")
        #expect(authors[6].literal == "World Health Organization")
        #expect(reference.creators(.editor).map(\.family) == ["Editor", "Editor"])
        #expect(reference.creators(.collectionEditor).map(\.family) == ["Series"])
        #expect(reference.creators(.translator).map(\.family) == ["Translator"])
        #expect(reference.type == .book)
        #expect(reference.extraFields["TY"] == "EDBOOK")
        #expect(reference.citationKey == "shannon2000names")
    }

    @Test func picksOneTitleAndTheContainerByType() throws {
        let sink = try RISTestSupport.parse("ris/titles-containers.ris")
        #expect(sink.diagnostics.isEmpty)
        let article = sink.references[0]
        #expect(article.title?.plain == "The Primary Title")
        #expect(article.extraFields["TI"] == "A Different Title Tag")
        #expect(article.containerTitle?.plain == "Journal of Full Names")
        #expect(article.containerTitleShort == "J Full Nm")
        #expect(article.extraFields["JO"] == "J. Full Names")
        #expect(article.volume == "12")
        #expect(article.issue == "3")
        let chapter = sink.references[1]
        #expect(chapter.type == .chapter)
        #expect(chapter.containerTitle?.plain == "The Whole Book")
        #expect(chapter.collectionTitle == "Lecture Notes in Examples")
        #expect(chapter.publisher == "Example Press")
        #expect(chapter.publisherPlace == "Utrecht")
        #expect(chapter.edition == "2nd")
        let book = sink.references[2]
        #expect(book.title?.plain == "A Book Named Only by BT")
        #expect(book.containerTitle?.plain == "A Series as T2")
        #expect(sink.references[3].containerTitle?.plain == "Biological Reviews")
    }

    @Test func readsDatesInTheirFormsAndY2IsNeverThePublicationDate() throws {
        let sink = try RISTestSupport.parse("ris/dates.ris")
        #expect(RISTestSupport.lines(sink) == ["warning ris.date 35"])
        #expect(sink.diagnostics.first?.message == "cannot read the date 'in press'; kept as text")
        let dates = sink.references.map { $0.issued?.parts.first }
        #expect(dates[0] == PartialDate.Parts(year: 2021))
        #expect(dates[1] == PartialDate.Parts(year: 2021, month: 3, day: 1))
        #expect(dates[2] == PartialDate.Parts(year: 2021))
        #expect(dates[3] == PartialDate.Parts(year: 2017, month: 4, day: 7))
        #expect(sink.references[3].issued?.raw == "2017/04/07/online")
        #expect(dates[4] == PartialDate.Parts(year: 2019, month: 11, day: 5))
        #expect(sink.references[4].accessed?.parts.first == PartialDate.Parts(year: 2023, month: 1, day: 15))
        #expect(sink.references[5].issued == nil)
        #expect(sink.references[5].accessed?.year == 2020)
        #expect(sink.references[6].issued == nil)
        #expect(sink.references[6].extraFields["PY"] == "in press")
        #expect(dates[7] == PartialDate.Parts(year: 2010, month: 9, day: 22))
    }

    /// The slashed forms exporters write most (read on a fast path) and their near misses (read the general way).
    @Test func readsSlashedDatesAndTheirNearMisses() {
        let cases: [(text: String, parts: PartialDate.Parts?, season: String?, raw: String?)] = [
            ("1986", PartialDate.Parts(year: 1986), nil, nil),
            ("1986/", PartialDate.Parts(year: 1986), nil, nil),
            ("1986//", PartialDate.Parts(year: 1986), nil, nil),
            ("1986///", PartialDate.Parts(year: 1986), nil, nil),
            ("1986////", PartialDate.Parts(year: 1986), nil, nil),
            ("2021/03/", PartialDate.Parts(year: 2021, month: 3), nil, nil),
            ("2021/03/01", PartialDate.Parts(year: 2021, month: 3, day: 1), nil, nil),
            ("2021/03/01/", PartialDate.Parts(year: 2021, month: 3, day: 1), nil, nil),
            ("2021/3/1", PartialDate.Parts(year: 2021, month: 3, day: 1), nil, nil),
            ("2021/13/", PartialDate.Parts(year: 2021), nil, nil),
            ("2021/03/00", PartialDate.Parts(year: 2021, month: 3), nil, nil),
            ("2021/03/32/", PartialDate.Parts(year: 2021, month: 3), nil, nil),
            ("2021/22/", PartialDate.Parts(year: 2021), "2", nil),
            ("2021/03/01/online", PartialDate.Parts(year: 2021, month: 3, day: 1), nil, "2021/03/01/online"),
            ("202/03/01", nil, nil, nil),
        ]
        for (reference, expected) in zip(Self.records(dated: cases.map { "PY  - \($0.text)" }), cases) {
            #expect(reference.issued?.parts.first == expected.parts, "\(expected.text)")
            #expect(reference.issued?.season == expected.season, "\(expected.text)")
            #expect(reference.issued?.raw == expected.raw, "\(expected.text)")
        }
    }

    /// One journal article per entry of `dates`, each with those date lines, read; every record must be read.
    static func records(dated dates: [String]) -> [Reference] {
        let sink = RISTestSupport.parse(ris: dates.map { "TY  - JOUR\nTI  - A date\n\($0)\nER  - \n" }.joined())
        #expect(sink.references.count == dates.count)
        return sink.references
    }

    /// Free forms with a month name or season, in any case, as MEDLINE and some exporters write them; the text is kept.
    @Test func readsDatesWithMonthNamesAndSeasons() {
        let cases: [(text: String, parts: PartialDate.Parts, season: String?)] = [
            ("2020 Feb 15", PartialDate.Parts(year: 2020, month: 2, day: 15), nil),
            ("june 3, 1999", PartialDate.Parts(year: 1999, month: 6, day: 3), nil),
            ("Sept. 2004", PartialDate.Parts(year: 2004, month: 9), nil),
            ("2019 Mar-Apr", PartialDate.Parts(year: 2019, month: 3), nil),
            ("2020 Ma", PartialDate.Parts(year: 2020), nil),
            ("1967 [1940]", PartialDate.Parts(year: 1967), nil),
            ("Spring 2018", PartialDate.Parts(year: 2018), "1"),
            ("FALL 2019", PartialDate.Parts(year: 2019), "3"),
            ("Winter 2001-2002", PartialDate.Parts(year: 2001), "4"),
        ]
        for (reference, expected) in zip(Self.records(dated: cases.map { "PY  - \($0.text)" }), cases) {
            #expect(reference.issued?.parts == [expected.parts], "\(expected.text)")
            #expect(reference.issued?.season == expected.season, "\(expected.text)")
            #expect(reference.issued?.raw == expected.text)
        }
    }

    /// A month (and day) given without a year, next to the year, refines it; anything else there is kept as text.
    @Test func readsAMonthWrittenWithoutItsYear() {
        let cases: [(da: String, parts: PartialDate.Parts, kept: String?)] = [
            ("DEC", PartialDate.Parts(year: 2010, month: 12), nil),
            ("Sep-22", PartialDate.Parts(year: 2010, month: 9, day: 22), nil),
            ("june 3", PartialDate.Parts(year: 2010, month: 6, day: 3), nil),
            ("3rd", PartialDate.Parts(year: 2010), "3rd"),
            ("SEP 22 23", PartialDate.Parts(year: 2010), "SEP 22 23"),
            ("SEP 123", PartialDate.Parts(year: 2010), "SEP 123"),
        ]
        for (reference, expected) in zip(Self.records(dated: cases.map { "DA  - \($0.da)\nPY  - 2010" }), cases) {
            #expect(reference.issued?.parts == [expected.parts], "\(expected.da)")
            #expect(reference.extraFields["DA"] == expected.kept, "\(expected.da)")
        }
    }

    /// Generated keys: folded family name, year, and the first title word that is not a stop word.
    @Test func generatedKeysSkipStopWords() {
        let cases: [(author: String?, title: String, key: String)] = [
            ("Smith, J", "The Theory of Everything", "smith2001theory"),
            ("Smith, J", "On the Origin of Species", "smith2001origin"),
            ("Müller, K", "Die Zeit und das Sein", "muller2001zeit"),
            ("Müller, K", "Eine kleine Nachtmusik", "muller2001kleine"),
            ("Müller, K", "Über alles", "muller2001uber"),
            (nil, "A Theory", "anon2001theory"),
        ]
        let text = cases.map { item in
            "TY  - JOUR\n" + (item.author.map { "AU  - \($0)\n" } ?? "") + "PY  - 2001\nTI  - \(item.title)\nER  - \n"
        }.joined()
        let keys = RISTestSupport.parse(ris: text).references.map(\.citationKey)
        #expect(keys == cases.map(\.key))
    }

    @Test func mapsEveryOtherTagAndKeepsUnknownOnes() throws {
        let sink = try RISTestSupport.parse("ris/fields.ris")
        #expect(RISTestSupport.lines(sink) == ["warning ris.standard-number 38", "warning ris.invalid-doi 39", "warning ris.unknown-type 48"])
        let first = sink.references[0]
        #expect(first.citationKey == "doe2020every")
        #expect(first.extraFields["ID"] == "12345")
        #expect(first.page == "147-170")
        #expect(first.identifiers.filter { $0.kind == .issn }.map(\.value) == ["0028-0836", "1476-4687"])
        #expect(first.identifier(.isbn) == "9780198526636")
        #expect(first.doi == "10.1038/abc.123")
        #expect(first.url == "https://example.org/a")
        #expect(first.extraFields["UR"] == "https://example.org/b")
        #expect(first.extraFields["L1"] == "file:///tmp/a.pdf")
        #expect(first.extraFields["L2"] == "https://example.org/fulltext")
        #expect(first.extraFields["L3"] == "https://example.org/related")
        #expect(first.extraFields["L4"] == "https://example.org/figure.png")
        #expect(first.extraFields["AN"] == "WOS:000123")
        #expect(first.articleNumber == "e0267533")
        #expect(first.genre == "Systematic Review")
        #expect(first.abstract?.plain == "The abstract.")
        #expect(first.extraFields["N2"] == nil)
        #expect(first.note == "A first note\nA second note")
        #expect(first.keywords == ["alpha", "beta", "gamma"])
        #expect(first.language == "English")
        #expect(first.extraFields["DB"] == "Embase")
        #expect(first.extraFields["VO"] == "8")
        #expect(first.extraFields["JP"] == "CRISPR")

        let second = sink.references[1]
        #expect(second.citationKey == "RefID:888-doe2021")
        #expect(second.page == "147-170")
        #expect(second.abstract?.plain == "The AB abstract.")
        #expect(second.extraFields["N2"] == "A different N2 abstract.")
        #expect(second.extraFields["SN"] == "12345")
        #expect(second.extraFields["DO"] == "not a doi")
        #expect(second.pmid == "31234567")
        #expect(second.pmcid == "PMC7654321")

        #expect(sink.references[2].type == .thesis)
        #expect(sink.references[3].type == .document)
        #expect(sink.references[3].extraFields["TY"] == "NOTATYPE")
        #expect(sink.references[4].type == .articleJournal)
    }

    @Test(arguments: RISVocabulary.cslTypeByRISType.keys.sorted())
    func everyRISTypeMapsToACSLType(code: String) {
        let sink = RISTestSupport.parse(ris: "TY  - \(code)\nTI  - A work\nER  - \n")
        let type = sink.references.first?.type
        #expect(type == RISVocabulary.cslTypeByRISType[code])
        #expect(type?.isCSLType == true)
        #expect(sink.diagnostics.isEmpty)
    }

    @Test func typesOfTheIssueMapAsExpected() {
        let expected: [String: ReferenceType] = [
            "JOUR": .articleJournal, "JFULL": "periodical", "ABST": .articleJournal, "BOOK": .book, "EBOOK": .book,
            "CHAP": .chapter, "ECHAP": .chapter, "EDBOOK": .book, "CONF": .paperConference, "CPAPER": .paperConference,
            "RPRT": .report, "THES": .thesis, "ELEC": .webpage, "WEB": .webpage, "GEN": .document,
            "NEWS": .articleNewspaper, "MGZN": .articleMagazine, "PAT": .patent, "DATA": .dataset, "COMP": .software,
            "STAT": "legislation", "UNPB": .manuscript,
        ]
        for (code, type) in expected { #expect(RISVocabulary.cslType(forRISType: code) == type, "\(code)") }
    }

    // MARK: Encodings and line ends

    static let sample = "TY  - JOUR\nAU  - Müller, Jürgen\nTI  - Über “Sonderzeichen” – ein Test\nER  - \n"

    @Test(arguments: ["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "windows-1252", "crlf", "cr"])
    func readsEveryEncodingAndLineEnd(variant: String) throws {
        var data: Data
        switch variant {
        case "utf8": data = Data(Self.sample.utf8)
        case "utf8-bom": data = Data([0xEF, 0xBB, 0xBF]) + Data(Self.sample.utf8)
        case "utf16le-bom": data = Data([0xFF, 0xFE]) + Self.sample.data(using: .utf16LittleEndian)!
        case "utf16be-bom": data = Data([0xFE, 0xFF]) + Self.sample.data(using: .utf16BigEndian)!
        case "windows-1252": data = Self.sample.data(using: .windowsCP1252)!
        case "crlf": data = Data(Self.sample.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        default: data = Data(Self.sample.replacingOccurrences(of: "\n", with: "\r").utf8)
        }
        let source = SourceText(file: "\(variant).ris", data: data)
        #expect(source.fallbackEncoding == (variant == "windows-1252" ? "windows-1252" : nil))
        #expect(ImportFormat.detect(bytes: [UInt8](data.prefix(4096)), fileName: "x.txt") == .ris)
        let sink = RISImporter().parseAll(source)
        #expect(sink.diagnostics.isEmpty)
        let reference = try #require(sink.references.first)
        #expect(reference.creators.first?.family == "Müller")
        #expect(reference.creators.first?.given == "Jürgen")
        #expect(reference.title?.plain == "Über “Sonderzeichen” – ein Test")
    }

    @Test func aByteOrderMarkInsideTheFileIsWhiteSpace() {
        // Scopus concatenates exports, each with its own BOM.
        let text = "TY  - JOUR\nTI  - One\nER  - \n\u{FEFF}TY  - JOUR\nTI  - Two\nER  - \n"
        let sink = RISTestSupport.parse(ris: text)
        #expect(sink.references.map { $0.title?.plain } == ["One", "Two"])
    }

    @Test func splitsFieldsGluedOnOneLine() {
        // Rayyan writes some fields on the line of the one before.
        let text = "TY  - JOUR\nUR  - https://example.org/x     U2  - L2029880245\nDO  - 10.1038/x     LK  - https://link\nER  - \n"
        let reference = RISTestSupport.parse(ris: text).references[0]
        #expect(reference.url == "https://example.org/x")
        #expect(reference.extraFields["U2"] == "L2029880245")
        #expect(reference.doi == "10.1038/x")
        #expect(reference.extraFields["LK"] == "https://link")
    }

    /// A glued tag is found wherever it falls in the value (the value is read 16 bytes at a time), and text that
    /// only resembles one (one space before it, one before the hyphen, `TY` or `ER`) stays in the value.
    @Test func findsAGluedTagAtEveryOffsetAndNothingElse() {
        for length in 1...40 {
            let value = String(String(repeating: "ab c", count: 12).prefix(length))
            let text = "TY  - JOUR\nN1  - \(value)  U2  - L\(length)\nER  - \n"
            let reference = RISTestSupport.parse(ris: text).references[0]
            #expect(reference.note == value.trimmingCharacters(in: .whitespaces), "length \(length)")
            #expect(reference.extraFields["U2"] == "L\(length)", "length \(length)")
        }
        let long = String(repeating: "w", count: 21)
        for value in ["x U2  - y", "x  U2 - y", "x  TY  - y", "x  ER  - y", "x  u2  - y", "x    y  z", "a  U2  ", long + "  TY  - y  U - z", long + "  ER  -"] {
            let reference = RISTestSupport.parse(ris: "TY  - JOUR\nN1  - \(value)\nER  - \n").references[0]
            #expect(reference.note == value.trimmingCharacters(in: .whitespaces), "\(value)")
            #expect(reference.extraFields["U2"] == nil, "\(value)")
        }
    }

    @Test func aFileWithoutRecordsIsOneFailedBlock() {
        let sink = RISTestSupport.parse(ris: "\n\nFN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nER\n")
        #expect(RISTestSupport.lines(sink) == ["error ris.no-records 3"])
        #expect(sink.failed == 1)
        #expect(sink.records.isEmpty)
    }

    @Test func largeFilesMappedInParallelBatchesKeepFileOrderKeysAndDiagnosticLines() {
        // More records than one batch, so they are mapped on several threads; one block in the middle has no `TY`.
        var text = ""
        for index in 0..<1_300 {
            if index == 700 { text += "AU  - Lost, Type\nER  - \n" }
            text += "TY  - JOUR\nAU  - Smith, A\nPY  - \(2000 + index % 3)\nTI  - Same Title \(index)\nSN  - bad\(index)\nER  - \n"
        }
        let sink = RISTestSupport.parse(ris: text)
        #expect(sink.records.count == 1_300)
        #expect(sink.references.map { $0.title?.plain } == (0..<1_300).map { "Same Title \($0)" })
        #expect(Array(sink.references.prefix(4).map(\.citationKey)) == ["smith2000same", "smith2001same", "smith2002same", "smith2000samea"])
        #expect(Set(sink.references.map(\.citationKey)).count == 1_300)
        let lines = sink.diagnostics.compactMap { $0.location?.line }
        #expect(lines == lines.sorted())
        #expect(sink.errors.map { $0.location?.line } == [700 * 6 + 1])
        #expect(sink.diagnostics.filter { $0.code == "ris.standard-number" }.count == 1_300)
        #expect(sink.diagnostics.first { $0.code == "ris.standard-number" }?.entry == "smith2000same")
    }

    @Test func keysFollowFileOrderAcrossBatches() {
        // Ten batches, mapped by as many threads as are free; each of 200 names comes once in every 200 records, so
        // its n-th record must get the n-th suffix.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func family(_ index: Int) -> String { "Fam" + String(letters[index / 26 % 26]) + String(letters[index % 26]) }
        var text = ""
        for index in 0..<5_200 {
            text += "TY  - JOUR\nAU  - \(family(index % 200)), A\nPY  - 2020\nTI  - Same Title\nER  - \n"
        }
        let keys = RISTestSupport.parse(ris: text).references.map(\.citationKey)
        let expected = (0..<5_200).map { index in
            family(index % 200).lowercased() + "2020same" + (index < 200 ? "" : String(letters[index / 200 - 1]))
        }
        #expect(keys.count == expected.count)
        let firstWrong = keys.indices.first { $0 < expected.count && keys[$0] != expected[$0] }
        #expect(firstWrong == nil, "record \(firstWrong ?? 0): '\(keys[firstWrong ?? 0])', expected '\(expected[firstWrong ?? 0])'")
    }

    @Test func keysAreUniqueInAFile() {
        let record = "TY  - JOUR\nAU  - Smith, A\nPY  - 2020\nTI  - The Same Title\nER  - \n"
        let keys = RISTestSupport.parse(ris: record + record + record).references.map(\.citationKey)
        #expect(keys == ["smith2020same", "smith2020samea", "smith2020sameb"])
    }
}
