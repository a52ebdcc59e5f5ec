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
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else {
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
    private static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            let character = text[index]
            if character == "<", tags.contains(where: { rest.hasPrefix($0.open) || rest.hasPrefix($0.close) }) {
                output += "&lt;"
            } else if character == "&", entities.contains(where: { rest.hasPrefix($0.0) }) {
                output += "&amp;"
            } else {
                output.append(character)
            }
            index = text.index(after: index)
        }
        return output
    }
}
