/// One tagged field of a RIS or MEDLINE record as read: the tag, its value lines, and where it starts.
///
/// `lines` holds the first line's value and then each continuation line (a line that is not a tag), trimmed. How
/// the lines combine depends on the tag: titles and abstracts join them with spaces, list tags (`KW`, `AU`, `SN`)
/// read each line as its own item (EndNote writes several keywords under one `KW`, one per line).
struct RISField {
    var tag: String
    var lines: [String]
    /// The 1-based line of the tag.
    var line: Int
    /// The 1-based column of the tag.
    var column: Int

    /// The lines joined by spaces, trimmed: the value of a text field.
    var text: String {
        if lines.count == 1 { return lines[0] }
        return lines.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The non-empty lines: the items of a list field.
    var items: [String] { lines.filter { !$0.isEmpty } }

    /// Whether the field has no value at all (`SP  -`).
    var isEmpty: Bool { lines.allSatisfy(\.isEmpty) }
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
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        var scalars = Substring(text).unicodeScalars
        while let head = scalars.first, head.properties.isWhitespace { scalars.removeFirst() }
        while let tail = scalars.last, tail.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
