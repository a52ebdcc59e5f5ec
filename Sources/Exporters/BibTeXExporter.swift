import CitationModel

/// Writes BibTeX or BibLaTeX that BibTeX, biber and the BibTeX importer read back into the same records.
///
/// - Keys: the record's own key when BibTeX can read it, else `familyYEARword` (`CitationKeyGenerator`); keys are
///   made unique in the output with `a`, `b` ... suffixes.
/// - Types and fields: `BibTeXVocabulary` (shared with the importer). `bibtex` writes `journal`, `address`, `year` and
///   `month` (month macros), `school`/`institution`; `biblatex` writes `journaltitle`, `location`, `date`
///   (ISO 8601 / EDTF, biblatex manual 2.3.8) and `institution`. Fields the model does not know come back from
///   `extraFields` as they were read.
/// - Text: Unicode as it is, or with `ascii` every non-ASCII character as LaTeX; styles as `\textit{}` and friends,
///   no-case runs in braces, names by `BibTeXNameWriter`.
public struct BibTeXExporter: Exporter {
    /// Which flavour of `.bib` to write.
    public enum Dialect: Sendable {
        case bibtex, biblatex
    }

    public var dialect: Dialect
    /// Escape every non-ASCII character to LaTeX.
    public var ascii: Bool

    public init(dialect: Dialect = .bibtex, ascii: Bool = false) {
        self.dialect = dialect
        self.ascii = ascii
    }

    public func export(_ items: [ExportItem]) -> String {
        var used: Set<String> = []
        var output = ""
        let keys = items.map { Self.isWritableKey($0.reference.citationKey) ? $0.reference.citationKey : nil }
        for key in keys { if let key { used.insert(key) } }
        var written: Set<String> = []
        for (item, kept) in zip(items, keys) {
            var key: String
            if let kept, !written.contains(kept) {
                key = kept
            } else {
                let base = kept ?? CitationKeyGenerator.key(for: item.reference)
                key = base
                var suffix: UInt8 = 0x61
                var round = 0
                while used.contains(key) || written.contains(key) {
                    key = base + String(repeating: "a", count: round) + String(UnicodeScalar(suffix))
                    suffix += 1
                    if suffix > 0x7A {
                        suffix = 0x61
                        round += 1
                    }
                }
                used.insert(key)
            }
            written.insert(key)
            if !output.isEmpty { output += "\n" }
            output += entry(item.reference, key: key)
        }
        return output
    }

    /// Whether BibTeX and the importer read `key` back as it is.
    static func isWritableKey(_ key: String) -> Bool {
        !key.isEmpty && !key.utf8.contains { [0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x7B, 0x7D, 0x3D, 0x22, 0x23, 0x25, 0x28, 0x29].contains($0) }
    }

    // MARK: One entry

