import CitationModel
import GRDB

/// The statements an import runs for every record, prepared once per run, and what the run has inserted so far.
///
/// When the run knows every key and identifier the store held at its start (none, or the few of a nearly empty store,
/// loaded first), a citation key or identifier that is not among those and those the run inserted cannot be in the
/// store, so `mayHold` answers "no" without a query: the run then runs no SELECT for a record whose key and
/// identifiers are new, which is nearly every record, and a bulk load's batches of new rows are not cut short by
/// lookups (`ReferenceBatch`).
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

    /// Whether `knownKeys` and `knownIdentifiers` hold every key and identifier of the store.
    let knowsStored: Bool
    /// The keys and identifiers stored before the run (when it loads them) and those the run has inserted.
    private var knownKeys: Set<String> = []
    private var knownIdentifiers: Set<IdentifierKey> = []

    /// With `batchingReferences` (a bulk load into a nearly empty store, which does not enforce foreign keys), new
    /// reference rows are written in batches (`ReferenceBatch`), and the keys and identifiers of the few references
    /// the store holds are loaded first.
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
        let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM reference") ?? 0
        // A bulk load goes only into a nearly empty store (a few hundred references at most; the bundled seed has 10),
        // and indexes them all again anyway (`DetachedSearchIndex`): loading their keys costs nothing beside that.
        knowsStored = stored == 0 || batchingReferences
        if knowsStored && stored > 0 {
            knownKeys = Set(try String.fetchAll(db, sql: "SELECT citation_key FROM reference"))
            // An identifier of a kind this version does not know can match no record it reads.
            for row in try Row.fetchAll(db, sql: "SELECT kind, value FROM identifier") {
                if let kind = IdentifierKind(rawValue: row[0]) { knownIdentifiers.insert(IdentifierKey(kind: kind, value: row[1])) }
            }
        }
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
        if knowsStored { knownIdentifiers.insert(IdentifierKey(kind: kind, value: value)) }
    }

    /// Whether the store may hold a reference with this key (false only when it certainly does not). A key it
    /// certainly does not hold is noted as taken from then on: the caller stores a record under it (one hash of the
    /// key instead of a lookup and, later, an insert).
    func mayHoldKey(notingNew key: String) -> Bool {
        guard knowsStored else { return true }
        return !knownKeys.insert(key).inserted
    }

    /// Whether the store may hold this identifier (false only when it certainly does not).
    func mayHoldIdentifier(_ kind: IdentifierKind, _ value: String) -> Bool {
        !knowsStored || knownIdentifiers.contains(IdentifierKey(kind: kind, value: value))
    }
}

/// An identifier as the `identifier` table keys it.
private struct IdentifierKey: Hashable {
    var kind: IdentifierKind
    var value: String
}
