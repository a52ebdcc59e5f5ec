import CitationModel

/// Makes citation keys for formats that have none (RIS, MEDLINE): `shannon1948mathematical`, unique in a file.
///
/// The key is the first author's family name, the year and the first word of the title that is not a stop word,
/// folded to lower-case ASCII letters and digits. A key already made in the same file gets a letter (`a`, `b` ...),
/// so records of one file never collide; the same file always gives the same keys.
struct CitationKeyMaker {
    private var used: Set<String> = []
    /// The next suffix to try for each base, so many records with one base cost no more than one each.
    private var nextSuffix: [String: Int] = [:]

    /// A maker for a file of `expected` records or so: room for their keys is made up front, so the table of keys
    /// is not rehashed as it grows.
    init(expected: Int = 0) {
        used.reserveCapacity(expected)
    }

    private static let stopWords: Set<String> = [
        "a", "an", "the", "on", "of", "in", "and", "for", "to", "with", "from", "at", "by", "is", "are", "or", "as",
        "der", "die", "das", "le", "la", "les", "el", "los", "de", "du", "des", "un", "une", "ein", "eine",
    ]

    /// A unique key: `preferred` when given and free, otherwise built from the name, year and title.
    mutating func make(preferred: String?, family: String?, year: Int?, title: String?) -> String {
        unique(Self.base(preferred: preferred, family: family, year: year, title: title))
    }

    /// The key a record asks for before it is made unique: `preferred` when given, otherwise the folded family
    /// name, the year and the first word of the title. It depends on the record alone, so the RIS importer's
    /// workers make it while they map records; only `unique` must run in file order.
    static func base(preferred: String?, family: String?, year: Int?, title: String?) -> String {
        if let preferred, !preferred.isEmpty { return preferred }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(48)
        fold((family ?? "").unicodeScalars, limit: 24, into: &bytes)
        if bytes.isEmpty { bytes.append(contentsOf: "anon".utf8) }
        if let year { appendDecimal(year, to: &bytes) }
        if let title { appendFirstWord(of: title, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `base` when no key of this file has taken it yet, otherwise `base` with the first free letter suffix.
    mutating func unique(_ base: String) -> String {
        if used.insert(base).inserted { return base }
        var counter = nextSuffix[base] ?? 1
        var key: String
        repeat {
            key = base + Self.letters(counter)
            counter += 1
        } while !used.insert(key).inserted
        nextSuffix[base] = counter
        return key
    }

    /// Appends the first word of a title that is not a stop word, folded. Words are split at ASCII characters other
    /// than letters and digits, general punctuation (U+2000-U+203F), no-break spaces and guillemets; an ASCII word is
    /// lower-cased byte by byte, and one with other letters is folded through `fold` (`Über` -> `uber`).
    private static func appendFirstWord(of title: String, to bytes: inout [UInt8]) {
        title.withUTF8Bytes { text in
            let count = text.count
            var index = 0
            while index < count {
                let separator = separatorLength(text, at: index)
                if separator > 0 {
                    index += separator
                    continue
                }
                let start = index
                var ascii = true
                repeat {
                    if text[index] >= 0x80 { ascii = false }
                    index += 1
                } while index < count && separatorLength(text, at: index) == 0
                let mark = bytes.count
                if ascii {
                    // Only letters and digits are left in an ASCII word: upper-case letters get their 0x20 bit.
                    for byte in text[start..<min(index, start + 20)] { bytes.append(byte < 0x61 && byte >= 0x41 ? byte | 0x20 : byte) }
                } else {
                    fold(String(decoding: UnsafeBufferPointer(rebasing: text[start..<index]), as: UTF8.self).unicodeScalars, limit: 20, into: &bytes)
                }
                let length = bytes.count - mark
                // Every stop word has at most four letters, so longer words are not looked up.
                if length > 0, length > 4 || !stopWords.contains(String(decoding: bytes[mark...], as: UTF8.self)) { return }
                bytes.removeSubrange(mark...)
            }
        }
    }

    /// How many bytes the separator at `index` has, 0 when a word character is there.
    private static func separatorLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = text[index]
        if byte < 0x80 {
            return (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) ? 0 : 1
        }
        if byte == 0xE2, index + 2 < text.count, text[index + 1] == 0x80 { return 3 }
        if byte == 0xC2, index + 1 < text.count, text[index + 1] == 0xA0 || text[index + 1] == 0xAB || text[index + 1] == 0xBB { return 2 }
        return 0
    }

    /// Appends `number` in decimal digits, as `String(number)` writes it; a four-digit year without making a string.
    private static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        guard (1000...9999).contains(number) else { return bytes.append(contentsOf: String(number).utf8) }
        bytes.append(0x30 + UInt8(number / 1000))
        bytes.append(0x30 + UInt8(number / 100 % 10))
        bytes.append(0x30 + UInt8(number / 10 % 10))
        bytes.append(0x30 + UInt8(number % 10))
    }

    /// `1` -> `a`, `26` -> `z`, `27` -> `aa`.
    private static func letters(_ number: Int) -> String {
        var number = number
        var text = ""
        while number > 0 {
            let digit = (number - 1) % 26
            text = String(UnicodeScalar(UInt8(97 + digit))) + text
            number = (number - 1) / 26
        }
        return text
    }

    /// Appends the folded form of `text` (`ASCIIFolding`: `Martínez` -> `martinez`), stopping once `limit` bytes
    /// are reached.
    private static func fold<S: Sequence>(_ text: S, limit: Int, into result: inout [UInt8]) where S.Element == Unicode.Scalar {
        var count = 0
        for scalar in text {
            if count >= limit { break }
            count += ASCIIFolding.append(scalar, to: &result)
        }
    }
}
