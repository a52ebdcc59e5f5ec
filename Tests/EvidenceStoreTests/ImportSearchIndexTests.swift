import CitationModel
import EvidenceStore
import Testing

/// Full-text search stays right although an import run writes the index itself instead of by triggers (`ImportSearchIndex`).
@Suite struct ImportSearchIndexTests {
    static func paper(_ key: String, title: String, abstract: String) -> Reference {
        Reference(citationKey: key, type: .articleJournal, title: RichText(title), abstract: RichText(abstract), creators: [Creator(family: "Okafor", given: "N.")])
    }

    @Test("a record updated by a later import is found by its new words only")
    func updateOfAnEarlierRun() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper("a2020", title: "Coaching in schools", abstract: "Early findings.")])
        try temporary.importing([Self.paper("a2020", title: "Coaching in schools", abstract: "Revised outcomes.")])
        #expect(try temporary.store.search("revised").map(\.stored.reference.citationKey) == ["a2020"])
        #expect(try temporary.store.search("early").isEmpty)
    }

    @Test("a record inserted and updated in the same run is found once, by its last words")
    func updateWithinOneRun() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([
            Self.paper("b2021", title: "Facilitation teams", abstract: "First draft."),
            Self.paper("b2021", title: "Facilitation teams", abstract: "Final text."),
        ])
        #expect(try temporary.store.search("facilitation").map(\.stored.reference.citationKey) == ["b2021"])
        #expect(try temporary.store.search("draft").isEmpty)
        #expect(try temporary.store.search("final").count == 1)
    }

    @Test("after a rolled-back run, later imports are still indexed")
    func rollbackKeepsIndexing() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper("c2019", title: "Mentoring nurses", abstract: "Wards.")], commit: false)
        try temporary.importing([Self.paper("d2018", title: "Peer mentoring", abstract: "Clinics.")])
        #expect(try temporary.store.search("mentoring").map(\.stored.reference.citationKey) == ["d2018"])
        try temporary.importing([Self.paper("d2018", title: "Peer mentoring", abstract: "Hospitals.")])
        #expect(try temporary.store.search("hospitals").map(\.stored.reference.citationKey) == ["d2018"])
    }
}
