import CitationModel
import Importers
import Testing

/// Article metadata: `front/journal-meta` and `front/article-meta` to the reference of the article itself.
@Suite struct JATSArticleReaderTests {
    let sink: CollectingSink
    let article: Reference

    init() throws {
        sink = try JATSFixtures.parse("article-metadata.xml")
        article = try #require(sink.references.first)
    }

    @Test func importsOneRecordWithoutDiagnostics() {
        #expect(sink.records.count == 1)
        #expect(sink.diagnostics.isEmpty)
        #expect(sink.records.first?.location == SourceLocation(file: "article-metadata.xml", line: 3, column: 1))
    }

    @Test func titleKeepsInlineMarkupAndTheSpaceBetweenAdjacentElements() throws {
        let title = try #require(article.title)
        #expect(title.plain == "Effects of Homo sapiens support: a mixed review of CO2, m2 and Nasa trials\u{2014}with\u{00A0}notes\u{2026}")
        #expect(title.runs.prefix(4) == [RichText.Run("Effects of "), RichText.Run("Homo", style: .italic), RichText.Run(" "), RichText.Run("sapiens", style: .italic)])
        #expect(title.runs.contains(RichText.Run("mixed", style: .bold)))
        #expect(title.runs.contains(RichText.Run("2", style: .subscript)))
        #expect(title.runs.contains(RichText.Run("2", style: .superscript)))
        #expect(title.runs.contains(RichText.Run("Nasa", style: .smallCaps)))
        #expect(article.subtitle?.runs == [RichText.Run("A "), RichText.Run("subtitle", style: .italic)])
        #expect(article.extraFields["trans-title"] == "Wirkungen der <i>Unterstützung</i>")
        #expect(article.extraFields["trans-title-lang"] == "de")
        #expect(article.shortTitle == "Effects of support")
    }

    @Test func contributorsWithNameStylesOrcidsAndRoles() {
        let authors = article.creators(.author)
        #expect(authors.count == 7)
        #expect(authors[0].family == "Albers" && authors[0].given == "Bianca" && authors[0].suffix == "Jr")
        #expect(authors[0].orcid == "0000-0002-1825-0097")
        #expect(authors[0].extra["prefix"] == .string("Dr"))
        #expect(authors[1].family == "Wang" && authors[1].extra["static-ordering"] == .bool(true))
        #expect(authors[2].literal == "Teller")
        #expect(authors[3].literal == "M. van der Berg")
        #expect(authors[4].family == "Li" && authors[4].given == "Ming")
        #expect(authors[5].literal == "The ISP Study Group")
        #expect(authors[6].literal == "Evidence Consortium")
        #expect(article.creators(.editor).map(\.family) == ["Metz"])
    }

    @Test func contributorsWithoutATypeTakeTheirGroupsRoleAndOthersAreLeftOut() {
        let meta = """
            <title-group><article-title>T</article-title></title-group>
            <contrib-group><contrib><name><surname>Plain</surname></name></contrib></contrib-group>
            <contrib-group content-type="section-editors"><contrib><name><surname>Grouped</surname></name></contrib></contrib-group>
            <contrib-group><contrib contrib-type="reviewer"><name><surname>Reviewer</surname></name></contrib></contrib-group>
            """
        let reference = JATSFixtures.parse(text: JATSFixtures.article(meta: meta)).references.first
        #expect(reference?.creators.map(\.role) == [.author, .editor])
        #expect(reference?.creators.map(\.family) == ["Plain", "Grouped"])
    }

    @Test func publicationDateIsTheElectronicVersionOfRecordWhole() {
        #expect(article.issued == PartialDate(year: 2021, month: 1, day: 15))
        #expect(article.extraFields["pub-date.pub-print"] == "2021-03")
        #expect(article.extraFields["pub-date.collection"] == "2021")
        #expect(article.extraFields["pub-date.pmc-release"] == "2022-02-01")
        #expect(article.extraFields["date.received"] == "2020-11-02")
    }

    @Test func datesAreNeverMixedAndSeasonsKept() {
        // The print date is chosen whole over the collection date; its missing day is not taken from another date.
        let meta = """
            <title-group><article-title>T</article-title></title-group>
            <pub-date pub-type="collection"><day>9</day><month>9</month><year>2018</year></pub-date>
            <pub-date pub-type="ppub"><season>Spring</season><year>2018</year></pub-date>
            """
        let issued = JATSFixtures.parse(text: JATSFixtures.article(meta: meta)).references.first?.issued
        #expect(issued == PartialDate(parts: [PartialDate.Parts(year: 2018)], season: "Spring"))
        let partial = "<pub-date date-type=\"pub\" publication-format=\"electronic\"><month>Feb</month><year>2019</year></pub-date>"
        #expect(JATSFixtures.parse(text: JATSFixtures.article(meta: partial)).references.first?.issued == PartialDate(year: 2019, month: 2))
    }

