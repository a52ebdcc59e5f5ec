import CitationModel
import EvidenceStore
import Foundation
import GRDB
import Testing

/// A store in a new temporary folder, removed when the test ends.
final class TemporaryStore {
    let folder: URL
    let store: EvidenceStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-store-\(UUID().uuidString)")
        store = try EvidenceStore(path: folder.appendingPathComponent("store.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    @discardableResult
    func importing(_ references: [Reference], isMember: Bool = true, commit: Bool = true, bulk: Bool? = nil) throws -> [UpsertResult] {
        try store.importRun(description: "test", bulk: bulk) { writer in
            (try references.map { try writer.upsert($0, file: "t.json", format: "csljson", line: 1, isMember: isMember) }, commit)
        }
    }
}

@Suite("Evidence store (real SQLite file)")
struct EvidenceStoreTests {
    static let paper = Reference(
        citationKey: "buhrmann2022knowledge", type: .articleJournal,
        title: "Knowledge and attitudes of implementation support practitioners",
        containerTitle: "PLOS ONE", issued: PartialDate(year: 2022),
        abstract: "A systematic integrative review of 79 studies on trusting relationships.",
        keywords: ["implementation support"], identifiers: [Identifier(.doi, "10.1371/journal.pone.0267533")!, Identifier(.pmid, "35544529")!],
        creators: [Creator(family: "Bührmann", given: "L.")])

    @Test("the file is a SQLite database in WAL mode with the schema")
    func realFile() throws {
        let temporary = try TemporaryStore()
        let header = try Data(contentsOf: URL(fileURLWithPath: temporary.store.path)).prefix(16)
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3\u{0}")
        #expect(FileManager.default.fileExists(atPath: temporary.store.path + "-wal"))
        #expect(try temporary.store.statistics() == .init(references: 0, citedOnly: 0, frameworks: 0, concepts: 0, links: 0))
    }

    @Test("a stored record's times are ISO 8601 in UTC to the second, and now")
    func timestamps() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper])
        let stored = try #require(try temporary.store.reference(matching: Self.paper.citationKey))
        #expect(stored.created.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil, "\(stored.created)")
        let formatter = ISO8601DateFormatter()
        let created = try #require(formatter.date(from: stored.created))
        #expect(abs(created.timeIntervalSinceNow) < 60)
        #expect(stored.updated == stored.created)
    }

    @Test("importing the same record twice updates it instead of duplicating it")
    func reimportUpdates() throws {
        let temporary = try TemporaryStore()
        let first = try temporary.importing([Self.paper])
        #expect(first.map(\.outcome) == [.inserted])
        #expect(try temporary.importing([Self.paper]).map(\.outcome) == [.unchanged])
        var changed = Self.paper
        changed.volume = "17"
        #expect(try temporary.importing([changed]).map(\.outcome) == [.updated])
        #expect(try temporary.store.references().count == 1)
        #expect(try temporary.store.reference(matching: "buhrmann2022knowledge")?.reference.volume == "17")
        #expect(try temporary.store.provenance(of: first[0].id).count == 3)
    }

    @Test("a DOI identifies the work even under another key")
    func identityByDOI() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper])
        var other = Self.paper
        other.citationKey = "Buhrmann2022"
        other.identifiers = [Identifier(.doi, "https://doi.org/10.1371/JOURNAL.PONE.0267533")!]
        let result = try temporary.importing([other])
        #expect(result[0].outcome == .updated)
        #expect(result[0].citationKey == "buhrmann2022knowledge")
        #expect(try temporary.store.references().count == 1)
    }

    @Test("a key taken by a different work gets a suffix, losing nothing")
    func keyConflict() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper])
        let different = Reference(citationKey: "buhrmann2022knowledge", type: .book, title: "A different book")
        let result = try temporary.importing([different])
        #expect(result[0].outcome == .inserted)
        #expect(result[0].citationKey == "buhrmann2022knowledge-2")
        #expect(result[0].renamedFrom == "buhrmann2022knowledge")
        #expect(try temporary.store.references().count == 2)
    }

    @Test("an import that is not committed leaves the store unchanged")
    func rollback() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper], commit: false)
        #expect(try temporary.store.references().isEmpty)
        #expect(try temporary.store.search("knowledge").isEmpty)
    }

    @Test("a row that refers to no stored reference fails the import, in bulk or not, and nothing is stored", arguments: [true, false])
    func danglingReferenceRollsBack(bulk: Bool) throws {
        let temporary = try TemporaryStore()
        #expect(throws: (any Error).self) {
            try temporary.store.importRun(description: "test", bulk: bulk) { writer in
                let stored = try writer.upsert(Self.paper, file: "t.json", format: "csljson", line: 1)
                try writer.setCitations(from: stored.id, to: [stored.id + 1000])
                return ((), true)
            }
        }
        #expect(try temporary.store.references().isEmpty)
        // The store still checks references afterwards: a later run in bulk mode is checked again.
        try temporary.importing([Self.paper], bulk: bulk)
        #expect(try temporary.store.references().count == 1)
    }

    @Test("a store changed by another version of evidence is refused with the schema changes it records, not migrated")
    func storeOfAnotherVersion() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper])
        let path = temporary.store.path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: something newer')")
        }
        try queue.close()
        let error = try #require(throws: EvidenceStore.UnknownSchemaError.self) { try EvidenceStore(path: path) }
        #expect(error.migrations == ["v9: something newer"])
        #expect(error.description.contains("another version of evidence") && error.description.contains("'v9: something newer'"))
        // The store itself is left as it was.
        let stillThere = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT citation_key FROM reference") }
        #expect(stillThere == [Self.paper.citationKey])
    }

    @Test("references are found by key, DOI, PMID and row id")
    func lookup() throws {
        let temporary = try TemporaryStore()
        let id = try temporary.importing([Self.paper])[0].id
        for text in ["buhrmann2022knowledge", "10.1371/journal.pone.0267533", "https://doi.org/10.1371/journal.pone.0267533", "35544529", String(id)] {
            #expect(try temporary.store.reference(matching: text)?.id == id, "\(text)")
        }
        #expect(try temporary.store.reference(matching: "nobody2000") == nil)
    }

    @Test("full-text search finds words in titles, abstracts and creators, accents folded, best first")
    func search() throws {
        let temporary = try TemporaryStore()
        let other = Reference(citationKey: "x2020", type: .book, title: "Trusting relationships in implementation", abstract: "Trust.")
        try temporary.importing([Self.paper, other])
        #expect(try temporary.store.search("trusting relationships").map(\.stored.reference.citationKey) == ["x2020", "buhrmann2022knowledge"])
        #expect(try temporary.store.search("buhrmann").map(\.stored.reference.citationKey) == ["buhrmann2022knowledge"])
        #expect(try temporary.store.search("knowl").count == 1)
        #expect(try temporary.store.search("c++ (&)").isEmpty)
    }

    @Test("works known only from citations stay out of the library until imported in their own right")
    func citedOnly() throws {
        let temporary = try TemporaryStore()
        try temporary.importing([Self.paper], isMember: false)
        #expect(try temporary.store.references().isEmpty)
        #expect(try temporary.store.references(includeCited: true).count == 1)
        try temporary.importing([Self.paper])
        #expect(try temporary.store.references().count == 1)
        var thin = Self.paper
        thin.abstract = nil
        try temporary.importing([thin], isMember: false)
        #expect(try temporary.store.references().first?.reference.abstract != nil)
    }

    @Test("frameworks and links are stored, and every link change is audited")
    func linksAndAudit() throws {
        let temporary = try TemporaryStore()
        let framework = Framework(id: "t", title: "Test", concepts: [
            Concept(frameworkID: "t", localID: "domain/d", kind: .domain, name: "D", position: 0),
            Concept(frameworkID: "t", localID: "competency/c", kind: .competency, name: "C", parent: "domain/d", position: 1),
        ])
        try temporary.store.install(framework)
        #expect(try temporary.store.frameworks() == [framework])
        let id = try temporary.importing([Self.paper])[0].id
        let link = EvidenceLink(reference: "buhrmann2022knowledge", concept: "t:competency/c", relation: .supports, strength: .moderate)
        #expect(try temporary.store.upsertLink(link, referenceID: id, conceptID: "t:competency/c", actor: "tester"))
        #expect(try !temporary.store.upsertLink(link, referenceID: id, conceptID: "t:competency/c", actor: "tester"))
        let rows = try temporary.store.rankedEvidence(forConcepts: ["t:competency/c"]).papers
        #expect(rows.count == 1)
        #expect(rows[0].links.map(\.curator) == ["tester"])
        #expect(rows[0].stored.reference.citationKey == "buhrmann2022knowledge")
        #expect(throws: StoreError.unknownConcept("t:nothing")) {
            try temporary.store.upsertLink(link, referenceID: id, conceptID: "t:nothing", actor: "tester")
        }
    }
}
