import Foundation

/// The CSL-JSON form of rich text: HTML-like tags inside strings (CSL 1.0.2, Appendix VI "Rich Text Formatting").
///
/// `<i>`, `<b>`, `<sup>`, `<sub>`, `<span style="font-variant:small-caps;">` and `<span class="nocase">` are styles;
/// any other `<` is text. `&lt;`, `&gt;` and `&amp;` decode to their characters. Rendering escapes only what would
/// otherwise read back as markup, so `parse(render(x)) == x` for every value and ordinary text stays readable.
extension RichText {
    private static let tags: [(open: String, close: String, style: Style)] = [
        ("<i>", "</i>", .italic),
        ("<b>", "</b>", .bold),
        ("<sup>", "</sup>", .superscript),
        ("<sub>", "</sub>", .subscript),
        ("<span style=\"font-variant:small-caps;\">", "</span>", .smallCaps),
        ("<span class=\"nocase\">", "</span>", .noCase),
    ]
    private static let entities: [(String, Character)] = [("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]

    /// Reads a CSL-JSON string with its inline markup.
    public init(cslMarkup text: String) {
        guard text.withUTF8Bytes(Self.holdsMarkupByte) else {
            self.init(text)
            return
        }
        var runs: [Run] = []
        var stack: [(close: String, style: Style)] = []
        var current = ""
        var style: Style = []
        var index = text.startIndex
        scan: while index < text.endIndex {
            let rest = text[index...]
            if text[index] == "<" {
                if let top = stack.last, rest.hasPrefix(top.close) {
                    runs.append(Run(current, style: style))
                    current = ""
                    stack.removeLast()
                    style = stack.reduce(into: []) { $0.formUnion($1.style) }
                    index = text.index(index, offsetBy: top.close.count)
                    continue
                }
                for tag in Self.tags where rest.hasPrefix(tag.open) {
                    runs.append(Run(current, style: style))
                    current = ""
                    stack.append((tag.close, tag.style))
                    style.formUnion(tag.style)
                    index = text.index(index, offsetBy: tag.open.count)
                    continue scan
                }
            } else if text[index] == "&" {
                for (entity, character) in Self.entities where rest.hasPrefix(entity) {
                    current.append(character)
                    index = text.index(index, offsetBy: entity.count)
                    continue scan
                }
            }
            current.append(text[index])
            index = text.index(after: index)
        }
        runs.append(Run(current, style: style))
        self.init(runs: runs)
    }

    /// The CSL-JSON string, with inline markup for styled runs.
    public var cslMarkup: String {
        if let unstyled { return Self.escape(unstyled) }
        var output = ""
        for run in runs {
            var closes: [String] = []
            for tag in Self.tags where run.style.contains(tag.style) {
                output += tag.open
                closes.append(tag.close)
            }
            output += Self.escape(run.text)
            output += closes.reversed().joined()
        }
        return output
    }

    /// Escapes the `<` and `&` that would otherwise read back as markup or an entity.
    ///
    /// Works on UTF-8 bytes: a tag or entity starts with an ASCII byte, and comparing bytes finds the same prefixes
    /// as comparing characters except where a combining mark follows a tag's `>` or an entity's `;`, which then
    /// gets escaped too (and still reads back as the same text).
    private static func escape(_ text: String) -> String {
        return text.withUTF8Bytes { bytes -> String? in
            guard holdsMarkupByte(bytes) else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == 0x3C || byte == 0x26 {
                    let rest = UnsafeBufferPointer(rebasing: bytes[index...])
                    let prefixes = byte == 0x3C ? markupPrefixes : entityPrefixes
                    if prefixes.contains(where: { rest.starts(with: $0) }) {
                        output.append(contentsOf: byte == 0x3C ? Array("&lt;".utf8) : Array("&amp;".utf8))
                        continue
                    }
                }
                output.append(byte)
            }
            return String(decoding: output, as: UTF8.self)
        } ?? text
    }

    /// Whether the bytes hold a `<` or `&`, the only bytes that can start markup or an entity (two `memchr`s: most
    /// text holds neither, and the CSL-JSON of every imported title and abstract asks).
    private static func holdsMarkupByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0x3C, bytes.count) != nil || memchr(base, 0x26, bytes.count) != nil
    }

    /// The UTF-8 bytes of every opening and closing tag, and of every entity.
    private static let markupPrefixes: [[UInt8]] = tags.flatMap { [Array($0.open.utf8), Array($0.close.utf8)] }
    private static let entityPrefixes: [[UInt8]] = entities.map { Array($0.0.utf8) }
}
