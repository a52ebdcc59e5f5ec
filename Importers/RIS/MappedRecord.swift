import CitationModel

/// A record mapped from its fields, waiting for its citation key (which depends on the records before it).
struct MappedRecord: Sendable {
    /// What the key is made of: the source's own `ID` when it is usable, else name, year and title.
    struct KeyInputs: Sendable {
        var preferred: String?
        var family: String?
        var year: Int?
        var title: String?
    }

    var record: ImportedRecord
    var diagnostics: [Diagnostic]
    var keyInputs: KeyInputs

    /// The record, handed over.
    consuming func intoRecord() -> ImportedRecord { record }

    /// Gives the record its key from `keys` (unique in the file) and names it in its diagnostics.
    mutating func assignKey(_ keys: inout CitationKeyMaker) {
        let key = keys.make(preferred: keyInputs.preferred, family: keyInputs.family, year: keyInputs.year, title: keyInputs.title)
        record.reference.citationKey = key
        for index in diagnostics.indices { diagnostics[index].entry = key }
    }
}
