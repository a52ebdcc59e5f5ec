import CitationModel

/// Turns the fields of one MEDLINE record into a `Reference`, keeping every field it has no place for.
///
/// NLM, "MEDLINE/PubMed Data Element (Field) Descriptions": `PMID`, `PMC`; `TI` (or `BTI` for a book); `AB`;
/// `FAU` full names preferred over the `AU` initials that follow them, `CN` collective names, `AUID` ORCIDs,
/// `FED`/`ED` editors; `DP` the publication date, `DEP` the electronic one (CSL `available-date`); `JT` the journal,
/// `TA` its abbreviation; `VI`, `IP`, `PG` (an abbreviated end page is written out: `3643-51` -> `3643-3651`);
/// `LID`/`AID` with `[doi]`, `[pii]`, `[pmc]`; `IS` ISSNs or ISBNs, kinds kept in `extraFields["IS"]`; `PT` publication
/// types (the study design where one says it); `OT` keywords and `MH` MeSH headings (main heading) as keywords;
/// `LA`. Every other tag is kept in `extraFields` under its tag, several values joined by line ends.
struct MEDLINERecordMapper {
    let file: String
    private var keys = CitationKeyMaker()

    init(file: String) { self.file = file }

    /// The reference for `fields` (the record starting at `line`), and the diagnostics it raised.
    mutating func map(_ fields: [MEDLINEField], line: Int) -> (ImportedRecord, [Diagnostic]) {
        var reference = Reference(citationKey: "")
        var diagnostics: [Diagnostic] = []
        var extras: [(String, String)] = []
        var authors: [Creator] = []
        var editors: [Creator] = []
        /// Whether the last author came from `FAU` and still waits for its `AU` initials (which are then skipped).
        var lastFromFullName = false
        var lastFromFullEditor = false
        var types: [String] = []
        var headings: [String] = []
        var otherTerms: [String] = []
        var bookTitle: String?
        var issns: [String] = []
        var lastRoleIsEditor = false

        func keep(_ tag: String, _ value: String) { if !value.isEmpty { extras.append((tag, value)) } }
        func location(_ field: MEDLINEField) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }

        for field in fields where !field.isEmpty {
            let value = field.text
            switch field.tag {
            case "PMID":
                if let pmid = Identifier(.pmid, value) { reference.addIdentifier(pmid) } else {
                    keep("PMID", value)
                    diagnostics.append(.warning("nbib.invalid-pmid", "'\(value)' is not a PMID; kept as text", at: location(field)))
                }
            case "PMC":
                if let pmcid = Identifier(.pmcid, value) { reference.addIdentifier(pmcid) } else { keep("PMC", value) }
            case "TI":
                if reference.title == nil { reference.title = RichText(value) } else { keep("TI", value) }
            case "BTI":
                if bookTitle == nil { bookTitle = value } else { keep("BTI", value) }
            case "AB":
                if reference.abstract == nil { reference.abstract = RichText(value) } else { keep("AB", value) }
            case "FAU":
                if let creator = PersonNameParser.parse(value, role: .author) { authors.append(creator) }
                lastFromFullName = true
                lastRoleIsEditor = false
            case "AU":
                if lastFromFullName {
                    lastFromFullName = false
                } else if let creator = PersonNameParser.parse(value, role: .author) {
                    authors.append(creator)
                }
                lastRoleIsEditor = false
            case "CN":
                authors.append(.literal(value))
                lastFromFullName = false
                lastRoleIsEditor = false
            case "FED":
                if let creator = PersonNameParser.parse(value, role: .editor) { editors.append(creator) }
                lastFromFullEditor = true
                lastRoleIsEditor = true
            case "ED":
                if lastFromFullEditor {
                    lastFromFullEditor = false
                } else if let creator = PersonNameParser.parse(value, role: .editor) {
                    editors.append(creator)
                }
                lastRoleIsEditor = true
            case "AUID":
                let orcid = Self.orcid(value)
                if let orcid, lastRoleIsEditor, !editors.isEmpty {
                    editors[editors.count - 1].orcid = orcid
                } else if let orcid, !authors.isEmpty {
                    authors[authors.count - 1].orcid = orcid
                } else {
                    keep("AUID", value)
                }
            case "DP":
                if reference.issued == nil, let date = RISDate.parse(value) {
                    reference.issued = date
                } else {
                    keep("DP", value)
                    if reference.issued == nil {
                        diagnostics.append(.warning("nbib.date", "cannot read the date '\(value)'; kept as text", at: location(field)))
                    }
                }
            case "DEP":
                if reference.csl["available-date"] == nil, let date = RISDate.parse(value) {
                    reference.csl["available-date"] = Reference.cslDate(date)
                } else {
                    keep("DEP", value)
                }
            case "JT":
                if reference.containerTitle == nil { reference.containerTitle = RichText(value) } else { keep("JT", value) }
            case "TA":
                if reference.containerTitleShort == nil { reference.containerTitleShort = value } else { keep("TA", value) }
            case "VI":
                if reference.volume == nil { reference.volume = value } else { keep("VI", value) }
            case "IP":
                if reference.issue == nil { reference.issue = value } else { keep("IP", value) }
            case "PG":
                if reference.page == nil { reference.page = Self.expandPages(value) } else { keep("PG", value) }
            case "LID", "AID":
                if !Self.readLocator(value, into: &reference) { keep(field.tag, value) }
            case "IS":
                issns.append(value)
                let number = value.split(separator: " ").first.map(String.init) ?? value
                let digits = number.filter { $0.isASCIIDigit || $0 == "X" || $0 == "x" }
                if digits.count == 8, let issn = Identifier(.issn, number) {
                    reference.addIdentifier(Identifier(kind: .issn, value: issn.value, raw: value))
                } else if let isbn = Identifier(.isbn, number) {
                    reference.addIdentifier(Identifier(kind: .isbn, value: isbn.value, raw: value))
                }
            case "PT":
                types.append(value)
            case "MH":
                headings.append(value)
            case "OT":
                otherTerms.append(value)
            case "LA":
                if reference.language == nil { reference.language = value } else { keep("LA", value) }
            case "PB":
                if reference.publisher == nil { reference.publisher = value } else { keep("PB", value) }
            case "CI", "AD", "PL", "SO", "OWN", "STAT", "DCOM", "LR", "EDAT", "MHDA", "CRDT", "PHST", "PST", "JID", "SB":
                keep(field.tag, value)
            default:
                keep(field.tag, field.items.joined(separator: "\n"))
            }
        }

