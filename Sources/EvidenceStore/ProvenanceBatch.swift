import GRDB

/// The provenance rows of an import run, written 64 to a statement instead of one (`INSERT ... VALUES (...), (...)`),
/// in the order the records were stored, so their ids and content are what row-by-row inserts give. Nothing reads
/// provenance during a run; `flush()` writes the rest before the run commits.
///
/// The statements are `INSERT OR FAIL`: a statement that writes several rows and may stop at a constraint midway
/// (`NOT NULL` here) keeps a statement journal, a copy of each page it changes, so that it can undo its own rows
/// ("Temporary Files Used By SQLite", 2.5 "Statement Journal Files"); with `OR FAIL` the rows before a failure stay
/// (SQLite, "ON CONFLICT clause"), so SQLite keeps none. Nothing is lost by it: a failed statement fails the run,
/// whose one transaction is then rolled back. With foreign keys enforced (an import into a store that is not nearly
/// empty) SQLite still keeps one. For glottolog's 1,086 statements the journal had cost a 1 MB allocation and a copy
/// of each page changed, per statement (valgrind's DHAT on 10,000 records: 162 MB allocated for it).
final class ProvenanceBatch {
    /// Rows per multi-row statement.
    static let size = 64
    private let runID: Int64
    private let single: RawStatement
    private let batch: RawStatement
    private var rows: [(referenceID: Int64, file: String, format: String, line: Int64)] = []

    init(runID: Int64, db: Database) throws {
        self.runID = runID
        let sql = "INSERT OR FAIL INTO provenance (reference_id, run_id, file, format, line) VALUES "
        single = try RawStatement(sql + "(?, ?, ?, ?, ?)", in: db)
        batch = try RawStatement(sql + Array(repeating: "(?, ?, ?, ?, ?)", count: Self.size).joined(separator: ", "), in: db)
        rows.reserveCapacity(Self.size)
    }

    /// Adds the row of one stored record; writes a full batch.
    func append(referenceID: Int64, file: String, format: String, line: Int) throws {
        rows.append((referenceID, file, format, Int64(line)))
        guard rows.count == Self.size else { return }
        for (index, row) in rows.enumerated() { bind(batch, Int32(index * 5), row) }
        try batch.execute()
        rows.removeAll(keepingCapacity: true)
    }

    /// Writes the rows not written yet.
    func flush() throws {
        for row in rows {
            bind(single, 0, row)
            try single.execute()
        }
        rows.removeAll(keepingCapacity: true)
    }

    /// Releases the statements.
    func finalize() {
        single.finalize()
        batch.finalize()
    }

    private func bind(_ statement: RawStatement, _ offset: Int32, _ row: (referenceID: Int64, file: String, format: String, line: Int64)) {
        statement.bind(offset + 1, row.referenceID)
        statement.bind(offset + 2, runID)
        statement.bind(offset + 3, row.file)
        statement.bind(offset + 4, row.format)
        statement.bind(offset + 5, row.line)
    }
}
