import CitationModel
import EvidenceStore
import Foundation
import GRDB
import Testing

/// A bulk load writes new references in batches (`ReferenceBatch`), so a record may be matched, renamed, cited or
/// linked while the row it needs is still waiting to be written. The same records, run in bulk and in place, must
/// give the same results and the same store.
@Suite struct ReferenceBatchTests {
    /// 40 papers (more than two batches of 16), among them records that need a row still waiting in the batch.
    static let records: [Reference] = (0..<40).map { index in
        var reference = Reference(
            citationKey: "k\(index)", type: .articleJournal, title: RichText("Paper \(index) on coaching"), issued: PartialDate(year: 2000 + index),
            creators: [Creator(family: "Author\(index)", given: "A.")])
        if index % 2 == 1 { reference.identifiers = [Identifier(.doi, "10.1000/x\(index)")!] }
        switch index {
        case 5:
            // The DOI of record 3, with another title and key: the same work, updated under record 3's key.
            reference.citationKey = "other5"
            reference.title = RichText("Paper three, revised")
            reference.identifiers = [Identifier(.doi, "10.1000/x3")!]
        case 8:
            // Record 6's key for another work (another title, no DOI): stored as k6-2.
            reference.citationKey = "k6"
        case 12:
            // Record 10's key and title, and no DOI: the same work, updated.
            reference.citationKey = "k10"
            reference.title = RichText("Paper 10 on coaching")
            reference.abstract = RichText("Added later.")
        case 34:
            // Record 33's DOI again, 17 records after the first batch was written.
            reference.identifiers = [Identifier(.doi, "10.1000/x33")!]
            reference.citationKey = "again34"
        default:
            break
        }
        return reference
    }

    /// What each `upsert` returned, and every table the run writes, as text (timestamps left out). `stored` is
    /// imported first, in place.
    static func run(bulk: Bool, records: [Reference] = records, stored: [Reference] = []) throws -> (results: [String], tables: [String]) {
        let temporary = try TemporaryStore()
        try temporary.store.install(StoreFixture.framework)
        if !stored.isEmpty { try temporary.importing(stored, bulk: false) }
        let results = try temporary.store.importRun(description: "batches", bulk: bulk) { writer in
            var results: [String] = []
            for (index, reference) in records.enumerated() {
                let result = try writer.upsert(reference, file: "batch.json", format: "csljson", line: index + 1)
                results.append("\(result.id) \(result.citationKey) \(result.outcome) \(result.renamedFrom ?? "-")")
                // Record 38 cites the two records before it, both still waiting in a bulk load.
                if index == 38 { try writer.setCitations(from: result.id, to: [result.id - 1, result.id - 2]) }
                // Record 20 carries a link, as an imported record may: the link's tally reads the row just stored.
                if index == 20 {
                    try writer.upsertLink(
                        EvidenceLink(reference: result.citationKey, concept: "t:competency/teams"), referenceID: result.id,
                        conceptID: "t:competency/teams", actor: "test")
                }
            }
            // A link to the last record, which a bulk load has not written yet.
            if let last = try writer.referenceID(forKey: records[records.count - 1].citationKey) {
                try writer.upsertLink(
                    EvidenceLink(reference: records[records.count - 1].citationKey, concept: "t:principle/care"), referenceID: last,
                    conceptID: "t:principle/care", actor: "test")
            }
            return (results, true)
        }
        let queries = [
            "SELECT id, citation_key, type, title, year, creators, abstract, is_member, csl FROM reference ORDER BY id",
            "SELECT reference_id, kind, value FROM identifier ORDER BY reference_id, kind, value",
            "SELECT id, reference_id, file, line FROM provenance ORDER BY id",
            "SELECT citing_id, cited_id, position FROM citation ORDER BY citing_id, position",
            "SELECT reference_id, concept_id FROM evidence_link ORDER BY reference_id",
            "SELECT concept_id, papers FROM link_tally WHERE papers > 0 ORDER BY concept_id",
        ]
        let tables = try DatabaseQueue(path: temporary.store.path).read { db in
            try queries.flatMap { sql in try Row.fetchAll(db, sql: sql).map(\.description) }
        }
        #expect(try temporary.store.searchIndexMatchesRows(), "bulk: \(bulk)")
        return (results, tables)
    }

    @Test("a bulk load, with rows waiting in a batch, stores exactly what an in-place run stores")
    func bulkMatchesInPlace() throws {
        let inPlace = try Self.run(bulk: false)
        let bulk = try Self.run(bulk: true)
        #expect(bulk.results == inPlace.results)
        #expect(bulk.tables == inPlace.tables)
        // The cases above happened: the three updates (one of them the later DOI match), the record renamed, the
        // citations, and both links counted in the tally.
        #expect(inPlace.results.filter { $0.contains(" updated ") }.count == 3)
        #expect(inPlace.results.contains { $0.hasSuffix("k6-2 inserted k6") })
        #expect(inPlace.tables.filter { $0.contains("cited_id:") }.count == 2)
        #expect(inPlace.tables.filter { $0.contains("papers:1") }.count == 2)
    }

    @Test("a bulk load into a store that holds references finds them by key and by DOI, as an in-place run does")
    func bulkIntoAStoreThatHoldsReferences() throws {
        // A nearly empty store's references are loaded before a bulk load, so that lookups of new keys and
        // identifiers need no query: the stored ones must still be found.
        let stored = [Self.records[1], Self.records[2], Self.records[3]]
        var later = Array(Self.records[20..<40])
        later[0].identifiers = [Identifier(.doi, "10.1000/x1")!]  // k1's DOI: an update of k1
        later[1].citationKey = "k2"  // k2's key with another title: renamed k2-2
        later[2] = Self.records[3]  // k3 again, unchanged
        let inPlace = try Self.run(bulk: false, records: later, stored: stored)
        let bulk = try Self.run(bulk: true, records: later, stored: stored)
        #expect(bulk.results == inPlace.results)
        #expect(bulk.tables == inPlace.tables)
        #expect(inPlace.results[0].hasSuffix("k1 updated -"))
        #expect(inPlace.results[1].hasSuffix("k2-2 inserted k2"))
        #expect(inPlace.results[2].hasSuffix("k3 unchanged -"))
    }
}
