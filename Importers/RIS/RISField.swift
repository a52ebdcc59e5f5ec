/// One tagged field of a RIS record, read in place: its tag and position, with its value lines as byte ranges of the
/// source, so a string is built only for a value the reference keeps (names and dates are read from the bytes).
///
/// The value is the tag line's text and each continuation line (a line that is not a tag), spaces and tabs trimmed.
/// How the lines combine depends on the tag: titles and abstracts join them with spaces, list tags (`KW`, `AU`, `SN`)
/// read each line as its own item (EndNote writes several keywords under one `KW`, one per line). A field is a plain
/// value (no reference counting), valid while the buffers it points into are.
struct RISField {
    /// Where the field is in its batch.
    let raw: RISRawBatch.Field
    /// The source's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The batch's continuation lines (`raw` names its own).
    let continuations: UnsafeBufferPointer<(start: Int, end: Int)>

    /// The tag's two bytes as a number (`RISTag` raw value).
    var code: UInt16 { raw.code }
    /// The 1-based line of the tag.
    var line: Int { raw.line }
    /// The 1-based column of the tag.
    var column: Int { raw.column }

    /// The tag as text: `TY`.
    var tag: String { RISTag.text(raw.code) }

    /// The value's lines, trimmed, empty ones included: the tag line's, then the continuations.
    private func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        body(trimmed(raw.start, raw.end))
        for index in raw.continuationStart..<raw.continuationEnd {
            body(trimmed(continuations[index].start, continuations[index].end))
        }
    }

    /// `bytes[start..<end]` without the spaces and tabs at either end.
    private func trimmed(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        var low = start
        var high = end
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[low..<high])
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The non-empty lines joined by spaces: the value of a text field.
    var text: String {
        guard raw.continuationEnd > raw.continuationStart else { return Self.string(trimmed(raw.start, raw.end)) }
        var joined: [UInt8] = []
        forEachLine { line in
            guard !line.isEmpty else { return }
            if !joined.isEmpty { joined.append(0x20) }
            joined.append(contentsOf: line)
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of `text`: read in place when the value has one line.
    func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard raw.continuationEnd > raw.continuationStart else { return body(trimmed(raw.start, raw.end)) }
        return text.withUTF8Bytes(body)
    }

    /// The non-empty lines: the items of a list field.
    var items: [String] {
        var items: [String] = []
        forEachItemUTF8 { items.append(Self.string($0)) }
        return items
    }

    /// Calls `body` with the UTF-8 bytes of each non-empty line, without building a string.
    func forEachItemUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachLine { line in if !line.isEmpty { body(line) } }
    }

    /// Calls `body` with each non-empty line as a string.
    func forEachItem(_ body: (String) -> Void) {
        forEachLine { line in if !line.isEmpty { body(Self.string(line)) } }
    }

    /// Whether the field has no value at all (`SP  -`).
    var isEmpty: Bool {
        var empty = true
        forEachLine { line in if !line.isEmpty { empty = false } }
        return empty
    }
}
