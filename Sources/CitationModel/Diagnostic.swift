/// A message about a source file: an error (a record was not imported), a warning (it was, with a repair) or a note.
///
/// Rendered as one line, `path:line:col: error: [code] message (entry 'key')`, so that scripts can read diagnostics
/// line by line (a line break inside a message, as libxml2 writes some and as quoted input may hold, is written as a
/// space): codes are stable, lower-case and dotted (`bibtex.unterminated-entry`); messages are lower-case with no
/// trailing period, the offending token in quotes.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable, dotted, lower-case code, e.g. `csljson.syntax`.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    /// The entry the diagnostic is about (a citation key or a record number), when known.
    public var entry: String?

    public init(_ severity: Severity, code: String, _ message: String, at location: SourceLocation?, entry: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.entry = entry
    }

    /// Shorthand for an error diagnostic.
    public static func error(_ code: String, _ message: String, at location: SourceLocation?, entry: String? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: location, entry: entry)
    }

    /// Shorthand for a warning diagnostic.
    public static func warning(_ code: String, _ message: String, at location: SourceLocation?, entry: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location, entry: entry)
    }

    public var description: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of `description` to `bytes`, piece by piece: an import may report tens of thousands of
    /// diagnostics, and appending to a byte array copies each piece where `String +=` cost 340 instructions a piece.
    public func append(to bytes: inout [UInt8]) {
        if let location {
            location.append(to: &bytes)
            bytes.append(contentsOf: ": ".utf8)
        }
        bytes.append(contentsOf: severity.rawValue.utf8)
        bytes.append(contentsOf: ": [".utf8)
        bytes.append(contentsOf: code.utf8)
        bytes.append(contentsOf: "] ".utf8)
        Self.appendOnOneLine(message, to: &bytes)
        if let entry {
            bytes.append(contentsOf: " (entry '".utf8)
            Self.appendOnOneLine(entry, to: &bytes)
            bytes.append(contentsOf: "')".utf8)
        }
    }

    /// Appends `text` with each run of line breaks (LF, CR) written as one space.
    private static func appendOnOneLine(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            bytes.append(contentsOf: utf8)
            return
        }
        var inBreak = false
        for byte in utf8 {
            if byte == 0x0A || byte == 0x0D {
                if !inBreak { bytes.append(0x20) }
                inBreak = true
            } else {
                bytes.append(byte)
                inBreak = false
            }
        }
    }
}
