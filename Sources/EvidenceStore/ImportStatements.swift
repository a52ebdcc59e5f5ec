import CitationModel
import GRDB

/// The statements an import runs for every record, prepared once per run, and what the run has inserted so far.
///
/// When the store held no reference at the start of the run, a citation key or identifier this run has not inserted
/// cannot be in it, so `mayHold` answers "no" without a query: importing into a new store then runs no SELECT for a
/// record whose key and identifiers are new, which is nearly every record.
final class ImportStatements {
    let references: ReferenceBatch
    let insertIdentifier: RawStatement
    let provenance: ProvenanceBatch
    let referenceByIdentifier: RawStatement
    let referenceByKey: RawStatement
    let doisOfReference: RawStatement
    let deleteCitations: RawStatement
    let insertCitation: RawStatement

    /// Whether the store had no reference when the run began.
    let startedEmpty: Bool
    private var insertedKeys: Set<String> = []
    private var insertedIdentifiers: Set<IdentifierKey> = []

    /// With `batchingReferences`, new reference rows are written in batches (`ReferenceBatch`): only in a run that
    /// does not enforce foreign keys.
    init(runID: Int64, now: String, batchingReferences: Bool, db: Database) throws {
        references = try ReferenceBatch(db: db, now: now, batching: batchingReferences)
        insertIdentifier = try RawStatement("INSERT OR IGNORE INTO identifier (reference_id, kind, value) VALUES (?, ?, ?)", in: db)
        provenance = try ProvenanceBatch(runID: runID, db: db)
        referenceByIdentifier = try RawStatement("SELECT reference_id FROM identifier WHERE kind = ? AND value = ? LIMIT 1", in: db)
        referenceByKey = try RawStatement("SELECT id, title FROM reference WHERE citation_key = ?", in: db)
        doisOfReference = try RawStatement("SELECT value FROM identifier WHERE reference_id = ? AND kind = 'doi'", in: db)
        deleteCitations = try RawStatement("DELETE FROM citation WHERE citing_id = ?", in: db)
        insertCitation = try RawStatement("INSERT INTO citation (citing_id, cited_id, position) VALUES (?, ?, ?)", in: db)
        startedEmpty = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reference)")!
    }

    /// Releases the prepared statements (on the writer's connection, before the run ends).
    func finalize() {
        references.finalize()
        for statement in [insertIdentifier, referenceByIdentifier, referenceByKey, doisOfReference, deleteCitations, insertCitation] {
            statement.finalize()
        }
        provenance.finalize()
    }

    /// Notes a key this run inserted.
    func noteKey(_ key: String) {
        if startedEmpty { insertedKeys.insert(key) }
    }

    /// Notes an identifier this run inserted.
    func noteIdentifier(_ kind: IdentifierKind, _ value: String) {
        if startedEmpty { insertedIdentifiers.insert(IdentifierKey(kind: kind, value: value)) }
    }

    /// Whether the store may hold a reference with this key (false only when it certainly does not).
    func mayHoldKey(_ key: String) -> Bool {
        !startedEmpty || insertedKeys.contains(key)
    }

    /// Whether the store may hold this identifier (false only when it certainly does not).
    func mayHoldIdentifier(_ kind: IdentifierKind, _ value: String) -> Bool {
        !startedEmpty || insertedIdentifiers.contains(IdentifierKey(kind: kind, value: value))
    }
}

/// An identifier as the `identifier` table keys it.
private struct IdentifierKey: Hashable {
    var kind: IdentifierKind
    var value: String
}
