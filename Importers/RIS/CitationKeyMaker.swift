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
        if let year { bytes.append(contentsOf: String(year).utf8) }
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
    /// than letters and digits; a word with non-ASCII letters is folded through `fold` (`Über` -> `uber`).
    private static func appendFirstWord(of title: String, to bytes: inout [UInt8]) {
        var title = title
        title.withUTF8 { text in
            var word: [UInt8] = []
            word.reserveCapacity(24)
            var wordStart = 0
            var hasNonASCII = false
            func take(_ end: Int) -> Bool {
                defer {
                    word.removeAll(keepingCapacity: true)
                    hasNonASCII = false
                }
                if hasNonASCII {
                    word.removeAll(keepingCapacity: true)
                    let original = String(decoding: UnsafeBufferPointer(rebasing: text[wordStart..<end]), as: UTF8.self)
                    fold(original.unicodeScalars, limit: 20, into: &word)
                } else if word.count > 20 {
                    word.removeLast(word.count - 20)
                }
                guard !word.isEmpty, !stopWords.contains(String(decoding: word, as: UTF8.self)) else { return false }
                bytes.append(contentsOf: word)
                return true
            }
            var index = 0
            while index < text.count {
                let byte = text[index]
                // General punctuation (U+2000-U+203F: dashes, quotes, spaces), no-break space and guillemets separate.
                var separatorLength = 0
                if byte == 0xE2, index + 2 < text.count, text[index + 1] == 0x80 {
                    separatorLength = 3
                } else if byte == 0xC2, index + 1 < text.count, [0xA0, 0xAB, 0xBB].contains(text[index + 1]) {
                    separatorLength = 2
                } else if byte < 0x80 && !((0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)) {
                    separatorLength = 1
                }
                if separatorLength > 0 {
                    if index > wordStart, take(index) { return }
                    index += separatorLength
                    wordStart = index
                    continue
                }
                if (0x41...0x5A).contains(byte) {
                    word.append(byte + 32)
                } else if byte < 0x80 {
                    word.append(byte)
                } else {
                    hasNonASCII = true
                }
                index += 1
            }
            if text.count > wordStart { _ = take(text.count) }
        }
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
