import CitationModel

/// Turns the fields of one RIS record into a `Reference`, keeping every field it has no place for.
///
/// The tag meanings follow the RIS specification (2011), "Tag definitions", with the readings real exporters need:
/// `AU`/`A1` authors, `A2`/`ED` editors, `A3` series editors, `A4` translators; `TI`/`T1`/`CT` the title; `T2`,
/// `JF`, `JO`, `BT` (for a chapter or paper) the container, `JA`/`J2`/`J1` its abbreviation; `T3` the series;
/// `PY`, `Y1`, `DA` the date of publication (the most detailed of those that agree on the year) and `Y2` the date
/// of access, never of publication; `SP`/`EP` pages; `SN` ISSNs and ISBNs by their shape; `DO` (a resolver prefix is
/// stripped); `UR`; `AB`/`N2` one abstract; `N1` notes; `KW` keywords; `C7` article number; `M3` type of work.
/// Every other tag, and every value that lost to another (a second title, `L1`-`L4`, `AN`, `DB`, `ID` that is not a
/// key), is kept in `extraFields` under its tag, several values joined by line ends, so an export can write it back.
struct RISRecordMapper {
    let file: String

    /// Buffers kept between records so each record does not allocate them anew.
    private var spareExtras = ScratchList<Tagged>()
    private var spareTitles = ScratchList<Tagged>()
    private var spareDates = ScratchList<FieldDate>()
    private var spareContainers = SmallTable()
    private var typeCache = RISTypeCache()

    init(file: String) { self.file = file }

    private static let genericContainerIsBook = RISVocabulary.containerIsBook("GEN")
    /// Where the container's full name is looked for, in order, for most types and for chapters and papers.
    private static let containerOrder: [RISTag] = [.T2, .JF, .JO, .BT]
    private static let bookContainerOrder: [RISTag] = [.BT, .T2, .JF, .JO]
    /// Where its abbreviation is looked for.
    private static let shortContainerOrder: [RISTag] = [.JA, .J2, .J1, .JO]
    private static let allContainerTags: [RISTag] = [.T2, .JF, .JO, .BT, .JA, .J2, .J1]

    /// Maps the record of `fields` (starting at `line`) into a new last element of `records`, with the diagnostics it
    /// raises. The record is filled where it lies: a reference is some 500 bytes, and returning one and appending it
    /// copied it several times. The citation key is not set here but in `MappedRecord.assignKey`, in file order, so
    /// records can be mapped on several threads and still get the keys a sequential reading gives.
    mutating func map(_ fields: [RISField], line: Int, appendingTo records: inout [MappedRecord?]) {
        records.append(MappedRecord(reference: Reference.blank, location: SourceLocation(file: file, line: line, column: 1), diagnostics: [], keyBase: ""))
        records[records.count - 1]!.fill(from: fields, with: &self)
    }

    /// Fills `reference` from `fields`, adds the diagnostics it raises, and returns the key the record asks for.
    mutating func fill(_ reference: inout Reference, from fields: [RISField], diagnostics: inout [Diagnostic]) -> String {
        var extras = ScratchList<Tagged>()
        var titles = ScratchList<Tagged>()
        var dates = ScratchList<FieldDate>()
        var containers = SmallTable()
        swap(&extras, &spareExtras)
        swap(&titles, &spareTitles)
        swap(&dates, &spareDates)
        swap(&containers, &spareContainers)
        defer {
            extras.removeAll()
            titles.removeAll()
            dates.removeAll()
            containers.removeAll()
            swap(&extras, &spareExtras)
            swap(&titles, &spareTitles)
            swap(&dates, &spareDates)
            swap(&containers, &spareContainers)
        }
        var bookIsContainer = Self.genericContainerIsBook
        var authors: [Creator] = []
        var editors: [Creator] = []
        var seriesEditors: [Creator] = []
        var translators: [Creator] = []
        var startPage: String?
        var endPage: String?
        var abstracts: [Tagged] = []
        var notes: [String] = []
        var urls: [String] = []
        var preferredKey: String?
        var bookTitle: String?
        var numbers: [Int] = []
        var links: [String] = []
        var monthAndDay: (month: Int, day: Int?)?
        var unreadableDate: Int?

        func location(_ field: RISField) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }
        func keep(_ tag: String, _ value: String) { if !value.isEmpty { extras.append(Tagged(tag: tag, value: value)) } }

