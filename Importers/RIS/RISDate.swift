import CitationModel

/// Reads the dates of RIS `PY`, `Y1`, `DA` and `Y2`, and MEDLINE `DP` and `DEP`.
///
/// RIS specification, "PY"/"DA": `YYYY/MM/DD/other info`, where any part after the year may be empty (`2021///`,
/// `1948/07//`) and `other info` is free text (`2017/04/07/online`, kept as the date's `raw`). Also read: ISO 8601
/// (`2024-02-01`), a bare year, and free forms with a month name (`2020 Feb 15`, `2019 Mar-Apr`, `Spring 2018`) as
/// MEDLINE's `DP` writes them, and `YYYYMMDD` as its `DEP` does. Anything without a four-digit year is nil.
enum RISDate {
    private static let seasons: [(name: StaticString, number: String)] = [
        ("spring", "1"), ("summer", "2"), ("autumn", "3"), ("fall", "3"), ("winter", "4"),
    ]

    /// The date in a value given as UTF-8 bytes (the common forms are read without making a string).
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        common(utf8: bytes) ?? parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The date in `text`, or nil when it has no year.
    static func parse(_ text: String) -> PartialDate? {
        if let common = common(text) { return common }
        let value = RISText.trim(text)
        let utf8 = value.utf8
        // Every form below needs an ASCII digit (a year); text without one (`no date`, `[s.a]`) is no date.
        guard utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        // The common forms, `2021` and `2021/03/01/...`, read straight from the bytes.
        if utf8.count == 4 {
            var year = 0
            var allDigits = true
            for byte in utf8 {
                if byte >= 0x30 && byte <= 0x39 { year = year * 10 + Int(byte - 0x30) } else { allDigits = false }
            }
            if allDigits { return PartialDate(year: year) }
        }
        if utf8.contains(0x2F) { return slashed(value) }
        if let iso = PartialDate.iso8601(value), iso.parts.count == 1 { return iso }
        let bytes = Array(utf8)
        if bytes.count == 8, bytes.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(value) {
            let month = number / 100 % 100
            let day = number % 100
            if (1...12).contains(month), (1...31).contains(day) { return PartialDate(year: number / 10000, month: month, day: day) }
        }
        return free(value)
    }

    /// The forms most exporters write, read straight from the bytes: `YYYY`, `YYYY/`, `YYYY//`, `YYYY///`,
    /// `YYYY/MM/`, `YYYY/MM/DD` and `YYYY/MM/DD/`, with two-digit months 01-12 and days 01-31. Anything else is
    /// nil here and read by the general path, which gives the same date for these forms.
    private static func common(_ text: String) -> PartialDate? {
        return text.withUTF8Bytes { common(utf8: $0) }
    }

    /// `common` of a value given as UTF-8 bytes.
    private static func common(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        let count = bytes.count
        guard count >= 4, count <= 11 else { return nil }
        func digit(_ index: Int) -> Int? {
            let byte = bytes[index]
            return byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
        }
        guard let a = digit(0), let b = digit(1), let c = digit(2), let d = digit(3) else { return nil }
        let year = a * 1000 + b * 100 + c * 10 + d
        // `YYYY` and `YYYY` followed by one to three slashes.
        var index = 4
        while index < count, bytes[index] == 0x2F { index += 1 }
        if index == count { return count <= 7 ? PartialDate(year: year) : nil }
        // `YYYY/MM/`, `YYYY/MM/DD`, `YYYY/MM/DD/`.
        guard count >= 8, bytes[4] == 0x2F, bytes[7] == 0x2F, let m1 = digit(5), let m2 = digit(6) else { return nil }
        let month = m1 * 10 + m2
        guard (1...12).contains(month) else { return nil }
        if count == 8 { return PartialDate(year: year, month: month) }
        guard count >= 10, let d1 = digit(8), let d2 = digit(9) else { return nil }
        let day = d1 * 10 + d2
        guard (1...31).contains(day), count == 10 || (count == 11 && bytes[10] == 0x2F) else { return nil }
        return PartialDate(year: year, month: month, day: day)
    }

