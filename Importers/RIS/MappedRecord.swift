import CitationModel

/// A record mapped from its fields, waiting for its citation key (which depends on the records before it).
struct MappedRecord: Sendable {
    var record: ImportedRecord
    var diagnostics: [Diagnostic]
    /// The key the record asks for (`CitationKeyMaker.base`), made unique in file order by `assignKey`.
    var keyBase: String

    /// The record, handed over.
    consuming func intoRecord() -> ImportedRecord { record }

    /// Gives the record its key from `keys` (unique in the file) and names it in its diagnostics.
    mutating func assignKey(_ keys: inout CitationKeyMaker) {
        let key = keys.unique(keyBase)
        record.reference.citationKey = key
        for index in diagnostics.indices { diagnostics[index].entry = key }
    }
}
