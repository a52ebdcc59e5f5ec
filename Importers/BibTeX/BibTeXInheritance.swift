/// `crossref` and `xdata` inheritance by the biblatex rules (biblatex manual, section 2.4.1 "Cross-referencing" and
/// appendix B "Default Crossref Setup"): the child keeps its own fields and gains the parent's others; a book-like
/// parent's `title` becomes the child's `booktitle` (a periodical's its `journaltitle`, a multi-volume work's its
/// `maintitle`), and a book's `author` an `inbook`'s `bookauthor`. `xdata` copies every field of the named `@xdata`
/// entries. Entries may come in any order; parents are resolved first, and cycles are broken.
enum BibTeXInheritance {
    /// Fields a child never inherits (appendix B, "inherit none").
    static let notInherited: Set<String> = [
        "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options", "presort", "related",
        "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey",
    ]

    private static let bookLike: Set<String> = ["book", "collection", "proceedings", "reference", "inbook"]
    private static let multiVolume: Set<String> = ["mvbook", "mvcollection", "mvproceedings", "mvreference"]
    private static let parts: Set<String> = [
        "inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inproceedings", "inreference", "conference",
    ]

    /// The name a parent's field takes in a child, or nil when it is not inherited.
    static func inheritedName(_ field: String, parentType: String, childType: String) -> String? {
        if notInherited.contains(field) { return nil }
        if parts.contains(childType) {
            if multiVolume.contains(parentType) {
                switch field {
                case "title": return "maintitle"
                case "subtitle": return "mainsubtitle"
                case "titleaddon": return "maintitleaddon"
                case "shorttitle", "sorttitle", "indextitle", "indexsorttitle": return nil
                default: break
                }
            } else if bookLike.contains(parentType) {
                switch field {
                case "title": return "booktitle"
                case "subtitle": return "booksubtitle"
                case "titleaddon": return "booktitleaddon"
                case "shorttitle", "sorttitle", "indextitle", "indexsorttitle": return nil
                case "author" where ["inbook", "bookinbook", "suppbook"].contains(childType): return "bookauthor"
                default: break
                }
            }
        }
        if parentType == "periodical", childType == "article" || childType == "suppperiodical" {
            switch field {
            case "title": return "journaltitle"
            case "subtitle": return "journalsubtitle"
            case "shorttitle", "sorttitle", "indextitle", "indexsorttitle": return nil
            default: break
            }
        }
        return field
    }

    /// One entry waiting for inheritance: its type, key and fields, and the keys it draws from.
    struct Entry {
        var type: String
        var key: String?
        var fields: [ResolvedField]
    }

    /// Problems found while resolving (missing parents, cycles), with the offset of the field that named them.
    struct Problem {
        var offset: Int
        var code: String
        var message: String
        var entry: Int
    }

    /// Resolves `entries` in place; `xdata` holds the `@xdata` entries by lower-cased key.
    static func resolve(_ entries: inout [Entry], xdata: [String: Entry], names: inout BibTeXFieldNames) -> [Problem] {
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            if let key = entry.key?.lowercased(), index[key] == nil { index[key] = position }
        }
        var state = [UInt8](repeating: 0, count: entries.count)  // 0 new, 1 in progress, 2 done
        var problems: [Problem] = []

        func resolveEntry(_ position: Int) {
            if state[position] == 2 { return }
            if state[position] == 1 { return }
            state[position] = 1
            var entry = entries[position]
            var have = Set(entry.fields.map(\.nameText))
            for field in entry.fields where field.nameText == "xdata" {
                for name in field.plain.split(separator: ",").map({ $0.trimmingBlanks().lowercased() }) where !name.isEmpty {
                    guard let source = xdata[name] ?? index[name].map({ entries[$0] }) else {
                        problems.append(Problem(offset: field.offset, code: "bibtex.missing-xdata", message: "xdata entry '\(name)' is not in the file", entry: position))
                        continue
                    }
                    for inherited in source.fields where !have.contains(inherited.nameText) && !notInherited.contains(inherited.nameText) {
                        have.insert(inherited.nameText)
                        entry.fields.append(inherited)
                    }
                }
            }
            if let field = entry.fields.first(where: { $0.nameText == "crossref" }) {
                let name = field.plain.trimmingBlanks().lowercased()
                if let parentPosition = index[name], parentPosition != position {
                    if state[parentPosition] == 1 {
                        problems.append(Problem(offset: field.offset, code: "bibtex.crossref-cycle", message: "crossref '\(name)' leads back to this entry; not followed", entry: position))
                    } else {
                        resolveEntry(parentPosition)
                        let parent = entries[parentPosition]
                        for inherited in parent.fields {
                            guard let target = inheritedName(inherited.nameText, parentType: parent.type, childType: entry.type), !have.contains(target) else { continue }
                            have.insert(target)
                            var copy = inherited
                            copy.nameReference = names.intern(target)
                            entry.fields.append(copy)
                        }
                    }
                } else if index[name] == nil {
                    problems.append(Problem(offset: field.offset, code: "bibtex.missing-crossref", message: "crossref '\(name)' is not in the file; the entry is imported without it", entry: position))
                }
            }
            entries[position] = entry
            state[position] = 2
        }

        for position in entries.indices { resolveEntry(position) }
        return problems
    }
}