    @Test func volumeIssuePagesAndIdentifiers() {
        #expect(article.volume == "16")
        #expect(article.issue == "2")
        #expect(article.page == "147-170")
        #expect(article.articleNumber == "e0267533")
        #expect(article.doi == "10.1186/s13012-021-01234-x")
        #expect(article.pmid == "34567890")
        #expect(article.pmcid == "PMC8123456")
        #expect(article.extraFields["publisher-id"] == "s13012-021-01234")
    }

    @Test func journalTitleAbbreviationIssnsAndPublisher() {
        #expect(article.containerTitle?.plain == "Implementation Science")
        #expect(article.containerTitleShort == "Implement. Sci.")
        #expect(article.identifiers.filter { $0.kind == .issn }.map(\.value) == ["1234-5679", "1748-5908"])
        #expect(article.extraFields["issn-print"] == "1234-5679")
        #expect(article.extraFields["issn-electronic"] == "1748-5908")
        #expect(article.publisher == "BioMed Central")
        #expect(article.publisherPlace == "London")
    }

    @Test func structuredAbstractKeepsSectionTitles() {
        #expect(article.abstract?.plain == "Background: Support matters.\nMethods: We searched.\nWe screened.")
        #expect(article.abstract?.runs.contains(RichText.Run("matters", style: .italic)) == true)
        #expect(article.extraFields["abstract.plain-language-summary"] == "In short.")
    }

    @Test func keywordsFromEveryGroupOnce() {
        #expect(article.keywords == ["implementation support", "co-design", "capacity building"])
    }

    @Test func licenceAndCopyright() {
        #expect(article.extraFields["license"] == "http://creativecommons.org/licenses/by/4.0/")
        #expect(article.extraFields["license-type"] == "open-access")
        #expect(article.extraFields["license-p"]?.hasPrefix("This article is licensed") == true)
        #expect(article.extraFields["copyright-statement"] == "© The Author(s) 2021")
    }

    @Test func languageAndDeterministicKey() throws {
        #expect(article.language == "en")
        #expect(article.citationKey == "albers2021effects")
        let again = try JATSFixtures.parse("article-metadata.xml")
        #expect(again.references.first?.citationKey == article.citationKey)
    }

    @Test(arguments: [
        ("research-article", ReferenceType.articleJournal, StudyDesign?.none),
        ("review-article", .articleJournal, nil),
        ("systematic-review", .articleJournal, .systematicReview),
        ("meta-analysis", .articleJournal, .systematicReview),
        ("case-report", .articleJournal, .caseStudy),
        ("book-review", "review-book", nil),
        ("editorial", .articleJournal, nil),
    ])
    func articleTypeGivesCSLTypeAndOnlyStatedDesigns(articleType: String, type: ReferenceType, design: StudyDesign?) throws {
        let xml = JATSFixtures.article(meta: "<title-group><article-title>T</article-title></title-group>", attributes: "article-type=\"\(articleType)\"")
        let reference = try #require(JATSFixtures.parse(text: xml).references.first)
        #expect(reference.type == type)
        #expect(reference.studyDesign == design)
        #expect(reference.extraFields["article-type"] == articleType)
    }

    @Test(arguments: [
        ("Systematic Review", StudyDesign?.some(.systematicReview)), ("Guidelines and Guidance", .guidance), ("Research Article", nil),
    ])
    func headingThatNamesADesignGivesIt(heading: String, design: StudyDesign?) {
        let meta = "<article-categories><subj-group subj-group-type=\"heading\"><subject>\(heading)</subject></subj-group></article-categories><title-group><article-title>T</article-title></title-group>"
        #expect(JATSFixtures.parse(text: JATSFixtures.article(meta: meta)).references.first?.studyDesign == design)
    }

    @Test func nlm23ArticleWithJournalTitleSeasonAndMathML() throws {
        let sink = try JATSFixtures.parse("nlm-2.3.xml")
        let reference = try #require(sink.references.first)
        #expect(sink.errors.isEmpty)
        #expect(reference.containerTitle?.plain == "PLoS ONE")
        #expect(reference.containerTitleShort == "PLoS ONE")
        #expect(reference.title?.plain == "Quantifying complexity of \u{3B2} sheets")
        #expect(reference.issued == PartialDate(year: 2007))
        #expect(reference.extraFields["pub-date.ppub"] == "2006 Spring")
        #expect(reference.articleNumber == "e217")
        #expect(reference.language == "en")
        #expect(reference.extraFields["copyright-statement"] == "Copyright 2007 Tenaillon et al.")
        #expect(reference.identifiers.contains(Identifier(kind: .issn, value: "1932-6203", raw: "1932-6203")))
    }
}
