/// A JSON value with the place in the source where it starts, for diagnostics that point at the offending record.
public struct LocatedJSON: Sendable {
    /// What a located JSON value holds.
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([LocatedJSON])
        /// Members in source order, each with the line and column of its key.
        case object([(key: String, line: Int, column: Int, value: LocatedJSON)])
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    /// The value without locations.
    public var value: JSONValue {
        switch kind {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let text): .number(text)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.value))
        case .object(let members): .object(JSONObject(members.map { JSONObject.Member($0.key, $0.value.value) }))
        }
    }

    /// The member `key` of an object, with its location; nil for other values.
    public subscript(key: String) -> LocatedJSON? {
        if case .object(let members) = kind { return members.first { $0.key == key }?.value }
        return nil
    }

    /// A short name for the kind of value, for messages: "a string", "an array".
    public var kindName: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON syntax error with its 1-based line and character column.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var line: Int
    public var column: Int
}

/// A strict JSON parser (RFC 8259) that records the line and column of every value.
///
/// Columns count characters (Unicode scalars), 1-based. Nesting deeper than `maximumDepth` is an error rather than
/// a stack overflow.
public struct JSONParser {
    private let bytes: SourceBytes
    private var offset = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    /// The deepest nesting accepted.
    public var maximumDepth = 512

    public init(_ text: String) { self.bytes = SourceBytes(text.utf8) }
    public init(bytes: SourceBytes) { self.bytes = bytes }

    /// Parses one JSON document; white space may surround it, nothing else may follow it.
    public mutating func parseDocument() throws(JSONSyntaxError) -> LocatedJSON {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if offset < bytes.count { throw error("unexpected \(describeCurrent()) after the JSON value") }
        return value
    }

    /// Parses `text` as one JSON document.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> LocatedJSON {
        var parser = JSONParser(text)
        return try parser.parseDocument()
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, line: line, column: column)
    }

    private func describeCurrent() -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> LocatedJSON {
        guard offset < bytes.count else { throw error("unexpected end of file, expected a value") }
        let startLine = line
        let startColumn = column
        let kind: LocatedJSON.Kind
        switch bytes[offset] {
        case UInt8(ascii: "{"): kind = try parseObject()
        case UInt8(ascii: "["): kind = try parseArray()
        case UInt8(ascii: "\""): kind = .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); kind = .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); kind = .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number(try parseNumber())
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
        return LocatedJSON(kind: kind, line: startLine, column: startColumn)
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        for expected in word.utf8 {
            guard offset < bytes.count, bytes[offset] == expected else {
                throw error("unexpected \(describeCurrent()), expected '\(word)'")
            }
            advance()
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > maximumDepth { throw error("nesting deeper than \(maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> LocatedJSON.Kind {
        try enter()
        defer { depth -= 1 }
        advance()
        var members: [(key: String, line: Int, column: Int, value: LocatedJSON)] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            advance()
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()), expected a member name in quotes")
            }
            let keyLine = line
            let keyColumn = column
            let key = try parseString()
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()), expected ':' after member name")
            }
            advance()
            skipWhitespace()
            let value = try parseValue()
            members.append((key, keyLine, keyColumn, value))
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of file, expected ',' or '}'") }
            if bytes[offset] == UInt8(ascii: ",") {
                advance()
                continue
            }
            if bytes[offset] == UInt8(ascii: "}") {
                advance()
                return .object(members)
            }
            throw error("unexpected \(describeCurrent()), expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> LocatedJSON.Kind {
        try enter()
        defer { depth -= 1 }
        advance()
        var items: [LocatedJSON] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            advance()
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of file, expected ',' or ']'") }
            if bytes[offset] == UInt8(ascii: ",") {
                advance()
                continue
            }
            if bytes[offset] == UInt8(ascii: "]") {
                advance()
                return .array(items)
            }
            throw error("unexpected \(describeCurrent()), expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { advance() }
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("malformed number") }
        if bytes[offset] == UInt8(ascii: "0") {
            advance()
        } else {
            while offset < bytes.count, isDigit(bytes[offset]) { advance() }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            advance()
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("malformed number: digits expected after '.'") }
            while offset < bytes.count, isDigit(bytes[offset]) { advance() }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            advance()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { advance() }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw error("malformed number: digits expected in exponent") }
            while offset < bytes.count, isDigit(bytes[offset]) { advance() }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        advance()
        var runStart = offset
        var result = ""
        func flush(_ end: Int) {
            if end > runStart { result += String(decoding: bytes[runStart..<end], as: UTF8.self) }
        }
        while true {
            guard offset < bytes.count else { throw error("unterminated string") }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                flush(offset)
                advance()
                return result
            }
            if byte < 0x20 { throw error("control character in string; write it as an escape such as '\\n'") }
            if byte == UInt8(ascii: "\\") {
                flush(offset)
                advance()
                guard offset < bytes.count else { throw error("unterminated string") }
                let escape = bytes[offset]
                advance()
                switch escape {
                case UInt8(ascii: "\""): result += "\""
                case UInt8(ascii: "\\"): result += "\\"
                case UInt8(ascii: "/"): result += "/"
                case UInt8(ascii: "b"): result += "\u{08}"
                case UInt8(ascii: "f"): result += "\u{0C}"
                case UInt8(ascii: "n"): result += "\n"
                case UInt8(ascii: "r"): result += "\r"
                case UInt8(ascii: "t"): result += "\t"
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code), offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                        bytes[offset + 1] == UInt8(ascii: "u")
                    {
                        advance()
                        advance()
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid low surrogate in '\\u' escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid '\\u' escape: lone surrogate") }
                    result.unicodeScalars.append(scalar)
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in string")
                }
                runStart = offset
                continue
            }
            advance()
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count else { throw error("unterminated '\\u' escape") }
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in '\\u' escape")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }
}
