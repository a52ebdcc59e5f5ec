/// A date as bibliographies give it: a year alone, a year and month, a full day, a range, a season, or only text.
///
/// Mirrors CSL 1.0.2's date model (Appendix IV "Date-related variables" and the CSL-JSON `date-parts` form):
/// one or two `parts` (a range has two), an optional season, `circa`, a `literal` for dates that are not
/// structured, and the `raw` text the source gave.
public struct PartialDate: Hashable, Sendable, Codable {
    /// One end of a date: a year, optionally with a month and a day.
    public struct Parts: Hashable, Sendable, Codable {
        public var year: Int
        public var month: Int?
        public var day: Int?

        public init(year: Int, month: Int? = nil, day: Int? = nil) {
            self.year = year
            self.month = month
            self.day = month == nil ? nil : day
        }

        /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        public var iso8601: String {
            var text = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
            if let month { text += "-" + pad(month, 2) }
            if let month = month, month > 0, let day { text += "-" + pad(day, 2) }
            return text
        }

        private func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }

    /// The date, or the two ends of a range.
    public var parts: [Parts]
    /// A season (`1`-`4` or a name such as `Spring`), as CSL's `season`.
    public var season: String?
    public var circa: Bool
    /// A date that cannot be structured, printed as given.
    public var literal: String?
    /// The source's own text for the date, when it was parsed from text.
    public var raw: String?

    public init(parts: [Parts] = [], season: String? = nil, circa: Bool = false, literal: String? = nil, raw: String? = nil) {
        self.parts = parts
        self.season = season
        self.circa = circa
        self.literal = literal
        self.raw = raw
    }

    /// A date of one year, and optionally a month and day.
    ///
    /// A year alone from 1000 to 2199 is a copy of a value made once, whose one-element `parts` array is shared (copy
    /// on write) instead of allocated for each of the tens of thousands of records an import reads with one.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        if month == nil, year >= Self.firstCommonYear, year < Self.firstCommonYear + Self.commonYears.count {
            self = Self.commonYears[year - Self.firstCommonYear]
        } else {
            self.init(parts: [Parts(year: year, month: month, day: day)])
        }
    }

    private static let firstCommonYear = 1000
    private static let commonYears: [PartialDate] = (firstCommonYear..<2200).map { PartialDate(parts: [Parts(year: $0)]) }

    /// The (first) year, if the date has one.
    public var year: Int? { parts.first?.year }

    /// Whether the date holds nothing at all.
    public var isEmpty: Bool { parts.isEmpty && season == nil && literal == nil && raw == nil }

    /// Reads an ISO 8601 / EDTF level-0 date or interval: `2021`, `2021-03`, `2021-03-01`, `2020/2021`,
    /// `2021-03-01/2021-04-30`; a trailing `~` or `?` marks circa. Returns nil for anything else.
    public static func iso8601(_ text: String) -> PartialDate? {
        return text.withUTF8Bytes(iso8601(utf8:))
    }

    /// `iso8601` of UTF-8 bytes, read byte by byte: a date with any other byte than ASCII is none.
    private static func iso8601(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard !bytes[start..<end].contains(where: { $0 >= 0x80 }) else { return nil }
        var circa = false
        while end > start, bytes[end - 1] == 0x7E || bytes[end - 1] == 0x3F || bytes[end - 1] == 0x25 {
            circa = true
            end -= 1
        }
        let ends = bytes[start..<end].split(separator: 0x2F, omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count) else { return nil }
        var parts: [Parts] = []
        for end in ends {
            let pieces = end.split(separator: 0x2D, maxSplits: 3, omittingEmptySubsequences: false)
            guard (1...3).contains(pieces.count), pieces[0].count == 4, let year = integer(pieces[0]) else { return nil }
            var month: Int?
            var day: Int?
            if pieces.count > 1 {
                guard pieces[1].count == 2, let value = integer(pieces[1]), (1...24).contains(value) else { return nil }
                month = value
            }
            if pieces.count > 2 {
                guard pieces[2].count == 2, let value = integer(pieces[2]), (1...31).contains(value) else { return nil }
                day = value
            }
            parts.append(Parts(year: year, month: month, day: day))
        }
        return PartialDate(parts: parts, circa: circa)
    }

    /// The number of ASCII digits with an optional leading `+`, as `Int(_:)` reads it.
    private static func integer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var digits = bytes[...]
        if digits.first == 0x2B { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

extension String {
    /// Trims the given characters from both ends.
    func trimmingCharacters(in set: String) -> String {
        // Nothing to trim when both ends are ASCII outside the set (a character there is that byte, perhaps with
        // marks after it, so it is in no set of ASCII characters that lacks the byte).
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80, !set.utf8.contains(first), !set.utf8.contains(last) {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
