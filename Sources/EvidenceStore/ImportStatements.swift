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
    let storedForUpdate: RawStatement
    let storedCSL: RawStatement
    let updateReference: RawStatement
    let updateDesignAndMembership: RawStatement
    let deleteIdentifiers: RawStatement
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
        storedForUpdate = try RawStatement("SELECT citation_key, is_member, study_design FROM reference WHERE id = ?", in: db)
        storedCSL = try RawStatement("SELECT csl FROM reference WHERE id = ?", in: db)
        // Two statements, so that the common one names no column of a trigger (`link_tally_reference_update` is
        // `AFTER UPDATE OF study_design, is_member`): a statement that can fire a trigger writes every page it
        // changes to a statement journal first, in case it must be undone alone (SQLite, "Temporary Files Used By
        // SQLite", 2.5 "Statement Journal Files"), which cost each updated record about five 16 KiB page copies.
        updateReference = try RawStatement(
            """
            UPDATE reference SET type = ?, title = ?, year = ?, container = ?, creators = ?, abstract = ?,
            keywords = ?, notes = ?, csl = ?, updated_at = ? WHERE id = ?
            """, in: db)
        updateDesignAndMembership = try RawStatement("UPDATE reference SET study_design = ?, is_member = ? WHERE id = ?", in: db)
        deleteIdentifiers = try RawStatement("DELETE FROM identifier WHERE reference_id = ?", in: db)
        deleteCitations = try RawStatement("DELETE FROM citation WHERE citing_id = ?", in: db)
        insertCitation = try RawStatement("INSERT INTO citation (citing_id, cited_id, position) VALUES (?, ?, ?)", in: db)
        startedEmpty = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reference)")!
    }

    /// Releases the prepared statements (on the writer's connection, before the run ends).
    func finalize() {
        references.finalize()
        for statement in [
            insertIdentifier, referenceByIdentifier, referenceByKey, doisOfReference, storedForUpdate, storedCSL, updateReference,
            updateDesignAndMembership, deleteIdentifiers, deleteCitations, insertCitation,
        ] {
            statement.finalize()
        }
        provenance.finalize()
    }

    /// Notes an identifier this run inserted.
    func noteIdentifier(_ kind: IdentifierKind, _ value: String) {
        if startedEmpty { insertedIdentifiers.insert(IdentifierKey(kind: kind, value: value)) }
    }

    /// Whether the store may hold a reference with this key (false only when it certainly does not). A key it
    /// certainly does not hold is noted as taken from then on: the caller stores a record under it (one hash of the
    /// key instead of a lookup and, later, an insert).
    func mayHoldKey(notingNew key: String) -> Bool {
        guard startedEmpty else { return true }
        return !insertedKeys.insert(key).inserted
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
