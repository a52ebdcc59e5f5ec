import GRDB

/// The new `reference` rows of an import run, written `size` to a statement (`INSERT ... VALUES (...), (...)`) in a
/// bulk load, or one at a time otherwise.
///
/// Why: SQLite's fixed cost per statement (opening a cursor on the table and on each of its four indexes, seeking
/// them, building each record in a fresh buffer, halting and resetting) is a large part of a row's insert. A C
/// program inserting glottolog's 69,505 rows into the same schema took a median 0.33 s of CPU with 16 rows to a
/// statement against 0.39-0.49 s one row at a time (`Benchmarks/perf.md`, session 13).
///
/// The batch gives each row its id when it is appended (one more than the highest in the table, as SQLite does for an
/// `INTEGER PRIMARY KEY` left out), so the caller has it at once. Rows wait until `size` are there, and `flush()` writes
/// those waiting: the `ImportWriter` calls it before anything reads the `reference` table
/// (`ImportWriter.writeWaitingReferences`), so no query misses a waiting row. Waiting rows are written in the order
/// appended, so the store ends exactly as with one statement a row.
///
/// The statements are `INSERT OR FAIL`, for the reason `ProvenanceBatch` gives: a multi-row `INSERT` that may stop at
/// a constraint keeps a statement journal, and a failure fails the run anyway.
///
/// Batching is for bulk loads only, where the run does not enforce foreign keys: an identifier, provenance or
/// citation row may then name a reference row still waiting. Elsewhere every row is written when appended.
final class ReferenceBatch {
    /// Rows per multi-row statement: 16 rows of 15 parameters stays under the 999 parameters that SQLite before
    /// 3.32 allowed; 32 rows were no faster.
    static let size = 16
    static let columns =
        "id, citation_key, type, title, year, container, creators, abstract, keywords, notes, study_design, is_member, csl, created_at, updated_at"
    static let placeholders = "(" + Array(repeating: "?", count: 15).joined(separator: ", ") + ")"

    /// A row to insert, with the values of `columns` after the id.
    struct Row {
        var key: String
        var type: String
        var title: String
        var year: Int64?
        var container: String?
        var creators: String
        var abstract: String
        var keywords: String
        var notes: String
        var studyDesign: String?
        var isMember: Bool
        var csl: [UInt8]
    }

    private let db: Database
    private let now: String
    private let batching: Bool
    /// The id the next appended row gets.
    private var nextID: Int64
    private var waiting: [(id: Int64, row: Row)] = []
    private let single: RawStatement
    /// The statement for `size` rows, prepared when first needed.
    private var full: RawStatement?

    /// With `batching` false, each row is written when appended.
    init(db: Database, now: String, batching: Bool) throws {
        self.db = db
        self.now = now
        self.batching = batching
        nextID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM reference") ?? 1
        single = try RawStatement(Self.insertSQL(rows: 1), in: db)
        waiting.reserveCapacity(Self.size)
    }

    /// Adds a row; returns its id. Writes the rows waiting when there are `size` of them (or this one alone, when
    /// not batching).
    func append(_ row: Row) throws -> Int64 {
        let id = nextID
        nextID += 1
        waiting.append((id, row))
        if !batching || waiting.count == Self.size { try flush() }
        return id
    }

    /// Writes the rows waiting, in the order appended: `size` with one statement, fewer one by one.
    func flush() throws {
        guard !waiting.isEmpty else { return }
        // Emptied first: a failed statement fails the run, and its rows must not be written again by a later flush.
        let rows = waiting
        waiting.removeAll(keepingCapacity: true)
        if rows.count == Self.size {
            let statement = try full ?? RawStatement(Self.insertSQL(rows: Self.size), in: db)
            full = statement
            for (index, entry) in rows.enumerated() { bind(statement, Int32(index * 15), entry.id, entry.row) }
            try statement.execute()
        } else {
            for entry in rows {
                bind(single, 0, entry.id, entry.row)
                try single.execute()
            }
        }
    }

    /// Releases the statements.
    func finalize() {
        single.finalize()
        full?.finalize()
    }

    private static func insertSQL(rows: Int) -> String {
        "INSERT OR FAIL INTO reference (\(columns)) VALUES " + Array(repeating: placeholders, count: rows).joined(separator: ", ")
    }

    private func bind(_ statement: RawStatement, _ offset: Int32, _ id: Int64, _ row: Row) {
        statement.bind(offset + 1, id)
        statement.bind(offset + 2, row.key)
        statement.bind(offset + 3, row.type)
        statement.bind(offset + 4, row.title)
        statement.bind(offset + 5, row.year)
        statement.bind(offset + 6, row.container)
        statement.bind(offset + 7, row.creators)
        statement.bind(offset + 8, row.abstract)
        statement.bind(offset + 9, row.keywords)
        statement.bind(offset + 10, row.notes)
        statement.bind(offset + 11, row.studyDesign)
        statement.bind(offset + 12, Int64(row.isMember ? 1 : 0))
        statement.bind(offset + 13, utf8: row.csl)
        statement.bind(offset + 14, now)
        statement.bind(offset + 15, now)
    }
}
