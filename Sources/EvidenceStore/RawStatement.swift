import GRDB
import GRDBSQLite

/// A prepared statement bound, stepped and read through SQLite's C API, for the import's per-record statements.
///
/// GRDB's generic binding (`StatementArguments` of `DatabaseValueConvertible` existentials) costs more than the
/// statement itself when a run stores tens of thousands of records; this binds `String`/`Int64` directly
/// (SQLite C interface, "Binding Values To Prepared Statements"). It is owned by one `ImportWriter`, used only on the
/// writer's connection inside its transaction, and finalized by `finalize()` before the connection is handed back.
final class RawStatement {
    private var handle: OpaquePointer?
    private let connection: OpaquePointer
    private let sql: String

    /// Prepares `sql` on `db`'s connection (persistent: it is reused for every record of the run).
    init(_ sql: String, in db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection", sql: sql) }
        self.connection = connection
        self.sql = sql
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    /// Releases the statement; call it on the connection's queue before the connection is used by others.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    /// Binds text to the 1-based parameter `index` (SQLite copies it).
    func bind(_ index: Int32, _ text: String) {
        var text = text
        _ = text.withUTF8 { bytes in
            // An empty buffer may have no address, which SQLite would read as NULL: bind a zero-length text instead.
            if let base = bytes.baseAddress {
                sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_TRANSIENT_DESTRUCTOR)
            } else {
                sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT_DESTRUCTOR)
            }
        }
    }

    /// Binds text, or NULL for nil.
    func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds an integer, or NULL for nil.
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Runs a statement that returns no rows, then resets it.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a query and reads its first row with `read` (nil when there is none), then resets it.
    func first<T>(_ read: (RawStatement) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return read(self)
        case SQLITE_DONE: return nil
        case let code: throw error(code)
        }
    }

    /// Runs a query and reads every row with `read`, then resets it.
    func all<T>(_ read: (RawStatement) -> T) throws -> [T] {
        defer { sqlite3_reset(handle) }
        var rows: [T] = []
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: rows.append(read(self))
            case SQLITE_DONE: return rows
            case let code: throw error(code)
            }
        }
    }

    /// The integer in column `index` (0-based) of the current row.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// The text in column `index` (0-based) of the current row; "" for NULL.
    func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}

/// SQLite's `SQLITE_TRANSIENT`: the bound bytes are copied before the call returns.
private let SQLITE_TRANSIENT_DESTRUCTOR = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
