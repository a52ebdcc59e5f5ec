import CitationModel
/// Byte and string helpers of the RIS and MEDLINE readers (named apart so they cannot clash in the module).
enum RISText {
    /// A string from a range of UTF-8 bytes, with spaces and tabs trimmed from both ends.
    static func string(_ bytes: SourceBytes, from start: Int, to end: Int) -> String {
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
    /// Whether `text` contains `needle` (ASCII), compared byte by byte without Foundation.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        firstIndex(of: needle, in: text) != nil
    }

    /// The UTF-8 offset where `needle` (ASCII) first occurs in `text`.
    static func firstIndex(of needle: StaticString, in text: String) -> Int? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let head = pattern.first else { return 0 }
        return text.withUTF8Bytes { bytes -> Int? in
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
