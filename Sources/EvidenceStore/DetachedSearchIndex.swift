import Dispatch
import GRDB
import GRDBSQLite

/// A full-text index built on a second SQLite connection, an in-memory database on its own thread, and then copied
/// into the store: it takes FTS5's tokenising and segment writing off the thread that writes the store.
///
/// Why: in a large import into a new store, FTS5's work (tokenising every title, abstract, creator list, keyword
/// list and note; merging the terms; writing segments) is about a quarter of what the storing thread does, and that
/// thread bounds the import's wall time while the other core is partly idle (`Benchmarks/perf.md`). One connection
/// writes a database file at a time, but FTS5 builds the same segments in any database with the same table
/// definition: its records (FTS5 source, `fts5_index.c`: the `%_data` table's structure record, averages record and
/// segment leaves; `%_idx`; `%_docsize`) do not depend on the file they are in. So the builder runs the table's own
/// `CREATE VIRTUAL TABLE` in memory, applies the run's inserts and deletes there in the order the store would have,
/// and `copy(into:)` moves the three shadow tables' rows into the store's table, replacing what it held.
///
/// The store's own FTS5 table object may cache an index structure read earlier on that connection (FTS5 re-reads
/// it only after another connection commits), so `copy(into:)` drops and re-creates the virtual table first, which
/// leaves a fresh object that reads the copied structure when next used (without it, a `sqlite3` shell session that
/// wrote through the table before the copy failed its next insert: `Benchmarks/perf.md`, session 4).
///
/// The connection is used only on the builder's queue until `copy(into:)`, which waits for that queue first.
final class DetachedSearchIndex: @unchecked Sendable {
    /// The three tables whose rows make up an FTS5 index (`%_config` holds only the format version, the same in both).
    static let shadowTables = ["reference_fts_data", "reference_fts_idx", "reference_fts_docsize"]

    /// The bytes of terms FTS5 gathers in memory before it writes them out as a new segment (its `hashsize`
    /// option; FTS5, "The 'hashsize' Configuration Option"). The default, 1 MiB, makes glottolog's index about 25
    /// segments that FTS5 then merges again and again; 4 MiB makes a quarter as many, and the build takes 26% fewer
    /// instructions (callgrind: 2.67 to 1.97 billion) for about 5 MB more memory. 16 MiB saved only 2% more.
    static let hashSize = 4 << 20

    private let connection: OpaquePointer
    private let queue = DispatchQueue(label: "evidence.search-index")
    /// Bursts accepted but not yet indexed: at most 32 wait (8,192 rows in bursts of
    /// `ImportSearchIndex.detachedBurst`), so a slow builder holds back the writer instead of letting memory grow.
    private let slots = DispatchSemaphore(value: 32)
    private let insertEntry: RawStatement
    private let deleteEntry: RawStatement
    /// The first error the builder met (read and written on `queue` only).
    private var failure: DatabaseError?

    /// Opens an in-memory database holding an empty table made by `definition` (the store's `CREATE VIRTUAL TABLE
    /// reference_fts ...` statement, as `sqlite_master` holds it).
    init(definition: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(":memory:", &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_close(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot open an in-memory database for the search index")
        }
        connection = handle
        do {
            // Nothing in this database outlives the run or is ever rolled back: no journal, no syncs. The store's page
            // size, so that FTS5's leaf records (about 4,000 bytes each) fit in a page here too instead of overflowing.
            // A larger in-memory term buffer (see `hashSize`); it is a row of `reference_fts_config`, which is not
            // copied, so the store's own table keeps FTS5's default.
            try Self.execute(
                """
                PRAGMA page_size = \(EvidenceStore.pageSize); PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \(definition);
                INSERT INTO reference_fts(reference_fts, rank) VALUES ('hashsize', \(Self.hashSize)); BEGIN
                """,
                on: handle)
            insertEntry = try RawStatement(ImportSearchIndex.insertSQL, connection: handle, terminatesText: true)
            deleteEntry = try RawStatement(ImportSearchIndex.deleteSQL, connection: handle, terminatesText: true)
        } catch {
            sqlite3_close(handle)
            throw error
        }
    }

    deinit {
        insertEntry.finalize()
        deleteEntry.finalize()
        sqlite3_close(connection)
    }

    /// Queues entries to add (`delete` false) or remove (true, with the values the index holds for each row),
    /// in the order given; waits while 32 bursts are already queued.
    func submit(_ entries: [(id: Int64, values: ImportSearchIndex.Values)], delete: Bool = false) {
        guard !entries.isEmpty else { return }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure == nil else { return }
            let statement = delete ? deleteEntry : insertEntry
            do {
                try ImportSearchIndex.execute(statement, each: entries)
            } catch {
                failure = error as? DatabaseError ?? DatabaseError(message: "\(error)")
            }
        }
    }

