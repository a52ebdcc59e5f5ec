/// A field after macro expansion and `#` concatenation: its name, its LaTeX bytes and where it is in the source.
///
/// A value of one piece points into the source buffer, which outlives the read (`BibTeXReader.read` runs inside the
/// buffer's scope, and no field leaves it), so the common field is copied and shared across the mapping threads
/// without reference counting; a joined value owns its bytes.
struct ResolvedField: @unchecked Sendable, NamedField {
    /// Where a value's bytes are.
    enum Storage {
        /// A range of the source buffer.
        case source(UnsafeBufferPointer<UInt8>)
        /// Bytes joined from several pieces or expanded from macros.
        case owned([UInt8])
    }

    /// The interned lower-cased field name; see `NamedField`.
    var nameReference: Unmanaged<BibTeXFieldName>
    /// The value's LaTeX, delimiters removed.
    var storage: Storage
    /// Offset of the field name in the source, for diagnostics.
    var offset: Int

    /// Calls `body` with the value's bytes.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .source(let bytes): body(bytes)
        case .owned(let bytes): bytes.withUnsafeBufferPointer(body)
        }
    }

    /// The value as written (LaTeX kept), for fields that have no place in the model.
    var raw: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// The value's Unicode text.
    var plain: String { withBytes { LaTeXDecoder.plain($0) } }
}
