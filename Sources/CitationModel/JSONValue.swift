/// A JSON value that keeps what JSON text said: object members in their order and numbers as written.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number, as its JSON text (so `1.50` stays `1.50`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, or a number's text; nil for other values.
    public var stringValue: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// The member `key` of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// A number from an integer.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }
}

/// A JSON object whose members keep their order.
public struct JSONObject: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// One `"key": value` pair.
    public struct Member: Hashable, Sendable, KeyedElement {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
        public init(key: String, value: JSONValue) { self.init(key, value) }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = elements.map { Member($0.0, $0.1) }
    }

    /// The value of the first member named `key`; setting replaces it in place or appends it, and nil removes it.
    public subscript(key: String) -> JSONValue? {
        get { members[key: key] }
        set { members[key: key] = newValue }
    }

    public var keys: [String] { members.map(\.key) }
    public var isEmpty: Bool { members.isEmpty }
}

extension JSONValue {
    /// The JSON text: compact, or indented by two spaces a level with `pretty`.
    public func serialized(pretty: Bool = false) -> String {
        var output = ""
        write(to: &output, pretty: pretty, indent: 0)
        return output
    }

    private func write(to output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .array(let items):
            if items.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                item.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "]"
        case .object(let object):
            if object.members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.writeString(member.key, to: &output)
                output += pretty ? ": " : ":"
                member.value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "}"
        }
    }

    /// Writes a JSON string literal (RFC 8259, section 7), escaping only what must be escaped (`JSONStringEscaping`).
    public static func writeString(_ text: String, to output: inout String) {
        output += "\""
        let escaped = text.withUTF8Bytes { utf8 -> Bool in
            guard JSONStringEscaping.firstEscape(in: utf8, from: 0) != nil else { return false }
            JSONStringEscaping.forEachPiece(of: utf8) { output += String(decoding: $0, as: UTF8.self) }
            return true
        }
        if !escaped { output += text }
        output += "\""
    }
}

extension JSONObject {
    /// The JSON text of this object.
    public func serialized(pretty: Bool = false) -> String { JSONValue.object(self).serialized(pretty: pretty) }
}
