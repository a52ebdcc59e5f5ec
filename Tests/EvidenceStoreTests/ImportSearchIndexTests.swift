import CitationModel
import EvidenceStore
import Foundation
import Testing

/// Full-text search stays right although an import run writes the index itself instead of by triggers
/// (`ImportSearchIndex`), in place or, in a bulk load, built on another thread and copied in (`DetachedSearchIndex`).
/// Every test runs both ways.
@Suite struct ImportSearchIndexTests {
    static func paper(_ key: String, title: String, abstract: String) -> Reference {
        Reference(citationKey: key, type: .articleJournal, title: RichText(title), abstract: RichText(abstract), creators: [Creator(family: "Okafor", given: "N.")])
    }

    @Test("a record updated by a later import is found by its new words only", arguments: [false, true])
    func updateOfAnEarlierRun(bulk: Bool) throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper("a2020", title: "Coaching in schools", abstract: "Early findings.")], bulk: bulk)
        try temporary.importing([Self.paper("a2020", title: "Coaching in schools", abstract: "Revised outcomes.")], bulk: bulk)
        #expect(try temporary.store.search("revised").map(\.stored.reference.citationKey) == ["a2020"])
        #expect(try temporary.store.search("early").isEmpty)
        #expect(try temporary.store.searchIndexMatchesRows())
    }

    @Test("a record inserted and updated in the same run is found once, by its last words", arguments: [false, true])
    func updateWithinOneRun(bulk: Bool) throws {
        let temporary = try TemporaryStore()
        try temporary.importing([
            Self.paper("b2021", title: "Facilitation teams", abstract: "First draft."),
            Self.paper("b2021", title: "Facilitation teams", abstract: "Final text."),
        ], bulk: bulk)
        #expect(try temporary.store.search("facilitation").map(\.stored.reference.citationKey) == ["b2021"])
        #expect(try temporary.store.search("draft").isEmpty)
        #expect(try temporary.store.search("final").count == 1)
        #expect(try temporary.store.searchIndexMatchesRows())
    }

    @Test("after a rolled-back run, later imports are still indexed", arguments: [false, true])
    func rollbackKeepsIndexing(bulk: Bool) throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper("c2019", title: "Mentoring nurses", abstract: "Wards.")], commit: false, bulk: bulk)
        try temporary.importing([Self.paper("d2018", title: "Peer mentoring", abstract: "Clinics.")], bulk: bulk)
        #expect(try temporary.store.search("mentoring").map(\.stored.reference.citationKey) == ["d2018"])
        try temporary.importing([Self.paper("d2018", title: "Peer mentoring", abstract: "Hospitals.")], bulk: bulk)
        #expect(try temporary.store.search("hospitals").map(\.stored.reference.citationKey) == ["d2018"])
        #expect(try temporary.store.searchIndexMatchesRows())
    }

    @Test("text with a NUL inside is indexed whole, and the index matches the rows where text is empty", arguments: [false, true])
    func textWithNULAndEmptyText(bulk: Bool) throws {
        let temporary = try TemporaryStore()
        try temporary.importing([
            Self.paper("e2022", title: "Alpha\u{0}omega", abstract: ""),
            Self.paper("f2023", title: "Brokering", abstract: "Omega point."),
        ], bulk: bulk)
        // The words after the NUL are found: the text is not cut short where a C string would end.
        #expect(try temporary.store.search("omega").map(\.stored.reference.citationKey).sorted() == ["e2022", "f2023"])
        #expect(try temporary.store.search("alpha").map(\.stored.reference.citationKey) == ["e2022"])
        #expect(try temporary.store.searchIndexMatchesRows())
    }

    /// More rows than one burst of the index (4,096), some updated in the run that added them and some in a later run.
    static func papers(_ count: Int, revision: String) -> [Reference] {
        (0..<count).map { index in
            paper("p\(index)", title: "Study \(index) of team \(["coaching", "facilitation", "brokering"][index % 3])",
                  abstract: index % 7 == 0 ? "Revision \(revision) of finding \(index)." : "Finding \(index).")
        }
    }

    @Test("a bulk load and an in-place run index the same words, across bursts, runs and updates")
    func bulkAndInPlaceAgree() throws {
        var results: [[String]] = []
        for bulk in [false, true] {
            let temporary = try TemporaryStore()
            try temporary.importing(Self.papers(5000, revision: "one") + Self.papers(300, revision: "two"), bulk: bulk)
            try temporary.importing(Self.papers(5000, revision: "three").filter { $0.citationKey.hasSuffix("7") }, bulk: bulk)
            #expect(try temporary.store.searchIndexMatchesRows(), "bulk: \(bulk)")
            var found: [String] = []
            for query in ["brokering", "revision", "two", "three", "one", "finding"] {
                found.append(query + ": " + String(try temporary.store.search(query, limit: 10_000).count))
            }
            results.append(found)
        }
        #expect(results[0] == results[1])
        // 1,666 titles say "brokering"; every seventh paper carries a revision, "two" within the first run and
        // "three" for the keys ending in 7 that a later run updated.
        #expect(results[1].first == "brokering: 1666")
    }

    /// The store's connection has written the index in place (three segments) before a bulk load replaces it (one
    /// segment) and writes it in place again after. With another connection open (here, a reading store) the store
    /// cannot leave WAL mode for the bulk load: the run must go on in WAL mode instead of failing with "database is
    /// locked". (Why `DetachedSearchIndex` re-creates the table: `Benchmarks/perf.md`, session 4.)
    @Test("an in-place run after a bulk load on the same connection extends the copied index", arguments: [false, true])
    func inPlaceAfterBulk(readerOpen: Bool) throws {
        let temporary = try TemporaryStore()
        try temporary.store.install(StoreFixture.framework)
        // Three in-place runs: three index segments the store's connection knows of; the bulk load leaves one.
        try temporary.importing([Self.paper("g2015", title: "Improvement advisors", abstract: "Hospitals.")], bulk: false)
        try temporary.importing([Self.paper("h2014", title: "Technical assistance", abstract: "States.")], bulk: false)
        try temporary.importing([Self.paper("i2013", title: "Practice facilitators", abstract: "Primary care.")], bulk: false)
        let reader = readerOpen ? EvidenceStore.reading(path: temporary.store.path) : nil
        #expect(try reader?.statistics().references ?? 3 == 3)
        try temporary.importing(Self.papers(200, revision: "one"), bulk: true)
        _ = reader
        try temporary.importing([Self.paper("g2015", title: "Improvement advisors", abstract: "Care homes.")], bulk: false)
        try temporary.importing(Self.papers(200, revision: "two"), bulk: false)
        #expect(try temporary.store.searchIndexMatchesRows())
        #expect(try temporary.store.search("homes").map(\.stored.reference.citationKey) == ["g2015"])
        #expect(try temporary.store.search("states OR primary").map(\.stored.reference.citationKey).sorted() == ["h2014", "i2013"])
        #expect(try temporary.store.search("hospitals").isEmpty)
        #expect(try temporary.store.search("one").isEmpty)
    }

    @Test("a bulk load leaves the store in WAL mode with no journal, and a rolled-back one leaves it as it was")
    func bulkLoadJournal() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper("e2017", title: "Coaching circles", abstract: "Schools.")], bulk: true)
        try temporary.importing([Self.paper("f2016", title: "Coaching dyads", abstract: "Clinics.")], commit: false, bulk: true)
        let header = try Data(contentsOf: URL(fileURLWithPath: temporary.store.path))
        // Bytes 18 and 19 of the header are the file format's write and read versions: 2 for WAL, 1 for a rollback
        // journal (SQLite file format, "1.3 The Database Header").
        #expect(header[18] == 2 && header[19] == 2)
        #expect(!FileManager.default.fileExists(atPath: temporary.store.path + "-journal"))
        #expect(try temporary.store.search("coaching").map(\.stored.reference.citationKey) == ["e2017"])
        #expect(try temporary.store.searchIndexMatchesRows())
    }
}
