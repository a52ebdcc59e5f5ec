/// Compact JSON text (RFC 8259) written as UTF-8 bytes into one growing buffer, objects and arrays nested in place:
/// a value (member or element) is preceded by a comma unless it is the first of its container. Strings are escaped
/// as `JSONValue.writeString` escapes them.
///
/// The store writes one such text per imported record (about 25 MB for 69,505 records), so the writer keeps its
/// bytes in memory it manages itself (no array uniqueness or capacity checks per byte), writes the fixed member
/// names without scanning them, copies runs of text that need no escaping in one go, and writes plain rich text as
/// its own markup (`RichText.cslMarkup` returns such text itself).
struct CSLJSONTextWriter: ~Copyable {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the next value of the current container needs a comma before it.
    private var needsComma = false

    /// An empty writer with room for `capacity` bytes before it grows.
    init(capacity: Int = 1024) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// The text written.
    consuming func finish() -> String {
        String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    /// The UTF-8 bytes written (valid UTF-8: every piece came from a `String` or is ASCII).
    consuming func finishUTF8() -> [UInt8] {
        Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    /// Starts an object as the next value.
    mutating func open() {
        separate()
        append(0x7B)
        needsComma = false
    }

    /// Ends an object: the container it is in now has a value.
    mutating func close() {
        append(0x7D)
        needsComma = true
    }

    /// Starts an array as the next value.
    mutating func openArray() {
        separate()
        append(0x5B)
        needsComma = false
    }

    /// Ends an array.
    mutating func closeArray() {
        append(0x5D)
        needsComma = true
    }

    /// Writes `"key":` for a fixed member name, which must need no escaping; the value written next follows it
    /// without a comma.
    mutating func key(_ key: StaticString) {
        let length = key.utf8CodeUnitCount
        reserve(length + 4)
        if needsComma {
            buffer[count] = 0x2C
            count += 1
        }
        buffer[count] = 0x22
        (buffer + count + 1).initialize(from: key.utf8Start, count: length)
        count += length + 1
        buffer[count] = 0x22
        buffer[count + 1] = 0x3A
        count += 2
        needsComma = false
    }

    /// Writes `"key":` for a member name that comes from data (escaped).
    mutating func key(named key: String) {
        separate()
        string(key)
        append(0x3A)
        needsComma = false
    }

    /// Writes `"key":"value"`.
    mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
        needsComma = true
    }

    /// Writes `"key":"value"` for a member name that comes from data.
    mutating func member(named key: String, _ value: String) {
        self.key(named: key)
        string(value)
        needsComma = true
    }

    /// Writes `"key":value` for a member name that comes from data and a value kept as JSON (compact, as
    /// `JSONValue.serialized()` writes it).
    mutating func member(named key: String, json value: JSONValue) {
        self.key(named: key)
        var text = value.serialized()
        text.withUTF8 { append($0) }
        needsComma = true
    }

    /// Writes `"key":"markup"`: rich text in its CSL form (`RichText.cslMarkup`).
    mutating func member(_ key: StaticString, _ value: RichText) {
        self.key(key)
        // Unstyled text with no `<` or `&` is its own markup: `cslMarkup` returns the string itself.
        string(value.cslMarkup)
        needsComma = true
    }

    /// Writes `"key":` and a number or literal (`true`) as it is.
    mutating func member(_ key: StaticString, literal: String) {
        self.key(key)
        literal.withUTF8Bytes { append($0) }
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
        var digits = String(value)
        digits.withUTF8 { append($0) }
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { append(0x2C) }
    }

    /// A JSON string literal, escaped by `JSONStringEscaping` (the same bytes as `JSONValue.writeString`).
    private mutating func string(_ text: String) {
        text.withUTF8Bytes { quoted($0) }
    }

    /// Writes UTF-8 text as a JSON string literal.
    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Room for the text and its quotes at once: most text needs no escaping, so that is all it takes.
        reserve(utf8.count + 2)
        buffer[count] = 0x22
        count += 1
        if JSONStringEscaping.firstEscape(in: utf8, from: 0) == nil {
            if let base = utf8.baseAddress { (buffer + count).initialize(from: base, count: utf8.count) }
            count += utf8.count
        } else {
            JSONStringEscaping.forEachPiece(of: utf8) { append($0) }
        }
        append(0x22)
    }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
    }

    private mutating func append(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count += 1
    }

    private mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        buffer[count] = first
        buffer[count + 1] = second
        count += 2
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (buffer + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }
}
