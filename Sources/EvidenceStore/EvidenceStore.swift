import CSQLiteSetup
import CitationModel
import Foundation
import GRDB

/// The citation store: one SQLite file holding references, frameworks, evidence links and their audit trail.
///
/// The only module that uses GRDB. The file is in WAL mode with foreign keys on (a bulk load into a nearly empty
/// store uses a rollback journal for its run, then goes back: `importRun`), and writers wait (busy timeout)
/// so two `evidence` processes can write one after the other. Every write is one transaction. Commands that only
/// read open the store with `reading(path:)`: one connection, no migration, nothing written.
public final class EvidenceStore: Sendable {
    /// The path of the SQLite file.
    public let path: String
    /// A pool (a writer and readers) from `init(path:)`, or one connection that only reads from `reading(path:)`.
    let pool: any DatabaseWriter

    /// The page size of a new store's file, in bytes.
    static let pageSize = 16384

    /// How long a writer waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 30

    /// SQLite's process-wide set-up, done once before the first connection opens: memory statistics off and
    /// statement journals in memory (see `evidence_sqlite_configure`). When some other code opened a connection
    /// first, SQLite keeps its defaults, which changes speed only.
    private static let sqliteSetUp: Void = {
        _ = evidence_sqlite_configure()
    }()

    /// Opens the store at `path`, creating the file and its folder when missing, and migrates it to the current schema.
    public init(path: String) throws {
        Self.sqliteSetUp
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "evidence"
        configuration.prepareDatabase { db in
            // A new store gets 16 KiB pages (SQLite's default is 4 KiB; "PRAGMA page_size" changes nothing in an
            // existing file). A record is about 1 KB with its CSL-JSON, so fewer, larger pages mean less b-tree and
            // write-ahead-log bookkeeping per record: importing glottolog's 69,505 records costs SQLite about 30%
            // less CPU and system time (Benchmarks/perf.md). It must run before the file is put in WAL mode.
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let migrator = Schema.migrator()
        // A store changed by another build of evidence may record schema changes this one does not know; migrating
        // it would fail on SQLite's words ("index ... already exists") or, worse, write to a schema it does not
        // expect. Say so instead (GRDB, `DatabaseMigrator.appliedIdentifiers`), read on the writer's connection, which
        // the migrator uses next.
        let unknown = try pool.writeWithoutTransaction { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
        if !unknown.isEmpty { throw UnknownSchemaError(migrations: unknown.sorted()) }
        try migrator.migrate(pool)
        self.pool = pool
    }

    /// A store whose schema records changes (migrations) this version of evidence does not know: it was made or
    /// changed by another version.
    public struct UnknownSchemaError: Error, CustomStringConvertible {
        /// The unknown migrations' identifiers, sorted.
        public let migrations: [String]

        public var description: String {
            "it was made or changed by another version of evidence, whose schema changes this version does not know ("
                + migrations.map { "'\($0)'" }.joined(separator: ", ")
                + "); open it with that version, or export its references there and import them into a new store here"
        }
    }

    private init(path: String, connection: DatabaseQueue) {
        self.path = path
        self.pool = connection
    }

    /// The most of a store file a reading connection maps into memory (`PRAGMA mmap_size`); SQLite reads the rest,
    /// and files on systems without memory maps, with read().
    static let readingMapSize = 1 << 30

    /// Opens an existing store for reading only, with a single connection and without running the migrator: what
    /// `evidence for`, `map` and the other read commands need, at a fraction of the cost of the pool (no second
    /// connection, no journal-mode set-up, no migration transaction).
    ///
    /// Returns nil when there is no file at `path`, when it cannot be opened, when its schema is not exactly the
    /// current one (a migration is missing, or the file is not a store) or when no framework is installed yet:
    /// `init(path:)` then creates or migrates it as before, and the caller installs the frameworks. The connection
    /// is opened read-write with `PRAGMA query_only` (SQLite refuses every write through it), rather than
    /// read-only, so closing it removes the `-wal` and `-shm` files as a writer's close does.
    public static func reading(path: String) -> EvidenceStore? {
        guard access(path, F_OK) == 0 else { return nil }
        Self.sqliteSetUp
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false  // nothing is written through this connection
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "evidence"
        // Any write through this connection is an error ("attempt to write a readonly database") instead of a change
        // to a store that was not migrated for it. Pages are read through a memory map of the file (SQLite,
        // "Memory-Mapped I/O") instead of copied into page buffers one read() at a time: a query that reads a few
        // hundred pages then maps the file's cached pages instead of allocating and filling megabytes of buffers.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = 1; PRAGMA mmap_size = \(Self.readingMapSize)") }
        guard let connection = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        let migrations = Schema.migrator().migrations
        let ready = try? connection.read { db in
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            guard Set(applied) == Set(migrations), applied.count == migrations.count else { return false }
            return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM framework)") ?? false
        }
        guard ready == true else { return nil }
        return EvidenceStore(path: path, connection: connection)
    }

    /// The current time as ISO 8601 (UTC, seconds), the form every timestamp in the store takes.
    static func now() -> String { timestamp(Date()) }

    /// `date` as ISO 8601 in UTC to the second, `2026-11-29T17:30:00Z` (RFC 3339, section 5.6), written from the
    /// calendar fields `gmtime_r` gives. The first `ISO8601DateFormatter` of a process loads ICU's data: about 4 ms of
    /// every `evidence import` and `evidence tag`.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(fields.tm_year + 1900, 4) + "-" + digits(fields.tm_mon + 1, 2) + "-" + digits(fields.tm_mday, 2) + "T"
            + digits(fields.tm_hour, 2) + ":" + digits(fields.tm_min, 2) + ":" + digits(fields.tm_sec, 2) + "Z"
    }

