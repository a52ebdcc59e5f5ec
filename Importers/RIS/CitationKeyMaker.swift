import Foundation

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
        var base: String
        if let preferred, !preferred.isEmpty {
            base = preferred
        } else {
            base = Self.fold((family ?? "").unicodeScalars, limit: 24)
            if base.isEmpty { base = "anon" }
            if let year { base += String(year) }
            if let title { base += Self.firstWord(of: title) }
        }
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

    /// The first word of a title that is not a stop word, folded; words are runs of letters and digits.
    private static func firstWord(of title: String) -> String {
        var start = title.unicodeScalars.startIndex
        var index = start
        let scalars = title.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let value = scalar.value
            let isWordScalar: Bool
            if value < 0x80 {
                isWordScalar = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            } else {
                isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if !isWordScalar {
                if start < index {
                    let folded = fold(scalars[start..<index], limit: 20)
                    if !folded.isEmpty && !stopWords.contains(folded) { return folded }
                }
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        if start < index {
            let folded = fold(scalars[start..<index], limit: 20)
            if !stopWords.contains(folded) { return folded }
        }
        return ""
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

    /// Lower-case ASCII letters and digits of `text`; accents are dropped (`Martínez` -> `martinez`).
    private static func fold<S: Sequence>(_ text: S, limit: Int) -> String where S.Element == Unicode.Scalar {
        var result: [UInt8] = []
        result.reserveCapacity(limit)
        for scalar in text {
            if result.count >= limit { break }
            let value = scalar.value
            if value < 0x80 {
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    result.append(UInt8(value))
                } else if (0x41...0x5A).contains(value) {
                    result.append(UInt8(value + 32))
                }
            } else if scalar.properties.isAlphabetic {
                let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                for piece in folded.unicodeScalars where piece.isASCII && piece.properties.isAlphabetic {
                    let byte = UInt8(piece.value)
                    result.append((0x41...0x5A).contains(byte) ? byte + 32 : byte)
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
