/// One tagged field of a RIS or MEDLINE record as read: the tag, its value lines, and where it starts.
///
/// `first` holds the first line's value and `continuation` each continuation line (a line that is not a tag), trimmed. How
/// the lines combine depends on the tag: titles and abstracts join them with spaces, list tags (`KW`, `AU`, `SN`)
/// read each line as its own item (EndNote writes several keywords under one `KW`, one per line).
struct RISField {
    /// The tag's two bytes as a number (`RISTag` raw value), 0 for longer MEDLINE tags.
    var code: UInt16
    /// A MEDLINE tag of more than two characters (`PMID`, `FAU`), nil for two-character tags.
    var longTag: String?
    /// The value on the tag's own line.
    var first: String
    /// Continuation lines, trimmed (empty for most fields, so no array is allocated).
    var continuation: [String] = []
    /// The 1-based line of the tag.
    var line: Int
    /// The 1-based column of the tag.
    var column: Int

    /// A field of a two-character tag, by its code.
    init(code: UInt16, first: String, line: Int, column: Int) {
        self.code = code
        self.first = first
        self.line = line
        self.column = column
    }

    /// A field of any tag.
    init(tag: String, first: String, line: Int, column: Int) {
        let code = RISTag.code(tag)
        self.code = code
        self.longTag = code == 0 ? tag : nil
        self.first = first
        self.line = line
        self.column = column
    }

    /// The tag as text: `TY`, `PMID`.
    var tag: String {
        if let longTag { return longTag }
        return String(unsafeUninitializedCapacity: 2) { buffer in
            buffer[0] = UInt8(code >> 8)
            buffer[1] = UInt8(code & 0xFF)
            return 2
        }
    }

    /// The value and continuation lines, in order.
    var lines: [String] { [first] + continuation }

    /// The lines joined by spaces, trimmed: the value of a text field.
    var text: String {
        if continuation.isEmpty { return first }
        return lines.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The non-empty lines: the items of a list field.
    var items: [String] {
        if continuation.isEmpty { return first.isEmpty ? [] : [first] }
        return lines.filter { !$0.isEmpty }
    }

    /// Calls `body` with each non-empty line, without building an array.
    func forEachItem(_ body: (String) -> Void) {
        if !first.isEmpty { body(first) }
        for line in continuation where !line.isEmpty { body(line) }
    }

    /// Whether the field has no value at all (`SP  -`).
    var isEmpty: Bool { first.isEmpty && continuation.allSatisfy(\.isEmpty) }
}

/// Byte and string helpers of the RIS and MEDLINE readers (named apart so they cannot clash in the module).
enum RISText {
    /// A string from a range of UTF-8 bytes, with spaces and tabs trimmed from both ends.
    static func string(_ bytes: [UInt8], from start: Int, to end: Int) -> String {
        var low = start
        var high = end
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[low..<high]), as: UTF8.self)
        }
    }

    /// `text` with white space (spaces, tabs, line ends, no-break spaces) trimmed from both ends.
    static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        guard let firstByte = utf8.first, let lastByte = utf8.last else { return text }
        // Fast path: printable ASCII at both ends.
        if firstByte > 0x20 && firstByte < 0x80 && lastByte > 0x20 && lastByte < 0x80 { return text }
        // ASCII white space at the ends, and non-white ASCII inside: trim bytes.
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] <= 0x20 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] <= 0x20 { end = utf8.index(before: end) }
        if start == end { return "" }
        if utf8[start] < 0x80 && utf8[utf8.index(before: end)] < 0x80 {
            return start == utf8.startIndex && end == utf8.endIndex ? text : String(Substring(utf8[start..<end]))
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        var scalars = Substring(text).unicodeScalars
        while let head = scalars.first, head.properties.isWhitespace { scalars.removeFirst() }
        while let tail = scalars.last, tail.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension RISText {
    /// A string from a slice of UTF-8, with ASCII white space trimmed from both ends, built once.
    static func string(_ slice: Substring.UTF8View) -> String {
        var start = slice.startIndex
        var end = slice.endIndex
        while start < end, slice[start] == 0x20 || slice[start] == 0x09 { start = slice.index(after: start) }
        while end > start, slice[slice.index(before: end)] == 0x20 || slice[slice.index(before: end)] == 0x09 { end = slice.index(before: end) }
        return String(Substring(slice[start..<end]))
    }

    /// Whether `text` contains `needle` (ASCII), compared byte by byte without Foundation.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        firstIndex(of: needle, in: text) != nil
    }

    /// The UTF-8 offset where `needle` (ASCII) first occurs in `text`.
    static func firstIndex(of needle: StaticString, in text: String) -> Int? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let head = pattern.first else { return 0 }
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count >= pattern.count else { return nil }
            var index = 0
            while index <= bytes.count - pattern.count {
                if bytes[index] == head {
                    var matched = 1
                    while matched < pattern.count && bytes[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
