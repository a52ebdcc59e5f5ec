import CitationModel
import Foundation

/// Maps one resolved BibTeX or BibLaTeX entry to a `Reference` (the "Map" step of the import).
///
/// Field meanings follow the biblatex manual (section 2.2 "Entry Fields", with the BibTeX aliases of 2.2.5:
/// `journal` = `journaltitle`, `address` = `location`, `school` and `institution`, `key`, `annote` = `annotation`)
/// and BibTeX's standard fields ("BibTeXing", section 3.2). Fields with no place in the model are kept, as written, in
/// `extraFields` under their own name, so nothing is lost and the exporter can write them back.
struct BibTeXEntryMapper {
    let file: String
    /// Diagnostics about the entry (warnings only: a mapped entry always imports).
    var diagnostics: [(offset: Int, code: String, message: String)] = []
    /// The name parser's lists, reused from entry to entry when one mapper maps several.
    private var names = BibTeXNameParser.Scratch()
    /// The entry types this mapper has read (`typeReading`): a batch has a handful, so a short list beats a lookup in
    /// the type table and the exporter's type switch for every entry.
    private var typeReadings: [(name: String, csl: ReferenceType?, keepsName: Bool)] = []

    init(file: String) {
        self.file = file
    }

    /// Fields the mapper reads itself; any other field goes to `extraFields`.
    enum Slot: Sendable {
        case title, subtitle, shortTitle, journal, bookTitle, containerShort, series, volume, number, issue, pages, eid
        case edition, publisher, institution, place, genre, date, year, month, day, urldate, abstract, note, keywords
        case language, langid, doi, url, eprint, eprintType, isbn, issn, pmid, pmcid, names(CreatorRole)
    }

    /// The slot of a lower-cased field name, or nil for a field kept in `extraFields` (looked up once per name by
    /// `BibTeXFieldNames`).
    static func slot(for name: String) -> Slot? { slots[name] }

    private static let slots: [String: Slot] = {
        var table: [String: Slot] = [
            "title": .title, "subtitle": .subtitle, "shorttitle": .shortTitle, "journal": .journal, "journaltitle": .journal,
            "booktitle": .bookTitle, "shortjournal": .containerShort, "journalabbr": .containerShort, "series": .series,
            "volume": .volume, "number": .number, "issue": .issue, "pages": .pages, "eid": .eid, "edition": .edition,
            "publisher": .publisher, "institution": .institution, "school": .institution, "organization": .institution,
            "address": .place, "location": .place, "type": .genre, "date": .date, "year": .year, "month": .month, "day": .day,
            "urldate": .urldate, "abstract": .abstract, "note": .note, "keywords": .keywords, "keyword": .keywords,
            "language": .language, "langid": .langid, "doi": .doi, "url": .url, "eprint": .eprint,
            "eprinttype": .eprintType, "archiveprefix": .eprintType, "isbn": .isbn, "issn": .issn, "pmid": .pmid,
            "pmcid": .pmcid,
        ]
        for (field, role) in BibTeXVocabulary.nameFields { table[field] = .names(role) }
        return table
    }()

    /// The reference for an entry of `type` with `fields`, keyed `key`.
    mutating func map(type: String, key: String, fields: UnsafeBufferPointer<ResolvedField>, typeOffset: Int) -> Reference {
        // Filled in place through an optional and moved out of it: a reference filled in a local variable was copied
        // on the way out (some 35 retains, and as many releases later) instead of moved.
        var reference: Reference? = Reference.blank
        fill(&reference!, type: type, key: key, fields: fields, typeOffset: typeOffset)
        return reference.take()!
    }

