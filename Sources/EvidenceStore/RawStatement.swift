import CitationModel
import Foundation
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

    /// Text bound since the statement last ran, copied here and bound without SQLite's own copy (`SQLITE_STATIC`),
    /// so a bind costs a `memcpy` instead of an allocation, a copy and a free inside SQLite. Emptied after each run.
    private let arena: UnsafeMutableRawBufferPointer
    private var arenaUsed = 0
    private static let arenaSize = 256 * 1024

    /// A C string of no characters, for binding empty text without a copy (never freed).
    private nonisolated(unsafe) static let emptyText: UnsafeMutablePointer<CChar> = {
        let text = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        text.initialize(to: 0)
        return text
    }()

    /// Whether text is bound with a NUL terminator (see `bind(_:_:)`), for statements that hand their text to code
    /// that reads it as a C string: FTS5 reads every value it indexes with `sqlite3_value_text`.
    private let terminatesText: Bool

    /// Prepares `sql` on `db`'s connection (persistent: it is reused for every record of the run).
    convenience init(_ sql: String, in db: Database, terminatesText: Bool = false) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection", sql: sql) }
        try self.init(sql, connection: connection, terminatesText: terminatesText)
    }

    /// Prepares `sql` on a connection opened through SQLite's C interface (see `DetachedSearchIndex`).
    init(_ sql: String, connection: OpaquePointer, terminatesText: Bool = false) throws {
        self.connection = connection
        self.sql = sql
        self.terminatesText = terminatesText
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw Self.error(code, connection, sql) }
        handle = statement
        arena = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.arenaSize, alignment: 8)
    }

    deinit {
        sqlite3_finalize(handle)
        arena.deallocate()
    }

    /// Releases the statement; call it on the connection's queue before the connection is used by others.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    /// Binds text to the 1-based parameter `index`. The bytes are copied into the statement's arena, valid until
    /// the statement next runs (SQLite C interface: `SQLITE_STATIC`); text that does not fit is copied by SQLite.
    ///
    /// With `terminatesText`, the arena's copy ends with a NUL and text with no NUL of its own is bound by that
    /// terminator (a length of -1): SQLite then knows the text is terminated (`MEM_Term`), and `sqlite3_value_text`
    /// returns it as it is. Text bound by its length alone, the empty text included, is copied by
    /// `sqlite3_value_text` into a new allocation to add the terminator: for the full-text index, a fifth of the
    /// builder's instructions.
    func bind(_ index: Int32, _ text: String) {
        text.withUTF8Bytes { bind(index, text: $0) }
    }

    /// Binds text given as its UTF-8 bytes (valid UTF-8), as `bind(_:_:)` binds a string.
    func bind(_ index: Int32, utf8: [UInt8]) {
        utf8.withUnsafeBufferPointer { bind(index, text: $0) }
    }

    /// Binds UTF-8 `bytes` as text, as `bind(_:_:)` describes.
    private func bind(_ index: Int32, text bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        if terminatesText, arenaUsed + count + 1 <= arena.count {
            let target = arena.baseAddress! + arenaUsed
            if let base = bytes.baseAddress, count > 0 { target.copyMemory(from: base, byteCount: count) }
            target.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
            arenaUsed += count + 1
            // Text with a NUL inside is bound by its length, so that SQLite does not stop at that NUL.
            let length = memchr(target, 0, count) == nil ? -1 : Int32(count)
            sqlite3_bind_text(handle, index, target.assumingMemoryBound(to: CChar.self), length, SQLITE_STATIC_DESTRUCTOR)
        } else if count == 0 {
            // An empty buffer may have no address, which SQLite would read as NULL: bind a zero-length text at a fixed
            // address instead. Bound as `SQLITE_STATIC`, it costs no allocation (a copy of "" allocated 32 bytes:
            // three per record for glottolog, whose abstract, keywords and notes are mostly empty).
            sqlite3_bind_text(handle, index, Self.emptyText, 0, SQLITE_STATIC_DESTRUCTOR)
        } else if arenaUsed + count <= arena.count, let base = bytes.baseAddress {
            let target = arena.baseAddress! + arenaUsed
            target.copyMemory(from: base, byteCount: count)
            arenaUsed += count
            sqlite3_bind_text(handle, index, target.assumingMemoryBound(to: CChar.self), Int32(count), SQLITE_STATIC_DESTRUCTOR)
        } else if let base = bytes.baseAddress {
            sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(count), SQLITE_TRANSIENT_DESTRUCTOR)
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
        defer { reset() }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a query and reads its first row with `read` (nil when there is none), then resets it.
    func first<T>(_ read: (RawStatement) -> T) throws -> T? {
        defer { reset() }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return read(self)
        case SQLITE_DONE: return nil
        case let code: throw error(code)
        }
    }

    /// Runs a query and reads every row with `read`, then resets it.
    func all<T>(_ read: (RawStatement) -> T) throws -> [T] {
        defer { reset() }
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

    /// The text in column `index` (0-based) of the current row; nil for NULL.
    func optionalText(_ index: Int32) -> String? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : text(index)
    }

    /// Whether column `index` (0-based) of the current row is text with exactly these UTF-8 bytes.
    func textEquals(_ index: Int32, _ utf8: [UInt8]) -> Bool {
        guard sqlite3_column_type(handle, index) == SQLITE_TEXT, let bytes = sqlite3_column_text(handle, index) else { return false }
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count == utf8.count else { return false }
        return count == 0 || utf8.withUnsafeBufferPointer { memcmp(bytes, $0.baseAddress!, count) == 0 }
    }

    /// Resets the statement after a run and empties the arena. The arena's text stays bound (SQLite reads it only
    /// when the statement runs), and every run binds all its parameters again first.
    private func reset() {
        sqlite3_reset(handle)
        arenaUsed = 0
    }

    private func error(_ code: Int32) -> DatabaseError {
        Self.error(code, connection, sql)
    }

    /// SQLite's error for `code` on `connection`, as GRDB reports errors. The statement is named by its first 160
    /// characters: a batch's `VALUES` list of hundreds of parameters would fill the message.
    static func error(_ code: Int32, _ connection: OpaquePointer, _ sql: String) -> DatabaseError {
        let statement = sql.count > 160 ? String(sql.prefix(160)) + "…" : sql
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: statement)
    }
}

/// SQLite's `SQLITE_STATIC`: the bound bytes stay valid and unchanged until the parameter is bound again.
private let SQLITE_STATIC_DESTRUCTOR: sqlite3_destructor_type? = nil

/// SQLite's `SQLITE_TRANSIENT`: the bound bytes are copied before the call returns.
private let SQLITE_TRANSIENT_DESTRUCTOR = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
