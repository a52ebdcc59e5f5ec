import GRDB

/// Rows of one table inserted `size` to a statement (`INSERT OR FAIL INTO t (...) VALUES (...), (...)`) in the order
/// appended, so that their ids and content are what one statement a row gives; the rows still waiting at `flush()` are
/// inserted one by one.
///
/// Why batches: SQLite's fixed cost per statement (a cursor on the table and on each of its indexes, seeks, a fresh
/// record buffer, halting and resetting) is a large part of a small row's insert (`ReferenceBatch`, `ProvenanceBatch`).
///
/// Why `OR FAIL`: a statement that writes several rows and may stop at a constraint midway (`NOT NULL`) keeps a
/// statement journal, a copy of each page it changes, so that it can undo its own rows ("Temporary Files Used By
/// SQLite", 2.5 "Statement Journal Files"); with `OR FAIL` the rows before a failure stay (SQLite, "ON CONFLICT
/// clause"), so SQLite keeps none. Nothing is lost by it: a failed statement fails the import run, whose one
/// transaction is then rolled back. With foreign keys enforced SQLite still keeps one. For glottolog's 1,086
/// provenance statements the journal had cost a 1 MB allocation and a copy of each page changed, per statement
/// (valgrind's DHAT on 10,000 RIS records: 162 MB allocated for it).
final class BatchedInsert<Row> {
    /// Rows per statement; with 1, each row is inserted when appended.
    let size: Int
    private let db: Database
    private let table: String
    private let columns: [String]
    /// Binds a row's values to the statement's parameters after `offset` (1-based: `offset + 1` is its first).
    private let bind: (RawStatement, _ offset: Int32, Row) -> Void
    private var waiting: [Row] = []
    /// The array the rows being inserted are moved to, kept for its capacity.
    private var spare: [Row] = []
    private let single: RawStatement
    /// The statement for `size` rows, prepared when first needed.
    private var full: RawStatement?

    init(
        into table: String, columns: [String], size: Int, db: Database, bind: @escaping (RawStatement, _ offset: Int32, Row) -> Void
    ) throws {
        self.size = size
        self.db = db
        self.table = table
        self.columns = columns
        self.bind = bind
        single = try RawStatement(Self.sql(table, columns, rows: 1), in: db)
        full = size == 1 ? single : nil
        waiting.reserveCapacity(size)
        spare.reserveCapacity(size)
    }

    /// Adds a row; inserts the rows waiting when there are `size` of them.
    func append(_ row: Row) throws {
        waiting.append(row)
        if waiting.count == size { try flush() }
    }

    /// Inserts the rows waiting, in the order appended: `size` with one statement, fewer one by one.
    func flush() throws {
        guard !waiting.isEmpty else { return }
        // Taken out of `waiting` first: a failed statement fails the run, and its rows must not be inserted again.
        swap(&spare, &waiting)
        defer { spare.removeAll(keepingCapacity: true) }
        if spare.count == size {
            let statement = try full ?? RawStatement(Self.sql(table, columns, rows: size), in: db)
            full = statement
            let parameters = Int32(columns.count)
            for index in spare.indices { bind(statement, Int32(index) * parameters, spare[index]) }
            try statement.execute()
        } else {
            for index in spare.indices {
                bind(single, 0, spare[index])
                try single.execute()
            }
        }
    }

    /// Releases the statements.
    func finalize() {
        single.finalize()
        full?.finalize()
    }

    private static func sql(_ table: String, _ columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT OR FAIL INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }
}
