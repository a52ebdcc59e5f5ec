import GRDB

/// The provenance rows of an import run, 64 to a statement (`BatchedInsert`), in the order the records were stored,
/// so their ids and content are what row-by-row inserts give. Nothing reads provenance during a run; `flush()` writes
/// the rest before the run commits.
final class ProvenanceBatch {
    /// Rows per multi-row statement.
    static let size = 64
    private let rows: BatchedInsert<(referenceID: Int64, file: String, format: String, line: Int64)>

    init(runID: Int64, db: Database) throws {
        rows = try BatchedInsert(
            into: "provenance", columns: ["reference_id", "run_id", "file", "format", "line"], size: Self.size, db: db
        ) { statement, offset, row in
            statement.bind(offset + 1, row.referenceID)
            statement.bind(offset + 2, runID)
            statement.bind(offset + 3, row.file)
            statement.bind(offset + 4, row.format)
            statement.bind(offset + 5, row.line)
        }
    }

    /// Adds the row of one stored record; writes a full batch.
    func append(referenceID: Int64, file: String, format: String, line: Int) throws {
        try rows.append((referenceID, file, format, Int64(line)))
    }

    /// Writes the rows not written yet.
    func flush() throws {
        try rows.flush()
    }

    /// Releases the statements.
    func finalize() {
        rows.finalize()
    }
}