        for index in fields.indices where !fields[index].isEmpty {
            let field = fields[index]
            guard let tag = RISTag(rawValue: field.code) else {
                keep(field.tag, field.items.joined(separator: "\n"))
                continue
            }
            switch tag {
            case .TY:
                let reading = field.withText { typeCache.reading(utf8: $0) }
                reference.type = reading.type
                if reading.risType != nil { bookIsContainer = reading.containerIsBook }
                if let kept = reading.kept { keep("TY", kept) }
                if reading.isUnknown {
                    diagnostics.append(.warning("ris.unknown-type", "unknown reference type '\(field.text)'; read as a generic document", at: location(field)))
                }
            case .AU, .A1:
                field.forEachItemUTF8 { PersonNameParser.parseList(utf8: $0, role: .author, into: &authors) }
            case .A2, .ED:
                field.forEachItemUTF8 { PersonNameParser.parseList(utf8: $0, role: .editor, into: &editors) }
            case .A3:
                field.forEachItemUTF8 { PersonNameParser.parseList(utf8: $0, role: .collectionEditor, into: &seriesEditors) }
            case .A4:
                field.forEachItemUTF8 { PersonNameParser.parseList(utf8: $0, role: .translator, into: &translators) }
            case .TI, .T1, .CT:
                titles.append(Tagged(tag: field.tag, value: field.text))
            case .BT:
                let text = field.text
                if bookTitle == nil { bookTitle = text } else if bookTitle != text { keep("BT", text) }
            case .T2, .JF, .JO, .JA, .J1, .J2:
                if containers[tag] == nil { containers[tag] = field.text } else { keep(field.tag, field.text) }
            case .T3:
                if reference.collectionTitle == nil { reference.collectionTitle = field.text } else { keep("T3", field.text) }
            case .PY, .Y1, .DA:
                if let date = field.withText(RISDate.parse(utf8:)) {
                    dates.append(FieldDate(field: index, date: date))
                } else if let found = RISDate.monthAndDay(field.text), monthAndDay == nil {
                    monthAndDay = found
                } else {
                    keep(field.tag, field.text)
                    unreadableDate = unreadableDate ?? index
                }
            case .Y2:
                if reference.accessed == nil, let date = field.withText(RISDate.parse(utf8:)) { reference.accessed = date } else { keep("Y2", field.text) }
            case .SP:
                if startPage == nil { startPage = field.text } else { keep("SP", field.text) }
            case .EP:
                if endPage == nil { endPage = field.text } else { keep("EP", field.text) }
            case .VL:
                if reference.volume == nil { reference.volume = field.text } else { keep("VL", field.text) }
            case .IS:
                if reference.issue == nil { reference.issue = field.text } else { keep("IS", field.text) }
            case .CY:
                if reference.publisherPlace == nil { reference.publisherPlace = field.text } else { keep("CY", field.text) }
            case .PB:
                if reference.publisher == nil { reference.publisher = field.text } else { keep("PB", field.text) }
            case .ET:
                if reference.edition == nil { reference.edition = field.text } else { keep("ET", field.text) }
            case .C7:
                if reference.articleNumber == nil { reference.articleNumber = field.text } else { keep("C7", field.text) }
            case .M3:
                if reference.genre == nil { reference.genre = field.text } else { keep("M3", field.text) }
            case .ST:
                if reference.shortTitle == nil { reference.shortTitle = field.text } else { keep("ST", field.text) }
            case .LA:
                if reference.language == nil { reference.language = field.text } else { keep("LA", field.text) }
            case .SN:
                numbers.append(index)
            case .DO:
                for item in field.items {
                    if let doi = Self.doi(in: item) {
                        reference.addIdentifier(doi)
                    } else {
                        keep("DO", item)
                        diagnostics.append(.warning("ris.invalid-doi", "'\(item)' is not a DOI; kept as text", at: location(field)))
                    }
                }
            case .UR:
                for item in field.items {
                    guard item.utf8.contains(0x3B) else {
                        urls.append(item)
                        continue
                    }
                    for url in item.split(separator: ";") {
                        let trimmed = RISText.trim(String(url))
                        if !trimmed.isEmpty { urls.append(trimmed) }
                    }
                }
            case .L1, .L2, .L3, .L4:
                for item in field.items {
                    links.append(item)
                    keep(field.tag, item)
                }
            case .AB, .N2:
                abstracts.append(Tagged(tag: field.tag, value: field.text))
            case .N1:
                notes.append(field.items.joined(separator: "\n"))
            case .KW:
                field.forEachItem { item in
                    guard item.utf8.contains(0x3B) else {
                        if !reference.keywords.contains(item) { reference.keywords.append(item) }
                        return
                    }
                    for keyword in item.split(separator: ";") {
                        let trimmed = RISText.trim(String(keyword))
                        if !trimmed.isEmpty, !reference.keywords.contains(trimmed) { reference.keywords.append(trimmed) }
                    }
                }
            case .ID:
                // A key has a byte from `A` up (a letter, as a rule) and none of white space or control; `1`, `10`
                // (EndNote's record numbers) are kept as they are.
                let isKey = field.withText { $0.contains { $0 >= 0x41 } && !$0.contains { $0 <= 0x20 } }
                if preferredKey == nil, isKey { preferredKey = field.text } else { keep("ID", field.text) }
            case .AN, .C2, .C3, .C5:
                for item in field.items {
                    if let identifier = Self.medicalIdentifier(item) { reference.addIdentifier(identifier) } else { keep(field.tag, item) }
                }
            }
        }

