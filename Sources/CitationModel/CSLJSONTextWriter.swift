/// Compact JSON text (RFC 8259) written as UTF-8 bytes (appending to a byte array is several times cheaper than
/// appending to a `String`), objects and arrays nested in place: a value (member or element) is preceded by a comma
/// unless it is the first of its container. Strings are escaped as `JSONValue.writeString` escapes them.
struct CSLJSONTextWriter {
    var bytes: [UInt8] = []
    /// Whether the next value of the current container needs a comma before it.
    private var needsComma = false

    /// The text written so far.
    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts an object as the next value.
    mutating func open() {
        separate()
        bytes.append(0x7B)
        needsComma = false
    }

    /// Ends an object: the container it is in now has a value.
    mutating func close() {
        bytes.append(0x7D)
        needsComma = true
    }

    /// Starts an array as the next value.
    mutating func openArray() {
        separate()
        bytes.append(0x5B)
        needsComma = false
    }

    /// Ends an array.
    mutating func closeArray() {
        bytes.append(0x5D)
        needsComma = true
    }

    /// Writes `"key":`; the value written next follows it without a comma.
    mutating func key(_ key: String) {
        separate()
        string(key)
        bytes.append(0x3A)
        needsComma = false
    }

    /// Writes `"key":"value"`.
    mutating func member(_ key: String, _ value: String) {
        self.key(key)
        string(value)
        needsComma = true
    }

    /// Writes `"key":` and a number or literal (`true`) as it is.
    mutating func member(_ key: String, literal: String) {
        self.key(key)
        bytes.append(contentsOf: literal.utf8)
        needsComma = true
    }

    /// Writes a string element of an array.
    mutating func element(_ value: String) {
        separate()
        string(value)
        needsComma = true
    }

    /// Writes a number element of an array.
    mutating func element(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(0x2C) }
    }

    /// A JSON string literal (RFC 8259, section 7), escaping only what must be escaped: the same bytes as
    /// `JSONValue.writeString` (every escaped character is ASCII, so working on UTF-8 bytes changes nothing).
    private mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }
}