        if let bookTitle {
            if reference.title == nil { reference.title = RichText(bookTitle) } else { reference.containerTitle = reference.containerTitle ?? RichText(bookTitle) }
        }
        reference.type = MEDLINEPublicationType.cslType(types, hasBookTitle: bookTitle != nil, hasTitle: reference.title?.plain != bookTitle)
        reference.studyDesign = MEDLINEPublicationType.studyDesign(types)
        if !types.isEmpty { keep("PT", types.joined(separator: "\n")) }
        if !issns.isEmpty { keep("IS", issns.joined(separator: "\n")) }
        for term in otherTerms where !reference.keywords.contains(term) { reference.keywords.append(term) }
        for heading in headings {
            var main = Substring(heading)
            if main.hasPrefix("*") { main = main.dropFirst() }
            if let slash = main.firstIndex(of: "/") { main = main[..<slash] }
            let term = String(main)
            if !term.isEmpty, !reference.keywords.contains(term) { reference.keywords.append(term) }
        }
        if !headings.isEmpty { keep("MH", headings.joined(separator: "\n")) }
        reference.creators = authors + editors
        for (tag, value) in extras {
            if let existing = reference.extraFields[tag] {
                reference.extraFields[tag] = existing + "\n" + value
            } else {
                reference.extraFields[tag] = value
            }
        }
        reference.citationKey = keys.make(
            preferred: nil, family: reference.leadCreator?.familyWithParticle, year: reference.year, title: reference.title?.plain)
        for index in diagnostics.indices { diagnostics[index].entry = reference.citationKey }
        return (ImportedRecord(reference: reference, location: SourceLocation(file: file, line: line, column: 1)), diagnostics)
    }

    /// Reads `10.1016/x [doi]`, `S1769-7212(19)30059-X [pii]`, `PMC123 [pmc]`; false when the value is none of these.
    private static func readLocator(_ value: String, into reference: inout Reference) -> Bool {
        guard value.hasSuffix("]"), let open = value.lastIndex(of: "[") else { return false }
        let kind = value[value.index(after: open)..<value.index(before: value.endIndex)].lowercased()
        let body = RISText.trim(String(value[..<open]))
        switch kind {
        case "doi":
            guard let doi = Identifier(.doi, body) else { return false }
            reference.addIdentifier(doi)
            return true
        case "pmc", "pmcid":
            guard let pmcid = Identifier(.pmcid, body) else { return false }
            reference.addIdentifier(pmcid)
            return true
        default:
            return false
        }
    }

    /// `ORCID: 0000-0002-1825-0097` or an ORCID URL -> `0000-0002-1825-0097`.
    private static func orcid(_ value: String) -> String? {
        let tail = value.split(whereSeparator: { $0 == " " || $0 == "/" }).last.map(String.init) ?? value
        let digits = tail.filter { $0.isASCIIDigit || $0 == "X" }
        guard digits.count == 16 else { return nil }
        return tail
    }

    /// MEDLINE abbreviates the last page (`3643-51`, `e123-9`): write it out in full.
    static func expandPages(_ value: String) -> String {
        let ends = value.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2 else { return value }
        let first = ends[0]
        let last = ends[1]
        let firstDigits = first.reversed().prefix { $0.isASCIIDigit }.count
        guard firstDigits > 0, !last.isEmpty, last.allSatisfy(\.isASCIIDigit), last.count < firstDigits else { return value }
        let prefix = first.dropLast(last.count)
        return first + "-" + prefix + last
    }
}
