import CitationModel
import Importers
import Testing

/// Reference lists: each `ref` to a cited work, in order, with deterministic keys.
@Suite struct JATSCitationReaderTests {
    let cites: [Reference]

    init() throws {
        let sink = try JATSFixtures.parse("reference-list.xml")
        #expect(sink.errors.isEmpty)
        cites = try #require(sink.records.first).cites
    }

    @Test func oneCitedWorkPerRefInOrder() {
        #expect(cites.count == 9)
        #expect(cites.first?.creators.first?.family == "Metz")
        #expect(cites.last?.creators.first?.family == "First")
    }

    @Test func elementCitationJournalArticle() {
        let work = cites[0]
        #expect(work.type == .articleJournal)
        #expect(work.creators.map(\.family) == ["Metz", "Louison"])
        #expect(work.extraFields["etal"] == "yes")
        #expect(work.title?.runs == [RichText.Run("Co-creation in "), RichText.Run("practice", style: .italic)])
        #expect(work.containerTitle?.plain == "Implement Sci")
        #expect(work.issued == PartialDate(parts: [PartialDate.Parts(year: 2015)], raw: "2015a"))
        #expect(work.volume == "10" && work.issue == "3" && work.page == "147-170")
        #expect(work.doi == "10.1186/s13012-015-0001-1" && work.pmid == "25000001" && work.pmcid == "PMC4000001")
        #expect(work.note == nil)
        #expect(work.citationKey == "metz2015cocreation")
    }

    /// A DOI given only as a link is taken from it, its escaped slashes (`%2F`, `%2f`) decoded.
    @Test func doiFromALinkWithEscapedSlashes() throws {
        let links = [
            "https://doi.org/10.1000%2Fabc%2fdef", "https://dx.doi.org/10.1000/plain", "http://doi.org/10.1000/50%25%2F2F",
        ]
        let refs = links.enumerated().map { index, link in
            "<ref id=\"r\(index)\"><mixed-citation>Author A. Title \(index). <ext-link ext-link-type=\"uri\" xlink:href=\"\(link)\">\(link)</ext-link></mixed-citation></ref>"
        }
        let sink = JATSFixtures.parse(text: JATSFixtures.article(back: "<ref-list>" + refs.joined() + "</ref-list>"))
        let cites = try #require(sink.records.first).cites
        #expect(cites.map(\.doi) == ["10.1000/abc/def", "10.1000/plain", "10.1000/50%25/2f"])
    }

    @Test func bookChapterWithEditorsPublisherAndComment() {
        let work = cites[1]
        #expect(work.type == .chapter)
        #expect(work.title?.plain == "Implementation research")
        #expect(work.containerTitle?.plain == "Handbook of implementation")
        #expect(work.creators(.author).map(\.family) == ["Fixsen"])
        #expect(work.creators(.editor).map(\.family) == ["Blase"])
        #expect(work.edition == "2nd")
        #expect(work.publisher == "University of South Florida" && work.publisherPlace == "Tampa")
        #expect(work.page == "11-20")
        #expect(work.note == "Available in print only")
    }

    @Test func mixedCitationKeepsTaggedPartsAndItsWholeText() {
        let work = cites[2]
        #expect(work.creators == [Creator.literal("World Health Organization")])
        #expect(work.title?.plain == "Guidance on scale-up")
        #expect(work.containerTitle?.plain == "Bull World Health Organ")
        #expect(work.articleNumber == "e12")
        #expect(work.doi == "10.2471/blt.19.000001")
        #expect(work.note == "World Health Organization (2019) Guidance on scale-up. Bull World Health Organ 97: e12. doi:10.2471/BLT.19.000001")
    }

    @Test func untaggedCitationIsNeverLost() {
        let work = cites[3]
        #expect(work.type == .document)
        #expect(work.note == "Horvath MP, Smith J, et al. (2008) Evolution of telomere binding proteins. Austin, TX: Landes Bioscience. doi: 10.1000/XYZ.123.")
        #expect(work.doi == "10.1000/xyz.123")
        #expect(work.year == 2008)
        #expect(work.creators.map(\.family) == ["Horvath", "Smith"])
        #expect(work.extraFields["from-literal"] == "issued,author")
    }

