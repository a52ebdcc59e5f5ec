/// A field name as the reader interned it: its lower-cased text, a number for the name within one reader, and the
/// mapper's slot for it, so mapping compares numbers and switches on slots instead of hashing strings.
///
/// Field names are case-insensitive ("Tame the BeaST", section 2.1 "Fields"); two names with the same lower-cased
/// text have the same `id` in one reader (`BibTeXFieldNames`).
struct BibTeXFieldName: Sendable {
    /// The lower-cased name.
    let text: String
    /// The same for the same text within one reader.
    let id: Int
    /// Where the mapper puts the field; nil for a field kept in `extraFields`.
    let slot: BibTeXEntryMapper.Slot?
}
