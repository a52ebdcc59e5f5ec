import CitationModel

/// The part of storing a reference that needs no database: its CSL-JSON text and its denormalised columns.
///
/// Made ahead, on the thread that parses (see `ParsePipeline` in the executable), it takes that work off the thread
/// that writes the store. The text carries the reference's citation key, so a record stored under another key (renamed,
/// or matched to a stored record) gets the text with that key put in.
public struct PreparedRecord: Sendable {
    let key: String
    /// The UTF-8 bytes of `cslJSONText()`.
    let csl: [UInt8]
    let columns: ImportWriter.Columns

    /// Prepares `reference` for `ImportWriter.upsert(_:file:format:line:isMember:prepared:)`. Borrowed: an
    /// initialiser takes its arguments owned by default, and the caller copied every record to give it one.
    public init(_ reference: borrowing Reference) {
        key = reference.citationKey
        csl = reference.cslJSONUTF8()
        columns = ImportWriter.columns(reference)
    }

    /// The CSL-JSON text of `reference` (the prepared one with, possibly, another key: a record stored under a new
    /// key, or over a stored record with its key, gets the prepared text with its `id` replaced).
    func csl(for reference: Reference) -> [UInt8] {
        if reference.citationKey == key { return csl }
        return Array((reference.cslJSONText(rekeying: String(decoding: csl, as: UTF8.self), from: key) ?? reference.cslJSONText()).utf8)
    }
}