    @Test func webPageWithCollabUrlAndAccessDate() {
        let work = cites[4]
        #expect(work.type == .webpage)
        #expect(work.title?.plain == "Practice profiles")
        #expect(work.containerTitle == nil)
        #expect(work.creators == [Creator.literal("Implementation Hub")])
        #expect(work.url == "https://example.org/profiles")
        #expect(work.accessed?.parts == [PartialDate.Parts(year: 2021, month: 2, day: 3)])
    }

    @Test func worksWithoutIdentifiersGetDistinctStableKeys() throws {
        #expect(cites[5].citationKey.hasPrefix("metz2015another-"))
        #expect(cites[6].citationKey.hasPrefix("metz2015third-"))
        #expect(cites[5].citationKey != cites[6].citationKey)
        let again = try #require(try JATSFixtures.parse("reference-list.xml").records.first).cites
        #expect(again.map(\.citationKey) == cites.map(\.citationKey))
        #expect(Set(cites.map(\.citationKey)).count == cites.count)
    }

    @Test func mixedCitationWithoutPunctuationGetsWordBoundaries() {
        #expect(cites[7].note == "Avery SV Microbial cell individuality Nat Rev Microbiol 2006 4 577 587 16845428")
        #expect(cites[7].pmid == "16845428")
    }

    @Test func refWithTwoCitationsKeepsTheSecondInTheNote() {
        let work = cites[8]
        #expect(work.title?.plain == "First work")
        #expect(work.note == "(a) First A (2001) First work.\n(b) Second B (2002) Second work.")
    }

    @Test func stringNamesTranslatorsConferencesAndPageCounts() throws {
        let back = """
            <ref-list><ref id="c1"><element-citation publication-type="confproc">
              <person-group person-group-type="author"><string-name><surname>Durand</surname>, <given-names>M.</given-names></string-name><string-name>K. Okafor</string-name></person-group>
              <person-group person-group-type="translator"><name-alternatives><name name-style="western"><surname>Sato</surname><given-names>Yuki</given-names></name></name-alternatives></person-group>
              <person-group person-group-type="assignee"><collab>Acme Corp</collab></person-group>
              <article-title>Scaling support</article-title><source>Proceedings of the Implementation Conference</source>
              <conf-name>Implementation Conference 2019</conf-name><conf-loc>Oslo</conf-loc>
              <year>2019</year><size units="pages">12</size>
            </element-citation></ref></ref-list>
            """
        let work = try #require(JATSFixtures.parse(text: JATSFixtures.article(meta: "<title-group><article-title>T</article-title></title-group>", back: back)).records.first?.cites.first)
        #expect(work.type == .paperConference)
        #expect(work.title?.plain == "Scaling support")
        #expect(work.containerTitle?.plain == "Proceedings of the Implementation Conference")
        #expect(work.creators(.author).map(\.family) == ["Durand", nil])
        #expect(work.creators(.author).last?.literal == "K. Okafor")
        #expect(work.creators(.translator).map(\.family) == ["Sato"])
        #expect(work.extraFields["person-group.assignee"] == "Acme Corp")
        #expect(work.csl["event-title"] == .string("Implementation Conference 2019"))
        #expect(work.csl["event-place"] == .string("Oslo"))
        #expect(work.csl["number-of-pages"] == .string("12"))
    }

    @Test func nlm23CitationAndNlmCitationElements() throws {
        let works = try #require(try JATSFixtures.parse("nlm-2.3.xml").records.first).cites
        #expect(works.count == 2)
        #expect(works[0].type == .book)
        #expect(works[0].title?.plain == "The genetical theory of natural selection")
        #expect(works[0].publisher == "Clarendon Press")
        #expect(works[0].year == 1930)
        #expect(works[1].type == .articleJournal)
        #expect(works[1].pmid == "10937178")
        #expect(works[1].page == "13-20")
    }
}
