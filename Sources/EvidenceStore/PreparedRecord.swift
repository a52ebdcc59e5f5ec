import CitationModel

/// The part of storing a reference that needs no database: its CSL-JSON text and its denormalised columns.
///
/// Made ahead, on the thread that parses (see `ParsePipeline` in the executable), it takes that work off the thread
/// that writes the store. The text carries the reference's citation key, so it is used only when the record is stored
/// under that key; a renamed or matched record gets its text written again.
public struct PreparedRecord: Sendable {
    let key: String
    let csl: String
    let columns: ImportWriter.Columns

    /// Prepares `reference` for `ImportWriter.upsert(_:file:format:line:isMember:prepared:)`.
    public init(_ reference: Reference) {
        key = reference.citationKey
        csl = reference.cslJSONText()
        columns = ImportWriter.columns(reference)
    }

    /// The CSL-JSON text of `reference` (the prepared one with, possibly, another key).
    func csl(for reference: Reference) -> String {
        reference.citationKey == key ? csl : reference.cslJSONText()
    }
}
