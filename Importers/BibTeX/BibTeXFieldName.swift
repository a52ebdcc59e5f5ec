/// A field name as the reader interned it: its lower-cased text, a number for the name within one reader, and the
/// mapper's slot for it, so mapping compares numbers and switches on slots instead of hashing strings.
///
/// Field names are case-insensitive ("Tame the BeaST", section 2.1 "Fields"); two names with the same lower-cased
/// text have the same `id` in one reader (`BibTeXFieldNames`).
///
/// A class, made once per distinct name: every field carries its name, and a copy of a reference is one retain, where
/// a copy of the text and the slot (whose name roles hold strings) was several.
final class BibTeXFieldName: Sendable {
    /// The lower-cased name.
    let text: String
    /// The same for the same text within one reader.
    let id: Int
    /// Where the mapper puts the field; nil for a field kept in `extraFields`.
    let slot: BibTeXEntryMapper.Slot?

    init(text: String, id: Int, slot: BibTeXEntryMapper.Slot?) {
        self.text = text
        self.id = id
        self.slot = slot
    }
}

/// A field that keeps its interned name unretained (`BibTeXField`, `ResolvedField`), so it is copied without
/// reference counting: the splitter's name table (`BibTeXFieldNames`) holds every name for as long as the reader
/// runs, and no field outlives it. The name's parts are read without retaining it either.
protocol NamedField {
    var nameReference: Unmanaged<BibTeXFieldName> { get }
}

extension NamedField {
    /// The name's number, read without retaining the name.
    var nameID: Int { nameReference._withUnsafeGuaranteedRef { $0.id } }
    /// The name's slot in the mapper, read without retaining the name.
    var nameSlot: BibTeXEntryMapper.Slot? { nameReference._withUnsafeGuaranteedRef { $0.slot } }
    /// The name's text.
    var nameText: String { nameReference._withUnsafeGuaranteedRef { $0.text } }
}