    /// Fills `reference` (blank) from an entry of `type` with `fields`, keyed `key`.
    private mutating func fill(_ reference: inout Reference, type: String, key: String, fields: UnsafeBufferPointer<ResolvedField>, typeOffset: Int) {
        reference.citationKey = key
        // Names seen so far: a bit per name number below 64, a list for the rest.
        var seenLow: UInt64 = 0
        var seenHigh: [Int] = []
        var extraCount = 0
        for field in fields where field.nameSlot == nil { extraCount += 1 }
        if extraCount > 0 { reference.extraFields.reserveCapacity(extraCount) }
        var bookTitle: ResolvedField?
        var journal: ResolvedField?
        var publisher: String?
        var institution: ResolvedField?
        var number: String?
        var issue: ResolvedField?
        var dateField: String?
        var yearField: ResolvedField?
        var monthField: ResolvedField?
        var dayField: ResolvedField?
        var language: ResolvedField?
        var langid: ResolvedField?
        var place: ResolvedField?
        var eprint: ResolvedField?
        var eprintType: String?
        var containerShort: ResolvedField?

        for field in fields {
            let id = field.nameID
            if id < 64 ? seenLow & (1 << UInt64(id)) != 0 : seenHigh.contains(id) {
                var name = field.nameText + "-2"
                var suffix = 2
                while reference.extraFields[name] != nil {
                    suffix += 1
                    name = field.nameText + "-\(suffix)"
                }
                diagnostics.append((field.offset, "bibtex.duplicate-field", "duplicate field '\(field.nameText)'; the first is used, this one kept as '\(name)'"))
                reference.extraFields[name] = field.raw
                continue
            }
            if id < 64 { seenLow |= 1 << UInt64(id) } else { seenHigh.append(id) }
            guard let slot = field.nameSlot else {
                reference.extraFields[field.nameText] = field.raw
                continue
            }
            switch slot {
            case .title: reference.title = rich(field)
            case .subtitle: reference.subtitle = rich(field)
            case .shortTitle: reference.shortTitle = field.plain
            case .journal:
                if journal == nil { journal = field } else { reference.extraFields[field.nameText] = field.raw }
            case .bookTitle: bookTitle = field
            case .containerShort:
                if containerShort == nil { containerShort = field } else { reference.extraFields[field.nameText] = field.raw }
            case .series: reference.collectionTitle = field.plain
            case .volume: reference.volume = field.plain
            case .number: number = field.plain
            case .issue: issue = field
            case .pages: reference.page = Self.pageRange(field.plain)
            case .eid: reference.articleNumber = field.plain
            case .edition: reference.edition = field.plain
            case .publisher: publisher = field.plain
            case .institution:
                if institution == nil { institution = field } else { reference.extraFields[field.nameText] = field.raw }
            case .place:
                if place == nil { place = field } else { reference.extraFields[field.nameText] = field.raw }
            case .genre: reference.genre = field.plain
            case .date: dateField = field.withBytes(Self.verbatim)
            case .year: yearField = field
            case .month: monthField = field
            case .day: dayField = field
            case .urldate: reference.accessed = BibTeXDate.date(field.withBytes(Self.verbatim))
            case .abstract: reference.abstract = rich(field)
            case .note: reference.note = field.plain
            case .keywords:
                let words = keywords(field)
                if reference.keywords.isEmpty { reference.keywords = words } else { reference.keywords += words }
            case .language: language = field
            case .langid: langid = field
            case .doi: doi(field, into: &reference)
            case .url: reference.url = field.withBytes(Self.verbatim)
            case .eprint: eprint = field
            case .eprintType: eprintType = field.plain.lowercased()
            case .isbn: identifiers(.isbn, field, into: &reference)
            case .issn: identifiers(.issn, field, into: &reference)
            case .pmid: identifiers(.pmid, field, into: &reference)
            case .pmcid: identifiers(.pmcid, field, into: &reference)
            case .names(let role):
                let parsed = field.withBytes { BibTeXNameParser.parse($0, role: role, into: &reference.creators, scratch: &names) }
                if parsed.others { reference.extraFields[field.nameText + BibTeXVocabulary.ExtraKey.othersSuffix] = "true" }
                if parsed.count == 0 && !parsed.others { reference.extraFields[field.nameText] = field.raw }
            }
        }

        // Type.
        let (csl, keepsName) = typeReading(type, genre: reference.genre)
        if let csl {
            reference.type = csl
        } else {
            reference.type = .document
            diagnostics.append((typeOffset, "bibtex.unknown-type", "unknown entry type '\(type)'; imported as 'document', the original kept"))
        }
        if keepsName { reference.extraFields[BibTeXVocabulary.ExtraKey.entryType] = type }

        // Container: journal for articles, booktitle for parts of books; the other kept.
        if let journal {
            reference.containerTitle = rich(journal)
            if let bookTitle { reference.extraFields["booktitle"] = bookTitle.raw }
        } else if let bookTitle {
            reference.containerTitle = rich(bookTitle)
        }
        if let containerShort { reference.containerTitleShort = containerShort.plain }

        // Number: an issue of a periodical, a report's or patent's number, or a volume in a series.
        if let number {
            if BibTeXVocabulary.ownNumberTypes.contains(reference.type) {
                reference.articleNumber = reference.articleNumber == nil ? number : reference.articleNumber
                if reference.articleNumber != number { reference.extraFields["number"] = number }
            } else if BibTeXVocabulary.seriesNumberTypes.contains(reference.type), reference.collectionTitle != nil {
                reference.collectionNumber = number
            } else {
                reference.issue = number
            }
        }
        if let issue {
            if reference.issue == nil { reference.issue = issue.plain } else { reference.extraFields["issue"] = issue.raw }
        }

        // Publisher: the publisher, else the institution, school or organisation.
        if let publisher {
            reference.publisher = publisher
            if let institution { reference.extraFields[institution.nameText] = institution.raw }
        } else if let institution {
            reference.publisher = institution.plain
        }
        if let place {
            reference.publisherPlace = place.plain
        }

        // Language: `language`, else `langid`.
        if let language {
            reference.language = language.plain
            if let langid { reference.extraFields["langid"] = langid.raw }
        } else if let langid {
            reference.language = langid.plain
        }

        // Dates: `date` wins over `year` and `month` (biblatex manual 2.3.8).
        if let dateField {
            reference.issued = BibTeXDate.date(dateField)
        } else if let yearField {
            var monthText = monthField?.plain
            // biblatex's legacy `day` joins the month (`May 22`) when both are plain.
            if let dayField, let month = monthText, let day = Int(dayField.plain), (1...31).contains(day), BibTeXDate.monthRange(month)?.count == 1,
                BibTeXDate.monthRange(month)?.first?.day == nil
            {
                monthText = month + " \(day)"
            } else if let dayField {
                reference.extraFields["day"] = dayField.raw
            }
            if monthText == nil, let year = yearField.withBytes(BibTeXDate.fourDigits) {
                // The common `year = {1986}` with no month, read from its bytes.
                reference.issued = PartialDate(year: year)
            } else {
                reference.issued = BibTeXDate.year(yearField.plain, month: monthText)
            }
            if let monthField, let monthText, BibTeXDate.monthRange(monthText) == nil {
                reference.extraFields["month"] = monthField.raw
            }
        } else {
            if let monthField { reference.extraFields["month"] = monthField.raw }
            if let dayField { reference.extraFields["day"] = dayField.raw }
        }

        // Eprints: arXiv, PubMed, PMC and DOI become identifiers; others are kept.
        if let eprint {
            let value = eprint.withBytes(Self.verbatim)
            let kind: IdentifierKind? =
                switch eprintType {
                case "arxiv": .arxiv
                case "pubmed", "pmid": .pmid
                case "pmc", "pmcid": .pmcid
                case "doi": .doi
                default: nil
                }
            if let kind, let identifier = Identifier(kind, value) {
                reference.addIdentifier(identifier)
            } else {
                reference.extraFields["eprint"] = eprint.raw
                if let eprintType { reference.extraFields["eprinttype"] = eprintType }
            }
        } else if let eprintType {
            reference.extraFields["eprinttype"] = eprintType
        }

        reference.creators = Self.stableSortedByRole(reference.creators)
        if reference.identifiers.count > 1 {
            // In identity order (DOI, PMID, PMCID, ISBN, ISSN, arXiv), as the exporter writes them.
            let order = IdentifierKind.allCases
            reference.identifiers = reference.identifiers.enumerated().sorted { left, right in
                let a = order.firstIndex(of: left.element.kind)!
                let b = order.firstIndex(of: right.element.kind)!
                return a == b ? left.offset < right.offset : a < b
            }.map(\.element)
        }
    }

