/// One tagged field of a MEDLINE record as read: the tag, its value lines as strings, and where it starts.
///
/// `first` holds the first line's value and `continuation` each continuation line (a line that is not a tag),
/// trimmed. How the lines combine depends on the tag: titles and abstracts join them with spaces, list tags (`AU`,
/// `MH`) read each line as its own item. (A RIS record's fields are `RISField`s, read from the source's bytes.)
struct MEDLINEField {
    /// The tag's two bytes as a number (`RISTag` raw value), 0 for longer tags.
    var code: UInt16
    /// A tag of more than two characters (`PMID`, `FAU`), nil for two-character tags.
    var longTag: String?
    /// The value on the tag's own line.
    var first: String
    /// Continuation lines, trimmed (empty for most fields, so no array is allocated).
    var continuation: [String] = []
    /// The 1-based line of the tag.
    var line: Int
    /// The 1-based column of the tag.
    var column: Int

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
        longTag ?? RISTag.text(code)
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

    /// Whether the field has no value at all (`SP  -`).
    var isEmpty: Bool { first.isEmpty && continuation.allSatisfy(\.isEmpty) }
}

