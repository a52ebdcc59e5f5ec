import CitationModel
import Tagging
import Testing

@Suite struct EvidenceMapTests {
    let framework = TaggingFixtures.small

    @Test func rowsArePrinciplesThenEachDomainWithItsCompetencies() {
        let map = EvidenceMap.build(frameworks: [framework], tallies: [], axis: .design)
        #expect(map.rows.map(\.concept.code) == ["P1", "D1", "C1", "C2"])
        #expect(map.rows.map(\.group) == ["Principles", "Change", "Change", "Change"])
        #expect(map.rows.allSatisfy { $0.total == 0 })
    }

    @Test func cellsCountPapersByDesign() {
        let tallies = [
            LinkTally(conceptID: "t:competency/teams", design: .survey, papers: 2),
            LinkTally(conceptID: "t:competency/teams", design: .survey, strength: .strong, papers: 1),
            LinkTally(conceptID: "t:competency/teams", design: nil, papers: 1),
            LinkTally(conceptID: "t:principle/care", design: .systematicReview, papers: 4),
            LinkTally(conceptID: "other:unknown", design: .trial, papers: 9),
        ]
        let map = EvidenceMap.build(frameworks: [framework], tallies: tallies, axis: .design)
        let survey = map.columns.firstIndex { $0.key == "survey" }!
        let none = map.columns.firstIndex { $0.key == "none" }!
        let review = map.columns.firstIndex { $0.key == "systematic-review" }!
        let teams = map.rows.first { $0.concept.code == "C1" }!
        #expect(teams.counts[survey] == 3)
        #expect(teams.counts[none] == 1)
        #expect(teams.total == 4)
        #expect(map.rows[0].counts[review] == 4)
        #expect(map.maximum == 4)
        #expect(Set(map.nonEmptyColumns.map { map.columns[$0].key }) == ["survey", "none", "systematic-review"])
        // Strongest designs come first among the columns.
        #expect(map.columns.first?.key == "systematic-review")
    }

    @Test func relationAxisCountsByRelation() {
        let tallies = [
            LinkTally(conceptID: "t:competency/trust", relation: .measures, papers: 2),
            LinkTally(conceptID: "t:competency/trust", relation: .challenges, papers: 1),
        ]
        let map = EvidenceMap.build(frameworks: [framework], tallies: tallies, axis: .relation)
        #expect(map.columns.map(\.key) == ["defines", "measures", "supports", "challenges", "describes"])
        let trust = map.rows.first { $0.concept.code == "C2" }!
        #expect(trust.counts == [0, 2, 0, 1, 0])
    }

    @Test func jsonHasEveryRowAndColumn() {
        let map = EvidenceMap.build(frameworks: [TaggingFixtures.framework], tallies: [], axis: .design)
        guard case .array(let rows)? = map.json()["rows"] else { Issue.record("no rows"); return }
        #expect(rows.count == 24)
        #expect(rows[0]["counts"]?["survey"] == .integer(0))
    }

    @Test func htmlIsSelfContainedWithAMatrixAndCellLists() {
        let tallies = [LinkTally(conceptID: "t:competency/teams", design: .survey, papers: 1)]
        let map = EvidenceMap.build(frameworks: [framework], tallies: tallies, axis: .design)
        let link = EvidenceLink(reference: "a2020", concept: "t:competency/teams", quote: "teams <matter> & more")
        let paper = EvidenceMapHTML.Paper(citationKey: "a2020", citation: "A. (2020). Teams.", url: "https://doi.org/10.1/x", link: link)
        let html = EvidenceMapHTML.render(map, papers: ["t:competency/teams": ["survey": [paper]]], title: "Map", subtitle: "test")
        #expect(html.contains("<table class=\"matrix\""))
        #expect(html.contains("teams &lt;matter&gt; &amp; more"))
        #expect(html.contains("href=\"#cell-2-survey\""))
        #expect(html.contains("<details id=\"cell-2-survey\""))
        #expect(html.contains("@media print"))
        // No network assets: nothing is loaded from elsewhere.
        #expect(!html.contains("<link "))
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("@import"))
        // A citation that ends with its DOI link gets that link made clickable, not repeated.
        let withDOI = EvidenceMapHTML.Paper(citationKey: "a2020", citation: "A. (2020). Teams. https://doi.org/10.1/x", url: "https://doi.org/10.1/x", link: link)
        let page = EvidenceMapHTML.render(map, papers: ["t:competency/teams": ["survey": [withDOI]]], title: "Map", subtitle: "test")
        #expect(page.components(separatedBy: "https://doi.org/10.1/x").count - 1 == 2, "once in href, once as text")
    }
}
