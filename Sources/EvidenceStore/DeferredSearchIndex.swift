import GRDB

/// Full-text indexing of an import run's new references, done in one statement at the end of the run instead of by
/// the schema's per-row triggers.
///
/// Why: FTS5 writes its pending terms out as a new segment at every statement savepoint, and each `INSERT INTO
/// reference` that fires a trigger opens one, so indexing row by row costs about 70 µs a record (5 s for glottolog's
/// 69,505) against about 10 µs in one `INSERT ... SELECT`. Inside the run's transaction the two triggers that write
/// the index on INSERT and UPDATE are dropped, and `finish` indexes every row added by the run (ids above the
/// largest id before it: rows are never deleted during an import) and re-creates the triggers from their stored SQL
/// before the commit. A rolled-back run restores them with everything else. Updates of rows that were indexed before
/// the run are kept in step here, as the update trigger would have done.
struct DeferredSearchIndex {
    /// The `CREATE TRIGGER` statements to restore, as `sqlite_master` holds them.
    private let triggers: [String]
    /// Rows with a larger id were inserted by this run and are not indexed yet.
    private let lastIDBefore: Int64
    private static let columns = "title, abstract, creators, keywords, notes"

    /// Drops the per-row index triggers for the rest of the transaction.
    init(db: Database) throws {
        triggers = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('reference_fts_insert', 'reference_fts_update') ORDER BY name")
        lastIDBefore = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM reference") ?? 0
        try db.execute(sql: "DROP TRIGGER IF EXISTS reference_fts_insert; DROP TRIGGER IF EXISTS reference_fts_update")
    }

    /// Removes the index entry of a row about to be updated, when it has one (what the update trigger did first).
    func beforeUpdate(of id: Int64, in db: Database) throws {
        guard id <= lastIDBefore else { return }
        try db.execute(
            sql: "INSERT INTO reference_fts(reference_fts, rowid, \(Self.columns)) SELECT 'delete', id, \(Self.columns) FROM reference WHERE id = ?",
            arguments: [id])
    }

    /// Indexes the new values of an updated row that was indexed before (what the update trigger did second).
    func afterUpdate(of id: Int64, in db: Database) throws {
        guard id <= lastIDBefore else { return }
        try db.execute(sql: "INSERT INTO reference_fts(rowid, \(Self.columns)) SELECT id, \(Self.columns) FROM reference WHERE id = ?", arguments: [id])
    }

    /// Indexes the run's new rows in one statement and restores the triggers.
    func finish(in db: Database) throws {
        try db.execute(sql: "INSERT INTO reference_fts(rowid, \(Self.columns)) SELECT id, \(Self.columns) FROM reference WHERE id > ? ORDER BY id", arguments: [lastIDBefore])
        for trigger in triggers { try db.execute(sql: trigger) }
    }
}
