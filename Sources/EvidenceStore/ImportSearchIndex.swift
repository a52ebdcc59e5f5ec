import GRDB

/// Full-text indexing during an import run: the run writes the index entries itself, from the values in hand, in
/// bursts in row order, instead of by the schema's per-row triggers.
///
/// Why (FTS5's source, `sqlite3Fts5IndexBeginWrite` and `fts5SavepointMethod`): FTS5 gathers terms in memory and
/// writes them out as a new index segment whenever a statement opens a savepoint (any statement with a statement
/// journal: a trigger, a multi-row `INSERT`, an `UPDATE` with triggers) and whenever a write's rowid is lower than
/// the one before. The schema's triggers index every `INSERT INTO reference` inside such a savepoint: about 70 µs a
/// record in small segments and their merges, 5 s for glottolog's 69,505. So inside the run's transaction the two
/// triggers that write the index on INSERT and UPDATE are dropped, and:
/// - a new row's entry waits in memory and is written with the others of its burst (`burst` rows, in row order,
///   single-row `INSERT`s that open no savepoint), so FTS5 writes about a megabyte of terms per segment and nothing
///   is read back from the write-ahead log;
/// - an update of a row whose entry is still waiting replaces the waiting values;
/// - an update of a row already in the index (from an earlier run or an earlier burst) notes the values the index
///   holds for it, and `writeRest` (at the latest `finish`) removes those entries and adds the rows' final values,
///   each in row order, so the writes stay in order.
/// `finish` then re-creates the triggers from their stored SQL before the commit; a rolled-back run restores them
/// with everything else. The index ends exactly as the triggers would have left it. (FTS5, "External Content
/// Tables" and "The 'delete' command": the values removed are exactly the ones indexed.)
///
/// In a bulk load the same entries, in the same order, go to a `DetachedSearchIndex` instead, which builds the index
/// on another thread, and `finish` copies that index into the store.
final class ImportSearchIndex {
    /// Adds a row's entry (parameters: row id, then the `Values`).
    static let insertSQL = "INSERT INTO reference_fts(rowid, title, abstract, creators, keywords, notes) VALUES (?, ?, ?, ?, ?, ?)"
    /// Removes a row's entry, given the values it was indexed with (FTS5, "The 'delete' command").
    static let deleteSQL =
        "INSERT INTO reference_fts(reference_fts, rowid, title, abstract, creators, keywords, notes) VALUES ('delete', ?, ?, ?, ?, ?, ?)"

    /// The indexed columns of a row, in the order of the FTS5 table.
    ///
    /// A struct, not a tuple: a field read from a tuple inside an array element copied the whole tuple (callgrind: five
    /// strings retained and released for each field bound).
    struct Values {
        var title: String
        var abstract: String
        var creators: String
        var keywords: String
        var notes: String
    }

    /// New rows' entries written at a time.
    static let burst = 4096
    /// New rows' entries handed to a `DetachedSearchIndex` at a time: small, so the other thread indexes them while
    /// the run goes on instead of all at its end (FTS5 there keeps gathering terms across them until its own flush).
    static let detachedBurst = 256
    /// The burst this run uses.
    private let burst: Int
    /// The `CREATE TRIGGER` statements to restore, as `sqlite_master` holds them.
    private let triggers: [String]
    private let storedValues: RawStatement
    /// New rows' entries not written yet, in row order, and where each row's is.
    private var waiting: [(id: Int64, values: Values)] = []
    private var waitingPosition: [Int64: Int] = [:]
    /// Rows in the index that were updated: the values the index holds, and the values to index at the end.
    private var indexed: [Int64: Values] = [:]
    private var updated: [Int64: Values] = [:]
    /// Whether `writeRest` has run: the run adds and updates nothing after it.
    private var restWritten = false

    /// Where entries are written: into the store's table, or to an index built on another thread that `finish`
    /// copies in.
    private enum Target {
        case inPlace(insert: RawStatement, delete: RawStatement)
        case detached(DetachedSearchIndex)
    }
    private let target: Target