        // Titles: the first is the title, others that differ are kept.
        var titleText = titles.first?.value
        if let first = titles.first {
            reference.title = RichText(first.value)
            for title in titles.dropFirst() where title.value != first.value { keep(title.tag, title.value) }
        }
        // Container and its abbreviation.
        if let bookTitle {
            if reference.title == nil && !bookIsContainer {
                reference.title = RichText(bookTitle)
                titleText = bookTitle
            } else if bookIsContainer || containers[.T2] == nil {
                containers[.BT] = bookTitle
            } else {
                keep("BT", bookTitle)
            }
        }
        let fullOrder = bookIsContainer ? Self.bookContainerOrder : Self.containerOrder
        var usedContainer: RISTag?
        if let tag = fullOrder.first(where: { containers[$0] != nil }) {
            usedContainer = tag
            reference.containerTitle = RichText(containers[tag]!)
        }
        var usedShort: RISTag?
        if let tag = Self.shortContainerOrder.first(where: { $0 != usedContainer && containers[$0] != nil }) {
            if reference.containerTitle == nil {
                usedContainer = tag
                reference.containerTitle = RichText(containers[tag]!)
            } else if containers[tag] != reference.containerTitle?.plain {
                usedShort = tag
                reference.containerTitleShort = containers[tag]
            }
        }
        for tag in Self.allContainerTags where tag != usedContainer && tag != usedShort {
            guard let value = containers[tag] else { continue }
            if value != reference.containerTitle?.plain && value != reference.containerTitleShort { keep(RISTag.text(tag.rawValue), value) }
        }
        // Dates: the first given, refined by a later one of the same year with more detail.
        // Read by index, so no date is copied but the one kept; every date read has a year, so one of another year
        // is another date.
        if !dates.isEmpty {
            var chosen = 0
            for index in dates.indices.dropFirst()
            where dates[index].date.year == dates[chosen].date.year && Self.detail(dates[index].date) > Self.detail(dates[chosen].date) {
                chosen = index
            }
            var best = dates[chosen].date
            if let monthAndDay, best.parts.count == 1, best.parts[0].month == nil {
                best.parts[0] = PartialDate.Parts(year: best.parts[0].year, month: monthAndDay.month, day: monthAndDay.day)
            }
            let year = best.year
            reference.issued = best
            for index in dates.indices where dates[index].date.year != year {
                keep(fields[dates[index].field].tag, fields[dates[index].field].text)
            }
        } else if let index = unreadableDate {
            let field = fields[index]
            diagnostics.append(.warning("ris.date", "cannot read the date '\(field.text)'; kept as text", at: location(field)))
        }
        // Pages.
        if let startPage {
            if let endPage, !startPage.utf8.contains(0x2D), endPage != startPage {
                reference.page = startPage + "-" + endPage
            } else {
                reference.page = startPage
                if let endPage, endPage != startPage, !startPage.hasSuffix(endPage) { keep("EP", endPage) }
            }
        } else if let endPage {
            keep("EP", endPage)
        }
        // Standard numbers.
        for index in numbers {
            let field = fields[index]
            for item in field.items {
                let (found, rest) = Self.standardNumbers(in: item)
                for identifier in found { reference.addIdentifier(identifier) }
                for unknown in rest {
                    keep("SN", unknown)
                    diagnostics.append(.warning("ris.standard-number", "'\(unknown)' is neither an ISSN nor an ISBN; kept as text", at: location(field)))
                }
            }
        }
        // Abstract: one, the first given; a different second one is kept.
        if let first = abstracts.first {
            reference.abstract = RichText(first.value)
            for abstract in abstracts.dropFirst() where abstract.value != first.value { keep(abstract.tag, abstract.value) }
        }
        if !notes.isEmpty { reference.note = notes.joined(separator: "\n") }
        if let first = urls.first {
            reference.url = first
            for url in urls.dropFirst() { keep("UR", url) }
        }
        if reference.doi == nil {
            if let doi = Self.resolverDOI(in: urls) ?? Self.resolverDOI(in: links) { reference.addIdentifier(doi) }
        }
        if editors.isEmpty && seriesEditors.isEmpty && translators.isEmpty {
            swap(&reference.creators, &authors)
        } else {
            reference.creators.append(contentsOf: authors)
            reference.creators.append(contentsOf: editors)
            reference.creators.append(contentsOf: seriesEditors)
            reference.creators.append(contentsOf: translators)
        }
        for kept in extras {
            if let existing = reference.extraFields[kept.tag] {
                reference.extraFields[kept.tag] = existing + "\n" + kept.value
            } else {
                reference.extraFields[kept.tag] = kept.value
            }
        }
        let keyBase: String
        if let preferredKey {
            keyBase = CitationKeyMaker.base(preferred: preferredKey, family: nil, year: nil, title: nil)
        } else {
            let lead = reference.creators.first { $0.role == .author } ?? reference.creators.first { $0.role == .editor }
            keyBase = CitationKeyMaker.base(
                preferred: nil, family: lead.flatMap { $0.nonDroppingParticle == nil ? ($0.family ?? $0.literal) : $0.familyWithParticle },
                year: reference.year, title: titleText)
        }
        if diagnostics.count > 1 {
            diagnostics = diagnostics.enumerated().sorted { ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset) }.map(\.element)
        }
        return keyBase
    }

    /// The DOI of the first link to a DOI resolver (`https://doi.org/10....`) in `links`.
    private static func resolverDOI(in links: [String]) -> Identifier? {
        for link in links where RISText.contains(link, "doi.org/10.") {
            if let doi = Identifier(.doi, link) { return doi }
        }
        return nil
    }

    private static func detail(_ date: PartialDate) -> Int {
        guard let parts = date.parts.first else { return 0 }
        return 1 + (parts.month == nil ? 0 : 1) + (parts.day == nil ? 0 : 1)
    }

    /// ISSNs and ISBNs in an `SN` value (`2325-9671 (electronic)`, `0-19-852663-6; 1932-8494`), by shape: eight
    /// digits (the last may be `X`) are an ISSN, ten or thirteen an ISBN. The rest is returned as text.
    static func standardNumbers(in text: String) -> ([Identifier], [String]) {
        var found: [Identifier] = []
        var rest: [String] = []
        text.withUTF8Bytes { bytes in
            var start = 0
            for index in 0...bytes.count {
                let isSeparator: Bool
                if index == bytes.count {
                    isSeparator = true
                } else {
                    switch bytes[index] {
                    case 0x3B, 0x2C, 0x20, 0x09, 0x5B, 0x5D, 0x22, 0x27: isSeparator = true
                    default: isSeparator = false
                    }
                }
                guard isSeparator else { continue }
                defer { start = index + 1 }
                guard index > start else { continue }
                var tokenStart = start
                // `(Electronic)`, `(print)`: the kind of the number before it, not a number.
                if bytes[start] == 0x28 || bytes[index - 1] == 0x29 { continue }
                // ERIC marks an electronic or print ISSN with a letter: `E2196-7822`.
                if bytes[start] == 0x45 || bytes[start] == 0x50, index - start > 1, (0x30...0x39).contains(bytes[start + 1]) { tokenStart += 1 }
                var digits: [UInt8] = []
                digits.reserveCapacity(13)
                var clean = true
                for position in tokenStart..<index {
                    let byte = bytes[position]
                    if (0x30...0x39).contains(byte) {
                        digits.append(byte)
                    } else if byte == 0x58 || byte == 0x78 {
                        digits.append(0x58)
                    } else if byte != 0x2D {
                        clean = false
                        break
                    }
                }
                let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[tokenStart..<index]), as: UTF8.self)
                if clean && digits.count == 8 {
                    let value = String(decoding: digits[0..<4], as: UTF8.self) + "-" + String(decoding: digits[4..<8], as: UTF8.self)
                    found.append(Identifier(kind: .issn, value: value, raw: token))
                } else if clean && (digits.count == 10 || digits.count == 13) {
                    found.append(Identifier(kind: .isbn, value: String(decoding: digits, as: UTF8.self), raw: token))
                } else {
                    rest.append(token)
                }
            }
        }
        if !rest.isEmpty && found.isEmpty { return ([], [RISText.trim(text)]) }
        return (found, rest)
    }

    /// The DOI in a `DO` value: from `10.` to the first white space, whatever resolver or `doi:` prefix precedes it.
    static func doi(in text: String) -> Identifier? {
        guard let offset = RISText.firstIndex(of: "10.", in: text) else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        let end = utf8[start...].firstIndex { $0 <= 0x20 } ?? utf8.endIndex
        guard let doi = Identifier(.doi, String(Substring(utf8[start..<end]))) else { return nil }
        return Identifier(kind: .doi, value: doi.value, raw: text)
    }

    /// A PubMed or PubMed Central id written into `AN` or a custom field: `PMID: 123`, `PUBMED 123`, `PMCID: PMC45`.
    static func medicalIdentifier(_ text: String) -> Identifier? {
        let upper = text.uppercased()
        for prefix in ["PMCID:", "PMCID", "PMC"] where upper.hasPrefix(prefix) {
            let digits = upper.dropFirst(prefix.count).drop { $0 == " " || $0 == ":" }.drop { $0 == "P" || $0 == "M" || $0 == "C" }
            if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) { return Identifier(kind: .pmcid, value: "PMC" + digits, raw: text) }
        }
        for prefix in ["PMID:", "PMID", "PUBMED:", "PUBMED"] where upper.hasPrefix(prefix) {
            let digits = upper.dropFirst(prefix.count).drop { $0 == " " || $0 == ":" }
            if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) { return Identifier(kind: .pmid, value: String(digits), raw: text) }
        }
        return nil
    }
}

/// A value with its tag. (A struct, not a tuple: a list of tuples is emptied through the runtime's generic code.)
struct Tagged {
    var tag: String
    var value: String
}

/// A date read from the field at `field`.
struct FieldDate {
    var field: Int
    var date: PartialDate
}

/// A few values by tag, searched in order: cheaper than a dictionary for the handful of container tags a record has.
/// Emptied and filled again record after record, its storage kept, so a record allocates no table.
struct SmallTable {
    private struct Entry: KeyedElement {
        var key: RISTag
        var value: String
    }

    private var entries: [Entry] = []

    subscript(tag: RISTag) -> String? {
        get { entries[key: tag] }
        set { entries[key: tag] = newValue }
    }

    /// Empties the table, keeping its storage.
    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }
}
