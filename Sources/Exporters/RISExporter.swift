import CitationModel

/// Writes RIS: one record per reference with the standard tags of the RIS specification (2011), `ER` after each.
///
/// Tags written: `TY` (the CSL type's code, or the source's own code when it means the same type), `ID` (the
/// citation key), `TI`, `AU`/`A2`/`A3`/`A4` (`Family, Given, Suffix`), `T2`, `J2`, `T3`, `PY` and `DA`
/// (`YYYY/MM/DD/`), `Y2`, `VL`, `IS`, `SP`/`EP`, `C7`, `ET`, `PB`, `CY`, `M3`, `ST`, `LA`, `SN`, `DO`, `AN` (`PMID:`),
/// `C2` (`PMCID:`), `UR`, `AB`, `N1`, `KW`, then every two-letter field an import kept in `extraFields` (unknown
/// tags included, so nothing read from RIS is lost; MEDLINE's `IS` ISSN lines are left out, being `SN` above). The RIS importer
/// reads all of these back to the same record. Lines end with `lineEnd` (`"\r\n"` for the specification's CRLF).
public struct RISExporter: Exporter {
    /// The line end: `"\n"`, or `"\r\n"` as the RIS specification and some Windows tools want.
    public var lineEnd: String

    public init(lineEnd: String = "\n") {
        self.lineEnd = lineEnd
    }

    private static let nameTags: [(CreatorRole, String)] = [(.author, "AU"), (.editor, "A2"), (.collectionEditor, "A3"), (.translator, "A4")]

    public func export(_ items: [ExportItem]) -> String {
        var output = ""
        output.reserveCapacity(items.count * 600)
        for item in items { write(item.reference, to: &output) }
        return output
    }

    private func write(_ reference: Reference, to output: inout String) {
        func line(_ tag: String, _ value: String?) {
            guard let value else { return }
            let flat = value.utf8.contains(0x0A) ? value.split(separator: "\n").joined(separator: " ") : value
            guard !flat.isEmpty else { return }
            output += tag
            output += "  - "
            output += flat
            output += lineEnd
        }
        let type = reference.type
        var code = RISVocabulary.risType(for: type)
        if let own = reference.extraFields["TY"] {
            // The source's own code when it means the same type, or when it was unknown (read as a document).
            let meaning = RISVocabulary.cslType(forRISType: own)
            if meaning == type || (meaning == nil && type == .document) { code = own }
        }
        line("TY", code)
        line("ID", reference.citationKey)
        line("TI", reference.title == nil && reference.subtitle == nil ? nil : reference.fullTitle)
        for (role, tag) in Self.nameTags {
            for creator in reference.creators(role) { line(tag, Self.name(creator)) }
        }
        line("T2", reference.containerTitle?.plain)
        line("J2", reference.containerTitleShort)
        line("T3", reference.collectionTitle)
        if let issued = reference.issued {
            if let parts = issued.parts.first {
                line("PY", String(parts.year))
                if let raw = issued.raw { line("DA", raw) } else if parts.month != nil { line("DA", Self.date(parts)) }
            } else {
                line("DA", issued.literal ?? issued.raw)
            }
        }
        if let accessed = reference.accessed {
            line("Y2", accessed.raw ?? accessed.parts.first.map(Self.date) ?? accessed.literal)
        }
        line("VL", reference.volume)
        line("IS", reference.issue)
        if let page = reference.page {
            let ends = page.split(separator: "-", omittingEmptySubsequences: false)
            if ends.count == 2, !ends[0].isEmpty, !ends[1].isEmpty {
                line("SP", String(ends[0]))
                line("EP", String(ends[1]))
            } else {
                line("SP", page)
            }
        }
        line("C7", reference.articleNumber)
        line("ET", reference.edition)
        line("PB", reference.publisher)
        line("CY", reference.publisherPlace)
        line("M3", reference.genre)
        line("ST", reference.shortTitle)
        line("LA", reference.language)
        for identifier in reference.identifiers {
            switch identifier.kind {
            case .issn, .isbn: line("SN", identifier.raw)
            case .doi: line("DO", identifier.value)
            case .pmid: line("AN", "PMID: " + identifier.value)
            case .pmcid: line("C2", "PMCID: " + identifier.value)
            case .arxiv, .other: break
            }
        }
        line("UR", reference.url)
        line("AB", reference.abstract?.plain)
        if let note = reference.note {
            for text in note.split(separator: "\n") { line("N1", String(text)) }
        }
        for keyword in reference.keywords { line("KW", keyword) }
        for tag in reference.extraFields.keys.sorted() where Self.isRISTag(tag) && tag != "TY" {
            for value in reference.extraFields[tag]!.split(separator: "\n") {
                // MEDLINE keeps its ISSNs with their kinds under `IS`, which is the issue in RIS: they go out as `SN`.
                if tag == "IS" && Self.isStandardNumberWithKind(value) { continue }
                line(tag, String(value))
            }
        }
        output += "ER  - "
        output += lineEnd
        output += lineEnd
    }

    /// `Family, Given, Suffix` with the family's particle, or the literal name.
    static func name(_ creator: Creator) -> String? {
        if let literal = creator.literal { return literal }
        var text = creator.familyWithParticle
        let given = [creator.given, creator.droppingParticle].compactMap { $0 }.joined(separator: " ")
        if !given.isEmpty || creator.suffix != nil { text += ", " + given }
        if let suffix = creator.suffix { text += ", " + suffix }
        return text.isEmpty ? nil : text
    }

    /// `YYYY/MM/DD/` (RIS specification, `DA`).
    static func date(_ parts: PartialDate.Parts) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        var text = String(parts.year) + "/"
        text += parts.month.map(pad) ?? ""
        text += "/"
        text += parts.day.map(pad) ?? ""
        return text + "/"
    }

    /// `1932-6203 (Electronic)`: an ISSN or ISBN followed by its kind, as MEDLINE's `IS` writes it.
    static func isStandardNumberWithKind(_ value: Substring) -> Bool {
        guard value.hasSuffix(")"), let open = value.firstIndex(of: "(") else { return false }
        let number = value[..<open].filter { !$0.isWhitespace && $0 != "-" }
        return (number.count == 8 || number.count == 10 || number.count == 13) && number.allSatisfy { $0.isASCIIDigit || $0 == "X" || $0 == "x" }
    }

    /// A two-character RIS tag: a capital, then a capital or a digit.
    static func isRISTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        return bytes.count == 2 && (0x41...0x5A).contains(bytes[0]) && ((0x41...0x5A).contains(bytes[1]) || (0x30...0x39).contains(bytes[1]))
    }
}
