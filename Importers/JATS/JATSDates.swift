import CitationModel

/// Reads JATS dates (`pub-date`, `date`, a citation's `year`/`month`/`day`) and chooses the publication date.
///
/// A date element has `year`, `month`, `day`, `season` and `string-date` children and, from JATS 1.1, an
/// `iso-8601-date` attribute. A year may carry a letter suffix (`2015a`, for author-year disambiguation) or be a
/// range (`1999-2000`); text that holds no year (`in press`) is kept as a literal.
struct JATSDates {
    let text: JATSText

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// The date a `pub-date`, `date` or citation element gives through its `year`/`month`/`day`/`season` children.
    func date(_ node: JATSNode) -> PartialDate? {
        let yearText = text.plain(node.child("year"))
        var date = yearText.flatMap(Self.year) ?? PartialDate()
        if date.parts.count == 1 {
            let month = text.plain(node.child("month")).flatMap(Self.month)
            let day = text.plain(node.child("day")).flatMap { Int($0) }.flatMap { (1...31).contains($0) ? $0 : nil }
            date.parts[0] = PartialDate.Parts(year: date.parts[0].year, month: month, day: day)
            if month == nil, let monthText = text.plain(node.child("month")) { date.season = monthText }
        }
        if let season = text.plain(node.child("season")) { date.season = season }
        if date.parts.isEmpty, let iso = node.attribute("iso-8601-date") ?? node.child("year")?.attribute("iso-8601-date"),
            let parsed = PartialDate.iso8601(JATSText.collapse(iso))
        {
            date.parts = parsed.parts
        }
        if date.parts.isEmpty, date.literal == nil, let string = text.plain(node.child("string-date")) {
            if let parsed = Self.year(string), !parsed.parts.isEmpty {
                date.parts = parsed.parts
                date.raw = string
            } else {
                date.literal = string
            }
        }
        return date.isEmpty ? nil : date
    }

    /// A year as citations give it: `2015`, `2015a` (raw kept), `1999-2000` (a range), `in press` (a literal).
    static func year(_ text: String) -> PartialDate? {
        let years = fourDigitRuns(text)
        guard let first = years.first else { return text.isEmpty ? nil : PartialDate(literal: text) }
        var date = PartialDate(year: first)
        if years.count == 2, years[1] > first, text.contains(where: { $0 == "-" || $0 == "\u{2013}" || $0 == "/" }) {
            date.parts.append(PartialDate.Parts(year: years[1]))
        }
        if text != String(first) { date.raw = text }
        return date
    }

    /// A month number from `3`, `03`, `Mar` or `March`; nil for anything else (a season such as `Jan-Feb`).
    static func month(_ text: String) -> Int? {
        if let number = Int(text) { return (1...12).contains(number) ? number : nil }
        let lowered = text.lowercased()
        guard lowered.count >= 3, lowered.allSatisfy(\.isLetter) else { return nil }
        guard let index = monthNames.firstIndex(of: String(lowered.prefix(3))) else { return nil }
        return index + 1
    }

    /// The runs of exactly four digits in `text`, as numbers (plausible years 1000-2999 only).
    private static func fourDigitRuns(_ text: String) -> [Int] {
        var found: [Int] = []
        var run = 0
        var value = 0
        for character in text.unicodeScalars {
            if (48...57).contains(character.value) {
                run += 1
                value = value * 10 + Int(character.value - 48)
            } else {
                if run == 4, (1000...2999).contains(value) { found.append(value) }
                run = 0
                value = 0
            }
        }
        if run == 4, (1000...2999).contains(value) { found.append(value) }
        return found
    }

    // MARK: Choosing the publication date

    /// How much a `pub-date` is preferred as the date of the version of record (lower first).
    ///
    /// JATS 1.0 `pub-type` (`epub`, `ppub`, `epub-ppub`, `collection` ...) and JATS 1.1+ `date-type` with
    /// `publication-format` (`pub` + `electronic`/`print`) say the same thing two ways. The version of record's
    /// first appearance comes first: electronic, then print, then a `pub` date of no stated format, then an
    /// unlabelled `pub-date`, then the issue (`collection`); dates of other events (`pmc-release`, `update`,
    /// `retracted`, a preprint) come last.
    static func rank(_ node: JATSNode) -> Int {
        let pubType = node.keyword("pub-type")
        let dateType = node.keyword("date-type")
        let format = node.keyword("publication-format")
        let isPublication = dateType == "pub" || dateType == "publication"
        if pubType == "epub" || pubType == "epub-ppub" || (isPublication && format == "electronic") { return 0 }
        if pubType == "ppub" || (isPublication && format == "print") { return 1 }
        if isPublication { return 2 }
        if pubType == nil && dateType == nil { return 3 }
        if pubType == "collection" || dateType == "collection" { return 4 }
        return 5
    }

    /// The publication date: the best-ranked `pub-date` that has a year, taken whole (parts of two dates are never
    /// mixed); ties go to the first in document order. Also returns every `pub-date` as `(label, date)`.
    func publicationDate(_ dates: [JATSNode]) -> (issued: PartialDate?, all: [(label: String, date: PartialDate)]) {
        var best: (rank: Int, date: PartialDate)?
        var all: [(String, PartialDate)] = []
        for node in dates {
            guard let parsed = date(node) else { continue }
            let label = [node.keyword("pub-type"), node.keyword("date-type"), node.keyword("publication-format")]
                .compactMap { $0 }.joined(separator: "-")
            all.append((label.isEmpty ? "pub" : label, parsed))
            guard parsed.year != nil else { continue }
            let rank = Self.rank(node)
            if best == nil || rank < best!.rank { best = (rank, parsed) }
        }
        return (best?.date, all)
    }

    /// A date as ISO 8601 text for `extraFields`, with its season or literal when it has no parts.
    static func text(_ date: PartialDate) -> String {
        var text = date.parts.map(\.iso8601).joined(separator: "/")
        if let season = date.season { text += text.isEmpty ? season : " " + season }
        if text.isEmpty, let literal = date.literal { text = literal }
        return text
    }
}