    /// `YYYY/MM/DD/other`, read byte by byte: the numbers of the first three parts, and whether a fourth has text.
    private static func slashed(_ value: String) -> PartialDate? {
        var numbers: (Int?, Int?, Int?) = (nil, nil, nil)
        var yearDigits = 0
        var hasOther = false
        var part = 0
        var number = 0
        var digits = 0
        var clean = true
        var iterator = value.utf8.makeIterator()
        while true {
            let next = iterator.next()
            if next == nil || next == 0x2F {
                // The end of a part.
                let partValue = digits > 0 && clean ? number : nil
                switch part {
                case 0:
                    numbers.0 = partValue
                    yearDigits = clean ? digits : 0
                case 1: numbers.1 = partValue
                case 2: numbers.2 = partValue
                default: break
                }
                guard next != nil else { break }
                part += 1
                number = 0
                digits = 0
                clean = true
                continue
            }
            let byte = next!
            if part >= 3 {
                if byte != 0x20 { hasOther = true }
            } else if byte >= 0x30 && byte <= 0x39 {
                number = number &* 10 &+ Int(byte - 0x30)
                digits += 1
            } else if byte != 0x20 {
                // Text in a date part: `2021a` keeps its year digits, other parts are unreadable.
                if part == 0 && digits == 4 { continue }
                clean = false
            }
        }
        guard yearDigits == 4, let year = numbers.0 else { return free(value) }
        var month: Int?
        var day: Int?
        var season: String?
        if let number = numbers.1 {
            if (1...12).contains(number) { month = number } else if (21...24).contains(number) { season = String(number - 20) }
        }
        if month != nil, let number = numbers.2, (1...31).contains(number) { day = number }
        var date = PartialDate(year: year, month: month, day: day)
        date.season = season
        if hasOther { date.raw = value }
        return date
    }

    /// A date from text with a year and perhaps a month name or season: `2020 Feb 15`, `Spring 2018`. Read on the
    /// UTF-8 bytes: words are split at spaces, hyphens, commas and full stops.
    private static func free(_ value: String) -> PartialDate? {
        var year: Int?
        var month: Int?
        var day: Int?
        var season: String?
        value.withUTF8Bytes { bytes in
            forEachWord(of: bytes, separatedBy: { $0 == 0x20 || $0 == 0x2D || $0 == 0x2C || $0 == 0x2E }) { word in
                let number = word.count <= 4 ? digits(word) : nil
                if word.count == 4, let number, year == nil {
                    year = number
                } else if let name = monthNumber(word) {
                    if month == nil { month = name }
                } else if let name = seasons.first(where: { equalsIgnoringASCIICase(word, $0.name) }) {
                    season = season ?? name.number
                } else if word.count <= 2, let number, (1...31).contains(number), month != nil, day == nil {
                    day = number
                }
                return true
            }
        }
        guard let year else { return nil }
        var date = PartialDate(year: year, month: month, day: month == nil ? nil : day)
        date.season = season
        date.raw = value
        return date
    }

    /// Calls `body` with each non-empty run of `bytes` between separators, until it returns false.
    private static func forEachWord(
        of bytes: UnsafeBufferPointer<UInt8>, separatedBy isSeparator: (UInt8) -> Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
    ) {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || isSeparator(bytes[index]) {
            if index > start, !body(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return }
            start = index + 1
        }
    }

    /// The value of a word of ASCII digits, else nil.
    private static func digits(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !word.isEmpty, word.count <= 18, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return word.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The month a word names by its first three letters (`Feb`, `february`, `FEB.`), any case.
    private static func monthNumber(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard word.count >= 3 else { return nil }
        var key: UInt32 = 0
        for byte in word.prefix(3) {
            guard (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) else { return nil }
            key = key << 8 | UInt32(byte | 0x20)
        }
        return monthKeys.firstIndex(of: key).map { $0 + 1 }
    }

    /// `jan` ... `dec`, each packed into an integer as `monthNumber` packs a word's first three letters.
    private static let monthKeys: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map {
        $0.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Whether `word` is `name` (lower-case ASCII letters) in any case.
    private static func equalsIgnoringASCIICase(_ word: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        word.count == name.utf8CodeUnitCount && zip(word, UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)).allSatisfy { $0 | 0x20 == $1 }
    }

    /// The month and perhaps day of a date written without its year, as Web of Science writes `DA` (`SEP 22`, `DEC`)
    /// next to `PY`; nil when `text` has a year or no month. Read on the UTF-8 bytes: words are split at spaces,
    /// hyphens, commas, full stops and slashes.
    static func monthAndDay(_ text: String) -> (month: Int, day: Int?)? {
        var month: Int?
        var day: Int?
        var readable = true
        text.withUTF8Bytes { bytes in
            forEachWord(of: bytes, separatedBy: { $0 == 0x20 || $0 == 0x2D || $0 == 0x2C || $0 == 0x2E || $0 == 0x2F }) { word in
                if let name = monthNumber(word) {
                    month = month ?? name
                } else if let number = digits(word.first == 0x2B ? UnsafeBufferPointer(rebasing: word.dropFirst()) : word) {
                    guard word.count <= 2, (1...31).contains(number), day == nil else {
                        readable = false
                        return false
                    }
                    day = number
                } else {
                    readable = false
                    return false
                }
                return true
            }
        }
        guard readable, let month else { return nil }
        return (month, day)
    }
}