    /// The CSL type of an entry type (nil when unknown), and whether the entry type must be kept in `extraFields`
    /// because the exporter would write another (or the type is unknown).
    private mutating func typeReading(_ type: String, genre: String?) -> (csl: ReferenceType?, keepsName: Bool) {
        for known in typeReadings where known.name == type { return (known.csl, known.keepsName) }
        let csl = BibTeXVocabulary.entryTypes[type]
        let written = BibTeXVocabulary.entryType(for: csl ?? .document, genre: genre)
        let keepsName = csl == nil || (type != written.bibtex && type != written.biblatex)
        // A thesis's written type depends on its genre (`mastersthesis`, `phdthesis`), so it is read each time.
        if csl != .thesis && typeReadings.count < 32 { typeReadings.append((type, csl, keepsName)) }
        return (csl, keepsName)
    }

    // MARK: Field readers

    private func rich(_ field: ResolvedField) -> RichText {
        field.withBytes { LaTeXDecoder.richText($0) }
    }

    /// Keywords split at `,` or `;` at brace depth 0.
    private func keywords(_ field: ResolvedField) -> [String] {
        field.withBytes { bytes in
            var words: [String] = []
            var depth = 0
            var start = 0
            for index in 0...bytes.count {
                let byte: UInt8 = index < bytes.count ? bytes[index] : 0x2C
                if byte == 0x7B { depth += 1 } else if byte == 0x7D { depth -= 1 } else if depth == 0, byte == 0x2C || byte == 0x3B {
                    // Blanks around a keyword are dropped before it is decoded, so the common plain keyword takes
                    // the decoder's shortcut (a value starting with a blank does not).
                    let word = LaTeXDecoder.plain(UnsafeBufferPointer(rebasing: bytes[BibTeXNameParser.trimmed(bytes, start..<index)]))
                        .trimmingBlanks()
                    if !word.isEmpty { words.append(word) }
                    start = index + 1
                }
            }
            return words
        }
    }

