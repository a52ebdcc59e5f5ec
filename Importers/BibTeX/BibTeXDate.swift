import CitationModel
import Foundation

/// Dates of BibTeX and BibLaTeX entries: `date`/`urldate` (biblatex manual 2.3.8 "Date Specifications", ISO 8601 and
/// EDTF level 0/1) and the classic `year` and `month` in the forms real files use (`1991-92`, `May 2004`, `[1980]`,
/// `c. 1900`, `Sep--Oct`, `2001a`).
///
/// A value read exactly keeps no `raw`; one that needed interpretation keeps the source text in `raw` (a year field's
/// text), and one that could not be read becomes a `literal`. The exporter writes `raw` or `literal` back as they are.
enum BibTeXDate {
    /// A `date`, `urldate`, `origdate` ... value.
    static func date(_ text: String) -> PartialDate {
        let trimmed = text.trimmingBlanks()
        if let date = PartialDate.iso8601(trimmed) { return date }
        // EDTF negative years (`-3000~`): the year alone, before the common era.
        var body = Substring(trimmed)
        var circa = false
        while let last = body.last, last == "~" || last == "?" || last == "%" {
            circa = true
            body = body.dropLast()
        }
        if body.first == "-", body.count > 1, body.dropFirst().allSatisfy(\.isASCIIDigit), let year = Int(body) {
            return PartialDate(parts: [PartialDate.Parts(year: year)], circa: circa)
        }
        if let date = year(trimmed, month: nil) { return date }
        return PartialDate(literal: trimmed)
    }

    /// A date from `year` and `month`, or nil when there is no year. `month` may be a number, a name, or a range.
    static func year(_ yearText: String, month monthText: String?) -> PartialDate? {
        if monthText == nil, let year = fourDigits(yearText) {
            // The common `year = {1986}` with no month: what the general path below gives, without its string work.
            return PartialDate(year: year)
        }
        let text = yearText.trimmingBlanks()
        guard !text.isEmpty else { return nil }
        var date = PartialDate()
        let months = monthText.flatMap(monthRange)
        if text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let year = Int(text) {
            date.parts = [PartialDate.Parts(year: year)]
        } else if let parsed = interpret(text) {
            date = parsed
            date.raw = text
        } else {
            return PartialDate(literal: text)
        }
        if let months, !date.parts.isEmpty {
            let year = date.parts[0].year
            date.parts[0] = PartialDate.Parts(year: year, month: months[0].month, day: months[0].day)
            if months.count > 1, let last = months.last {
                let endYear = date.parts.count > 1 ? date.parts[1].year : year
                if date.parts.count > 1 { date.parts[1] = PartialDate.Parts(year: endYear, month: last.month, day: last.day) } else {
                    date.parts.append(PartialDate.Parts(year: endYear, month: last.month, day: last.day))
                }
            }
        }
        return date
    }

    /// The number of a text that is exactly four ASCII digits, else nil.
    private static func fourDigits(_ text: String) -> Int? {
        return text.withUTF8Bytes(fourDigits)
    }