    /// The entry for one reference.
    func entry(_ reference: Reference, key: String) -> String {
        var fields = BibTeXFieldList()
        let encoder = LaTeXEncoder(ascii: ascii)
        let names = BibTeXNameWriter(encoder: encoder)
        let extra = reference.extraFields
        let biblatex = dialect == .biblatex

        // Type: the source's own when it still maps to the record's CSL type (so a round trip keeps it).
        let canonical = BibTeXVocabulary.entryType(for: reference.type, genre: reference.genre)
        var type = biblatex ? canonical.biblatex : canonical.bibtex
        if let kept = extra[BibTeXVocabulary.ExtraKey.entryType] {
            if BibTeXVocabulary.entryTypes[kept] == reference.type || (BibTeXVocabulary.entryTypes[kept] == nil && reference.type == .document) {
                type = kept
            }
        }

        // Names, by role in CSL order.
        var roles: [CreatorRole] = []
        for creator in reference.creators where !roles.contains(creator.role) { roles.append(creator.role) }
        for role in roles {
            guard let field = BibTeXVocabulary.nameField(for: role) else { continue }
            let others = extra[field + BibTeXVocabulary.ExtraKey.othersSuffix] != nil
            fields.add(field, names.nameList(reference.creators(role), others: others))
        }
        for (name, _) in extra where name.hasSuffix(BibTeXVocabulary.ExtraKey.othersSuffix) {
            let field = String(name.dropLast(BibTeXVocabulary.ExtraKey.othersSuffix.count))
            if !fields.contains(field) { fields.add(field, "others") }
        }

        if let title = reference.title { fields.add("title", rich(title, encoder)) }
        if let subtitle = reference.subtitle { fields.add("subtitle", rich(subtitle, encoder)) }
        if let shortTitle = reference.shortTitle { fields.add("shorttitle", encoder.encode(shortTitle)) }
        if let container = reference.containerTitle {
            let book = BibTeXVocabulary.bookContainerTypes.contains(reference.type) && extra["booktitle"] == nil
            fields.add(book ? "booktitle" : (biblatex ? "journaltitle" : "journal"), rich(container, encoder))
        }
        if let short = reference.containerTitleShort { fields.add("shortjournal", encoder.encode(short)) }
        if let series = reference.collectionTitle { fields.add("series", encoder.encode(series)) }
        if let edition = reference.edition { fields.add("edition", encoder.encode(edition)) }
        if let volume = reference.volume { fields.add("volume", encoder.encode(volume)) }
        numbers(reference, into: &fields, encoder)
        if let page = reference.page { fields.add("pages", Self.bibPages(encoder.encode(page))) }
        if let publisher = reference.publisher {
            var field = "publisher"
            if reference.type == .thesis { field = biblatex ? "institution" : "school" } else if reference.type == .report { field = "institution" }
            if extra[field] != nil { field = "publisher" }
            fields.add(field, encoder.encode(publisher))
        }
        if let place = reference.publisherPlace {
            let field = biblatex ? (extra["location"] == nil ? "location" : "address") : (extra["address"] == nil ? "address" : "location")
            fields.add(field, encoder.encode(place))
        }
        if let genre = reference.genre { fields.add("type", encoder.encode(genre)) }
        if let issued = reference.issued { date(issued, into: &fields) }
        if let accessed = reference.accessed { fields.add("urldate", Self.dateText(accessed)) }
        identifiers(reference, into: &fields)
        if let url = reference.url { fields.add("url", url) }
        if let language = reference.language { fields.add("language", encoder.encode(language)) }
        if !reference.keywords.isEmpty {
            fields.add("keywords", reference.keywords.map { keyword in
                let encoded = encoder.encode(keyword)
                return keyword.contains(",") || keyword.contains(";") ? "{" + encoded + "}" : encoded
            }.joined(separator: ", "))
        }
        if let abstract = reference.abstract { fields.add("abstract", rich(abstract, encoder)) }
        if let note = reference.note { fields.add("note", encoder.encode(note)) }

        // Fields of the source the model has no place for, as they were read.
        for name in extra.keys.sorted() where Self.isWritableFieldName(name) && !fields.contains(name) {
            if name == BibTeXVocabulary.ExtraKey.entryType || name.hasSuffix(BibTeXVocabulary.ExtraKey.othersSuffix) { continue }
            let value = extra[name]!
            fields.add(name, Self.isBalanced(value) ? (ascii ? Self.asciiVerbatim(value) : value) : encoder.encode(value))
        }
        return fields.render(type: type, key: key)
    }

    /// Issue, report number, series number and article number, each in the field the importer reads it from.
    private func numbers(_ reference: Reference, into fields: inout BibTeXFieldList, _ encoder: LaTeXEncoder) {
        if BibTeXVocabulary.ownNumberTypes.contains(reference.type) {
            if let number = reference.articleNumber { fields.add("number", encoder.encode(number)) }
            if let issue = reference.issue { fields.add("issue", encoder.encode(issue)) }
            return
        }
        if BibTeXVocabulary.seriesNumberTypes.contains(reference.type), reference.collectionTitle != nil {
            if let number = reference.collectionNumber { fields.add("number", encoder.encode(number)) }
            if let issue = reference.issue { fields.add("issue", encoder.encode(issue)) }
        } else if let issue = reference.issue {
            fields.add("number", encoder.encode(issue))
        }
        if let number = reference.articleNumber { fields.add("eid", encoder.encode(number)) }
    }

