/// A field after macro expansion and `#` concatenation: its name, its LaTeX bytes and where it is in the source.
struct ResolvedField: Sendable {
    /// The lower-cased field name.
    var name: String
    /// The value's LaTeX, delimiters removed (a slice of the source when it was one piece).
    var value: ArraySlice<UInt8>
    /// Offset of the field name in the source, for diagnostics.
    var offset: Int

    /// The value as written (LaTeX kept), for fields that have no place in the model.
    var raw: String { value.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }

    /// The value's Unicode text.
    var plain: String { value.withUnsafeBufferPointer { LaTeXDecoder.plain($0) } }
}