    /// The number of bytes that are exactly four ASCII digits, else nil (a year field read without a string made).
    static func fourDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 4 else { return nil }
        var year = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            year = year * 10 + Int(byte - 0x30)
        }
        return year
    }

    /// Year forms other than four digits: ranges, brackets, circa, a month name, a letter suffix.
    private static func interpret(_ text: String) -> PartialDate? {
        // Every reading needs a year of four digits: `undated`, `n.d.` and `forthcoming` have none.
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        // Digits with `-` or `/` only (`1991-92`, `1991--1992`, `1991/92`): a year range or nothing, as below.
        if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2F }) {
            guard let (year, second) = yearRange(Substring(text)) else { return nil }
            var date = PartialDate(parts: [PartialDate.Parts(year: year)], circa: false)
            if let second { date.parts.append(PartialDate.Parts(year: second)) }
            return date
        }
        var body = Substring(text)
        var circa = false
        if let first = body.first, let last = body.last, (first == "[" && last == "]") || (first == "(" && last == ")") {
            body = body.dropFirst().dropLast()
        }
        let lowered = body.lowercased()
        for prefix in ["circa ", "ca. ", "ca ", "c. ", "c.", "ca.", "c"] where lowered.hasPrefix(prefix) {
            let rest = body.dropFirst(prefix.count)
            if rest.first?.isASCIIDigit == true {
                body = rest
                circa = true
                break
            }
        }
        while let last = body.last, last == "?" || last == "~" {
            circa = true
            body = body.dropLast()
        }
        let words = body.split(whereSeparator: { $0 == " " || $0 == "," })
        var yearValue: Int?
        var second: Int?
        var month: (month: Int, day: Int?)?
        for word in words {
            let token = word.trimmingCharacters(in: ",.")
            if let range = yearRange(Substring(token)) {
                yearValue = range.0
                second = range.1
            } else if let parsed = monthRange(String(token))?.first, month == nil {
                month = parsed
            } else if let day = Int(token), (1...31).contains(day), month != nil {
                month?.day = day
            } else {
                return nil
            }
        }
        guard let year = yearValue else { return nil }
        var date = PartialDate(parts: [PartialDate.Parts(year: year, month: month?.month, day: month?.day)], circa: circa)
        if let second { date.parts.append(PartialDate.Parts(year: second)) }
        return date
    }

    /// `1991`, `1991-92`, `1991--1992`, `1991/92`, `2001a`: the years.
    private static func yearRange(_ token: Substring) -> (Int, Int?)? {
        let digits = token.prefix(while: \.isASCIIDigit)
        guard digits.count == 4, let first = Int(digits) else { return nil }
        var rest = token.dropFirst(4)
        if rest.isEmpty { return (first, nil) }
        if rest.count == 1, let letter = rest.first, letter.isLetter, letter.isLowercase { return (first, nil) }
        var separated = false
        while let character = rest.first, character == "-" || character == "–" || character == "/" {
            rest = rest.dropFirst()
            separated = true
        }
        // An open end (`2015/`, `2015/..`): the start alone.
        if separated && (rest.isEmpty || rest == "..") { return (first, nil) }
        guard separated, !rest.isEmpty, rest.allSatisfy(\.isASCIIDigit), let end = Int(rest) else { return nil }
        switch rest.count {
        case 2: return (first, first / 100 * 100 + end)
        case 4: return (first, end)
        default: return nil
        }
    }

    /// A month field: `5`, `05`, `May`, `may.`, `September 15`, `15 Sep`, `Sep--Oct`. One or two ends.
    static func monthRange(_ text: String) -> [(month: Int, day: Int?)]? {
        let trimmed = text.trimmingBlanks()
        guard !trimmed.isEmpty else { return nil }
        // One word of ASCII letters (`May`, or `September` from the `sep` macro): a month name or nothing, as below.
        if trimmed.utf8.allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A }) {
            return monthNumber(trimmed.lowercased()).map { [($0, nil)] }
        }
        // A range needs `-`, `/` or an en dash (E2 80 93): most values have none, and skip the search.
        let mayBeRange = trimmed.utf8.contains { $0 == 0x2D || $0 == 0x2F || $0 == 0xE2 }
        for separator in ["--", "–", "-", "/"] where mayBeRange && trimmed.contains(separator) {
            let ends = trimmed.components(separatedBy: separator)
            guard ends.count == 2, let start = monthRange(ends[0])?.first, let end = monthRange(ends[1])?.first else { continue }
            return [start, end]
        }
        if let number = Int(trimmed), (1...12).contains(number) { return [(number, nil)] }
        var month: Int?
        var day: Int?
        for word in trimmed.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "~" || $0 == "\u{00A0}" }) {
            let token = word.trimmingCharacters(in: ".").lowercased()
            if let value = monthNumber(token), month == nil {
                month = value
            } else if let value = Int(token.filter(\.isASCIIDigit)), (1...31).contains(value), day == nil, token.first?.isASCIIDigit == true {
                day = value
            } else {
                return nil
            }
        }
        guard let month else { return nil }
        return [(month, day)]
    }

    /// The number of an English month name or its abbreviation (three letters or more).
    private static func monthNumber(_ token: String) -> Int? {
        guard token.count >= 3 else { return nil }
        if let number = BibTeXVocabulary.monthMacros[String(token.prefix(3))] {
            let name = BibTeXVocabulary.monthFullNames[number - 1].lowercased()
            if name.hasPrefix(token) || (token == "sept") { return number }
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without blanks (space, tab, line ends, no-break space) at either end.
    func trimmingBlanks() -> String {
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last, first != 0x20, first != 0x09, first != 0x0A, first != 0xC2, last != 0x20,
            last != 0x09, last != 0x0A, last != 0xA0
        {
            return whole
        }
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\u{00A0}" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\u{00A0}" { scalars = scalars.dropLast() }
        return String(scalars)
    }

    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