    /// Drops the per-row index triggers for the rest of the transaction. With `detached`, the run's index is built
    /// on another thread and replaces the store's at the end (`DetachedSearchIndex`): the rows the store already
    /// holds are indexed there first, so use it only when they are few.
    init(db: Database, detached: Bool = false) throws {
        triggers = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('reference_fts_insert', 'reference_fts_update') ORDER BY name")
        try db.execute(sql: "DROP TRIGGER IF EXISTS reference_fts_insert; DROP TRIGGER IF EXISTS reference_fts_update")
        let columns = "title, abstract, creators, keywords, notes"
        storedValues = try RawStatement("SELECT \(columns) FROM reference WHERE id = ?", in: db)
        burst = detached ? Self.detachedBurst : Self.burst
        waiting.reserveCapacity(burst)
        if detached {
            let builder = try DetachedSearchIndex(definition: DetachedSearchIndex.definition(in: db))
            let stored = try RawStatement("SELECT id, \(columns) FROM reference ORDER BY id", in: db)
            defer { stored.finalize() }
            builder.submit(try stored.all {
                ($0.int64(0), Values(title: $0.text(1), abstract: $0.text(2), creators: $0.text(3), keywords: $0.text(4), notes: $0.text(5)))
            })
            target = .detached(builder)
        } else {
            target = .inPlace(
                insert: try RawStatement(Self.insertSQL, in: db, terminatesText: true),
                delete: try RawStatement(Self.deleteSQL, in: db, terminatesText: true))
        }
    }

    /// Indexes new row `id` (higher than every row before it) with the values stored in it.
    func add(id: Int64, _ values: Values) throws {
        assert(!restWritten, "a row added after the run's last index entries were written")
        waitingPosition[id] = waiting.count
        waiting.append((id, values))
        if waiting.count >= burst { try writeWaiting() }
    }

    /// Row `id` is about to be updated: notes the values its index entry holds, unless that entry is still waiting.
    func beforeUpdate(of id: Int64) throws {
        guard waitingPosition[id] == nil, indexed[id] == nil else { return }
        storedValues.bind(1, id)
        if let values = try storedValues.first({ Values(title: $0.text(0), abstract: $0.text(1), creators: $0.text(2), keywords: $0.text(3), notes: $0.text(4)) }) {
            indexed[id] = values
        }
    }

    /// Row `id` now holds `values`.
    func afterUpdate(of id: Int64, _ values: Values) {
        assert(!restWritten, "a row updated after the run's last index entries were written")
        if let position = waitingPosition[id] {
            waiting[position].values = values
        } else {
            updated[id] = values
        }
    }

    /// Writes the new rows' entries waiting, in row order.
    private func writeWaiting() throws {
        try write(waiting)
        waiting.removeAll(keepingCapacity: true)
        waitingPosition.removeAll(keepingCapacity: true)
    }

    /// Adds entries, or removes them (`delete`, with the values each row is indexed with), in the order given.
    private func write(_ entries: [(id: Int64, values: Values)], delete: Bool = false) throws {
        switch target {
        case .inPlace(let insert, let remove):
            try Self.execute(delete ? remove : insert, each: entries)
        case .detached(let builder):
            builder.submit(entries, delete: delete)
        }
    }

    /// Runs the insert or 'delete' statement for each entry, in order, reading the values in place (a `for` loop's
    /// element is a copy: five strings retained and released per row).
    static func execute(_ statement: RawStatement, each entries: [(id: Int64, values: Values)]) throws {
        for index in entries.indices {
            statement.bind(1, entries[index].id)
            statement.bind(2, entries[index].values.title)
            statement.bind(3, entries[index].values.abstract)
            statement.bind(4, entries[index].values.creators)
            statement.bind(5, entries[index].values.keywords)
            statement.bind(6, entries[index].values.notes)
            try statement.execute()
        }
    }

    /// Writes the rest: the waiting entries, then the updated rows' old entries out and new ones in, each in row
    /// order. In a bulk load the builder indexes them (and FTS5 writes out the terms it holds, at the first removal or
    /// at its commit) while the run goes on, so call it as soon as the run has stored its last record.
    func writeRest() throws {
        guard !restWritten else { return }
        restWritten = true
        try writeWaiting()
        try write(indexed.keys.sorted().map { ($0, indexed[$0]!) }, delete: true)
        try write(updated.keys.sorted().map { ($0, updated[$0]!) })
    }

    /// Writes the rest (`writeRest`) if that is not done yet, releases the statements, brings in the index built on
    /// another thread (in a bulk load) and restores the triggers.
    func finish(in db: Database) throws {
        try writeRest()
        finalize()
        if case .detached(let builder) = target { try builder.copy(into: db) }
        for trigger in triggers { try db.execute(sql: trigger) }
    }

    /// Releases the statements (also when the run is rolled back).
    func finalize() {
        storedValues.finalize()
        if case .inPlace(let insert, let remove) = target {
            insert.finalize()
            remove.finalize()
        }
    }
}
