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
/// Batching is for bulk loads only, where the run does not enforce foreign keys: an identifier, provenance or
/// citation row may then name a reference row still waiting. Elsewhere every row is written when appended.
final class ReferenceBatch {
    /// Rows per multi-row statement (`BatchedInsert`): 16 rows of 15 parameters stays under the 999 parameters that
    /// SQLite before 3.32 allowed; 32 rows were no faster.
    static let size = 16

    /// A row to insert, with the values of the columns after the id.
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

    /// The id the next appended row gets.
    private var nextID: Int64
    private let rows: BatchedInsert<(id: Int64, row: Row)>

    /// With `batching` false, each row is written when appended.
    init(db: Database, now: String, batching: Bool) throws {
        nextID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM reference") ?? 1
        let columns = [
            "id", "citation_key", "type", "title", "year", "container", "creators", "abstract", "keywords", "notes",
            "study_design", "is_member", "csl", "created_at", "updated_at",
        ]
        rows = try BatchedInsert(into: "reference", columns: columns, size: batching ? Self.size : 1, db: db) { statement, offset, entry in
            statement.bind(offset + 1, entry.id)
            statement.bind(offset + 2, entry.row.key)
            statement.bind(offset + 3, entry.row.type)
            statement.bind(offset + 4, entry.row.title)
            statement.bind(offset + 5, entry.row.year)
            statement.bind(offset + 6, entry.row.container)
            statement.bind(offset + 7, entry.row.creators)
            statement.bind(offset + 8, entry.row.abstract)
            statement.bind(offset + 9, entry.row.keywords)
            statement.bind(offset + 10, entry.row.notes)
            statement.bind(offset + 11, entry.row.studyDesign)
            statement.bind(offset + 12, Int64(entry.row.isMember ? 1 : 0))
            statement.bind(offset + 13, utf8: entry.row.csl)
            statement.bind(offset + 14, now)
            statement.bind(offset + 15, now)
        }
    }

    /// Adds a row; returns its id. Writes the rows waiting when there are `size` of them (or this one alone, when
    /// not batching).
    func append(_ row: Row) throws -> Int64 {
        let id = nextID
        nextID += 1
        try rows.append((id, row))
        return id
    }

    /// Writes the rows waiting, in the order appended.
    func flush() throws {
        try rows.flush()
    }

    /// Releases the statements.
    func finalize() {
        rows.finalize()
    }
}