    /// Numbers that describe the store's content.
    public struct Statistics: Sendable, Equatable {
        public var references: Int
        public var citedOnly: Int
        public var frameworks: Int
        public var concepts: Int
        public var links: Int

        public init(references: Int, citedOnly: Int, frameworks: Int, concepts: Int, links: Int) {
            self.references = references
            self.citedOnly = citedOnly
            self.frameworks = frameworks
            self.concepts = concepts
            self.links = links
        }
    }

    public func statistics() throws -> Statistics {
        try pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return Statistics(
                references: try count("SELECT COUNT(*) FROM reference WHERE is_member = 1"),
                citedOnly: try count("SELECT COUNT(*) FROM reference WHERE is_member = 0"),
                frameworks: try count("SELECT COUNT(*) FROM framework"),
                concepts: try count("SELECT COUNT(*) FROM concept"),
                links: try count("SELECT COUNT(*) FROM evidence_link"))
        }
    }
}

extension EvidenceStore {
    /// Whether the full-text index holds exactly the words of the stored rows.
    ///
    /// Runs FTS5's `integrity-check` (the index is consistent in itself), then compares every token instance the
    /// index holds (term, row, column, position: the `fts5vocab` table of type "instance") with those of an index
    /// rebuilt from the rows inside a savepoint that is rolled back. (FTS5, "The 'integrity-check' command", "The
    /// 'rebuild' command" and "The fts5vocab Virtual Table Module".) It reads the whole index twice: a check for
    /// tests and maintenance, not for every run.
    public func searchIndexMatchesRows() throws -> Bool {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO reference_fts(reference_fts) VALUES ('integrity-check')")
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.reference_fts_instances USING fts5vocab(main, reference_fts, 'instance')")
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.reference_fts_instances") }
            let instances = "SELECT term, doc, col, offset FROM temp.reference_fts_instances ORDER BY doc, col, offset, term"
            func read() throws -> [String] {
                try Row.fetchAll(db, sql: instances).map { row in
                    "\(row[1] as Int64)|\(row[2] as String)|\(row[3] as Int64)|\(row[0] as String)"
                }
            }
            let held = try read()
            var rebuilt: [String] = []
            try db.inSavepoint {
                try db.execute(sql: "INSERT INTO reference_fts(reference_fts) VALUES ('rebuild')")
                rebuilt = try read()
                return .rollback
            }
            return held == rebuilt
        }
    }
}

/// A reference as the store holds it: the record, its row id and whether it is a library member.
public struct StoredReference: Sendable, Hashable {
    /// The row id, stable for the life of the store.
    public var id: Int64
    public var reference: Reference
    /// False for works known only from another paper's reference list.
    public var isMember: Bool
    public var created: String
    public var updated: String
}

/// Where a stored record came from: one row per import of it.
public struct Provenance: Sendable, Hashable {
    public var run: Int64
    public var file: String
    public var format: String
    public var line: Int
    public var at: String
}

/// Errors the store reports to the user.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case unreadableRecord(String)
    case unknownReference(String)
    case unknownConcept(String)
    case invalidValue(String)

    public var description: String {
        switch self {
        case .unreadableRecord(let key): "the stored record '\(key)' cannot be read"
        case .unknownReference(let key): "no reference '\(key)' in the store"
        case .unknownConcept(let id): "no concept '\(id)' in the store"
        case .invalidValue(let message): message
        }
    }
}