    private mutating func doi(_ field: ResolvedField, into reference: inout Reference) {
        let text = field.withBytes(Self.verbatim)
        guard let identifier = Identifier(.doi, text) else {
            if !text.isEmpty {
                diagnostics.append((field.offset, "bibtex.malformed-identifier", "'\(text)' is not a DOI; kept as the field 'doi'"))
                reference.extraFields["doi"] = field.raw
            }
            return
        }
        // The raw form keeps the DOI's case but not a resolver prefix, so an export writes a bare DOI.
        reference.addIdentifier(Identifier(kind: .doi, value: identifier.value, raw: Self.fromDOIStart(identifier.raw)))
    }

    /// `raw` from its first `10.` on (a resolver prefix dropped), or all of it when it has none.
    static func fromDOIStart(_ raw: String) -> String {
        guard let offset = RISText.firstIndex(of: "10.", in: raw), offset > 0 else { return raw }
        return String(Substring(raw.utf8.dropFirst(offset)))
    }

    private mutating func identifiers(_ kind: IdentifierKind, _ field: ResolvedField, into reference: inout Reference) {
        let text = field.withBytes(Self.verbatim)
        // Most values are one identifier: no separator to split at.
        let hasSeparator = text.utf8.contains { $0 == 0x2C || $0 == 0x3B || $0 == 0x0A || (kind != .isbn && $0 == 0x20) }
        let pieces =
            hasSeparator
            ? text.split(whereSeparator: { $0 == "," || $0 == ";" || (kind != .isbn && $0 == " ") || $0 == "\n" })
                .map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
            : [text.trimmingBlanks()].filter { !$0.isEmpty }
        var found: [Identifier] = []
        for piece in pieces {
            guard let identifier = Identifier(kind, piece) else {
                found = []
                break
            }
            found.append(identifier)
        }
        if found.isEmpty {
            if !text.isEmpty {
                diagnostics.append((field.offset, "bibtex.malformed-identifier", "'\(text)' is not a valid \(field.nameText); kept as given"))
                reference.extraFields[field.nameText] = field.raw
            }
            return
        }
        for identifier in found { reference.addIdentifier(identifier) }
    }

    /// A page range with a hyphen: `12--23` and `12–23` become `12-23`.
    static func pageRange(_ text: String) -> String {
        // En and em dashes are E2 80 93 and E2 80 94 in UTF-8; each becomes one `-`, byte by byte.
        guard text.utf8.contains(0xE2) else { return text }
        return text.withUTF8Bytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var index = 0
                while index < bytes.count {
                    if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94 {
                        output[count] = 0x2D
                        index += 3
                    } else {
                        output[count] = bytes[index]
                        index += 1
                    }
                    count += 1
                }
                return count
            }
        }
    }

    /// A verbatim field (`url`, `doi`, `eprint`): trimmed, braces dropped, `\_` and the like unescaped.
    static func verbatim(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var needsWork = false
        for byte in bytes where byte == 0x7B || byte == 0x7D || byte == 0x5C || byte == 0x20 || byte == 0x0A || byte == 0x09 {
            needsWork = true
            break
        }
        if !needsWork { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x7B || byte == 0x7D {
                index += 1
                continue
            }
            if byte == 0x5C, index + 1 < bytes.count, [0x5F, 0x25, 0x26, 0x23, 0x24, 0x7E, 0x7B, 0x7D].contains(bytes[index + 1]) {
                output.append(bytes[index + 1])
                index += 2
                continue
            }
            output.append(byte == 0x0A || byte == 0x09 ? 0x20 : byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self).trimmingBlanks()
    }

    /// Creators ordered by role (CSL order) and, within a role, as the source gave them.
    static func stableSortedByRole(_ creators: [Creator]) -> [Creator] {
        guard creators.count > 1 else { return creators }
        var sorted = true
        // Equal roles (the common case) are in order; only different ones need the CSL order.
        for index in 1..<creators.count where creators[index].role != creators[index - 1].role && creators[index].role < creators[index - 1].role {
            sorted = false
            break
        }
        if sorted { return creators }
        return creators.enumerated().sorted { left, right in
            left.element.role == right.element.role ? left.offset < right.offset : left.element.role < right.element.role
        }.map(\.element)
    }
}
