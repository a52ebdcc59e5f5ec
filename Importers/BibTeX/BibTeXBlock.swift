/// One `@`-block of a BibTeX file as the splitter found it, with byte offsets into the source for every part.
///
/// The syntax layer of the importer: nothing here is decoded yet. Values are lists of pieces joined by `#`
/// ("Tame the BeaST", section 2.1 "Fields"; BibTeX's `@string` macros).
struct BibTeXBlock: Sendable {
    enum Kind: Sendable {
        case entry, string, preamble, comment
    }

    var kind: Kind
    /// The entry type, lower-cased (`article`, `string` ...).
    var type: String
    /// Offset of the `@`.
    var start: Int
    /// The citation key as written; nil when the entry has none.
    var key: String?
    /// Offset of the key (or where it should have been).
    var keyOffset: Int
    var fields: [BibTeXField]
    /// The pieces after the first of the block's values joined with `#` (`BibTeXValue.rest` indexes them); empty
    /// for most blocks, so a field holds no array of its own and is copied without reference counting.
    var morePieces: [BibTeXValuePiece] = []
}

/// A `name = value` pair of an entry or a `@string`.
struct BibTeXField: Sendable, NamedField {
    /// The field name, lower-cased and interned (field names are case-insensitive); see `NamedField`.
    var nameReference: Unmanaged<BibTeXFieldName>
    var nameOffset: Int
    var value: BibTeXValue
    /// Offset of the first piece.
    var valueOffset: Int
}

/// A value: its first piece and where the pieces joined to it with `#` are in its block's `morePieces`, so the
/// common one-piece value needs no array.
struct BibTeXValue: Sendable {
    var first: BibTeXValuePiece
    var rest: Range<Int> = 0..<0

    /// Every piece, in order; `morePieces` is the block's.
    func pieces(_ morePieces: [BibTeXValuePiece]) -> [BibTeXValuePiece] { [first] + morePieces[rest] }
}

/// One piece of a value: braced or quoted text (its content range), a bare number, or a macro name.
enum BibTeXValuePiece: Sendable {
    case text(Range<Int>)
    case number(Range<Int>)
    case macro(Range<Int>)
}