    /// The schema name under which `copy(into:)` attaches the built index to the store's connection.
    static let attachedName = "search_index_build"

    /// Waits for the queued work, then replaces the store's index with the one built here, inside `db`'s transaction.
    ///
    /// The built database is serialised (`sqlite3_serialize`, a copy of its pages) and attached to the store's
    /// connection, read-only, as `attachedName` (`sqlite3_deserialize`). Each shadow table then moves with one
    /// `INSERT INTO main.t SELECT * FROM attached.t`, which SQLite runs as its transfer optimisation: the two tables
    /// have the same definition and the target is empty, so records are copied as they are instead of decoded and
    /// encoded again value by value (SQLite source, `insert.c`, `xferOptimization`). Against the 128-row statements
    /// this replaces: fewer instructions (callgrind, 10,000 RIS records: 43 M to 28 M) and no statement journal; the
    /// time, 30-60 ms at the end of glottolog's import, is mostly the one row per record of `reference_fts_docsize`.
    /// The attached database stays until the transaction ends: call `detach(from:)` after the commit or rollback
    /// (SQLite cannot detach a database that the open transaction has read).
    func copy(into db: Database) throws {
        try queue.sync {
            if let failure { throw failure }
            try Self.execute("COMMIT", on: connection)
        }
        try attachBuiltIndex(to: db)
        let definition = try Self.definition(in: db)
        try db.execute(sql: "DROP TABLE reference_fts")
        try db.execute(sql: definition)
        try db.execute(sql: "DELETE FROM reference_fts_data")
        for table in Self.shadowTables {
            try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM \(Self.attachedName).\(table)")
        }
    }

    /// Attaches a read-only copy of the built database to `db`'s connection as `attachedName`.
    private func attachBuiltIndex(to db: Database) throws {
        guard let target = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        var size: sqlite3_int64 = 0
        guard let image = sqlite3_serialize(connection, "main", &size, 0) else {
            throw DatabaseError(resultCode: .SQLITE_NOMEM, message: "cannot copy the search index built in memory")
        }
        do {
            // A copy left attached by a run whose detach failed would make the `ATTACH` fail.
            try Self.detach(from: db)
            try db.execute(sql: "ATTACH DATABASE ':memory:' AS \(Self.attachedName)")
        } catch {
            sqlite3_free(image)
            throw error
        }
        // From here SQLite owns `image` and frees it, also when the call fails (SQLITE_DESERIALIZE_FREEONCLOSE).
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
        let code = sqlite3_deserialize(target, Self.attachedName, image, size, size, flags)
        guard code == SQLITE_OK else { throw Self.error(code, target, "sqlite3_deserialize") }
    }

    /// Detaches what `copy(into:)` attached to `db`'s connection, if anything; call it once the transaction has ended.
    static func detach(from db: Database) throws {
        let attached = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM pragma_database_list WHERE name = ?)", arguments: [attachedName]) ?? false
        if attached { try db.execute(sql: "DETACH DATABASE \(attachedName)") }
    }

    /// The store's `CREATE VIRTUAL TABLE reference_fts ...` statement, as `sqlite_master` holds it.
    static func definition(in db: Database) throws -> String {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'reference_fts'") else {
            throw DatabaseError(message: "the store has no full-text table")
        }
        return sql
    }

    private static func execute(_ sql: String, on connection: OpaquePointer) throws {
        let code = sqlite3_exec(connection, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, connection, sql) }
    }

    private static func error(_ code: Int32, _ connection: OpaquePointer, _ sql: String) -> DatabaseError {
        RawStatement.error(code, connection, sql)
    }
}