    /// `year`/`month` or `date`, so the importer reads back the same date (see `BibTeXDate`).
    private func date(_ date: PartialDate, into fields: inout BibTeXFieldList) {
        if date.parts.isEmpty {
            if let text = date.literal ?? date.raw { fields.add("year", LaTeXEncoder(ascii: ascii).encode(text)) }
            return
        }
        let first = date.parts[0]
        if let raw = date.raw {
            fields.add("year", LaTeXEncoder(ascii: ascii).encode(raw))
            if let month = first.month, (1...12).contains(month) {
                if date.parts.count == 2, let end = date.parts[1].month {
                    fields.add("month", "\(month)--\(end)")
                } else {
                    fields.add("month", first.day.map { "\(BibTeXVocabulary.monthFullNames[month - 1]) \($0)" } ?? BibTeXVocabulary.monthNames[month - 1], bare: first.day == nil)
                }
            }
            return
        }
        let simple = date.parts.count == 1 && first.day == nil && !date.circa && (1000...9999).contains(first.year) && (first.month.map { (1...12).contains($0) } ?? true)
        if dialect == .bibtex && simple {
            fields.add("year", String(first.year))
            if let month = first.month { fields.add("month", BibTeXVocabulary.monthNames[month - 1], bare: true) }
        } else {
            if dialect == .bibtex { fields.add("year", String(first.year)) }
            fields.add("date", Self.dateText(date))
        }
    }

    /// A date as ISO 8601 / EDTF (`2021-03-01/2021-04-30`, `1900~`), or its literal text.
    static func dateText(_ date: PartialDate) -> String {
        guard !date.parts.isEmpty else { return date.literal ?? date.raw ?? "" }
        return date.parts.map(\.iso8601).joined(separator: "/") + (date.circa ? "~" : "")
    }

    private func identifiers(_ reference: Reference, into fields: inout BibTeXFieldList) {
        if let doi = reference.identifiers.first(where: { $0.kind == .doi }) {
            var raw = Substring(doi.raw)
            if let start = raw.firstRange(of: "10.") { raw = raw[start.lowerBound...] }
            fields.add("doi", String(raw))
        }
        for (kind, field) in [(IdentifierKind.pmid, "pmid"), (.pmcid, "pmcid"), (.isbn, "isbn"), (.issn, "issn")] {
            let values = reference.identifiers.filter { $0.kind == kind }.map(\.raw)
            if !values.isEmpty { fields.add(field, values.joined(separator: ", ")) }
        }
        if let arxiv = reference.identifiers.first(where: { $0.kind == .arxiv }) {
            fields.add("eprint", arxiv.raw)
            fields.add("eprinttype", "arxiv")
        }
    }

    // MARK: Text

    /// Rich text as LaTeX: no-case runs braced, styles as commands.
    private func rich(_ text: RichText, _ encoder: LaTeXEncoder) -> String {
        var output = ""
        for run in text.runs {
            var body = encoder.encode(run.text)
            if run.style.contains(.noCase) { body = body.hasPrefix("\\") ? "{{}" + body + "}" : "{" + body + "}" }
            for (style, command) in [(RichText.Style.smallCaps, "textsc"), (.subscript, "textsubscript"), (.superscript, "textsuperscript"), (.bold, "textbf"), (.italic, "textit")]
            where run.style.contains(style) {
                body = "\\" + command + "{" + body + "}"
            }
            output += body
        }
        return output
    }

    /// A page range with BibTeX's en-dash: `12-23` is `12--23`.
    static func bibPages(_ page: String) -> String {
        guard page.contains("-"), !page.contains("--") else { return page }
        return page.replacingOccurrences("-", with: "--")
    }

    /// Whether braces balance (and never close more than opened), so the text can be written as it is.
    static func isBalanced(_ text: String) -> Bool {
        var depth = 0
        var escaped = false
        for byte in text.utf8 {
            if escaped {
                escaped = false
                continue
            }
            switch byte {
            case 0x5C: escaped = true
            case 0x7B: depth += 1
            case 0x7D:
                depth -= 1
                if depth < 0 { return false }
            default: break
            }
        }
        return depth == 0
    }

    /// Verbatim LaTeX with its non-ASCII characters as commands.
    static func asciiVerbatim(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var output = ""
        for character in text { output += character.isASCII ? String(character) : LaTeXEncoder.command(for: character) }
        return output
    }

    /// Letters, digits and the punctuation field names may hold.
    static func isWritableFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && ![0x22, 0x23, 0x25, 0x27, 0x28, 0x29, 0x2C, 0x3D, 0x7B, 0x7D].contains(byte)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var output = ""
        for character in self { if character == target { output += replacement } else { output.append(character) } }
        return output
    }
}
