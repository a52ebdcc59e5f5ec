import CitationModel

/// A record mapped from its fields, waiting for its citation key (which depends on the records before it).
struct MappedRecord: Sendable {
    /// The reference, until `takeRecord` hands it over. Optional so it can be moved out: a stored value returned
    /// from a method is copied (every string, list and dictionary of the reference retained, and released after).
    var reference: Reference?
    /// Where the record starts.
    var location: SourceLocation
    var diagnostics: [Diagnostic]
    /// The key the record asks for (`CitationKeyMaker.base`), made unique in file order by `assignKey`.
    var keyBase: String

    /// Fills the (blank) reference, the diagnostics and the key asked for from `fields`, in place.
    mutating func fill(from fields: [RISField], with mapper: inout RISRecordMapper) {
        keyBase = mapper.fill(&reference!, from: fields, diagnostics: &diagnostics)
    }

    /// The record, its reference moved out; called once.
    mutating func takeRecord() -> ImportedRecord { ImportedRecord(reference: reference.take()!, location: location) }

    /// Gives the record its key from `keys` (unique in the file) and names it in its diagnostics.
    mutating func assignKey(_ keys: inout CitationKeyMaker) {
        let key = keys.unique(keyBase)
        reference!.citationKey = key
        for index in diagnostics.indices { diagnostics[index].entry = key }
    }
}
