import Foundation

/// Makes citation keys for formats that have none (RIS, MEDLINE): `shannon1948mathematical`, unique in a file.
///
/// The key is the first author's family name, the year and the first word of the title that is not a stop word,
/// folded to lower-case ASCII letters and digits. A key already made in the same file gets a letter (`a`, `b` ...),
/// so records of one file never collide; the same file always gives the same keys.
struct CitationKeyMaker {
    private var used: Set<String> = []

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
            base = Self.fold(family ?? "", limit: 24)
            if base.isEmpty { base = "anon" }
            if let year { base += String(year) }
            if let title {
                for word in title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                    let folded = Self.fold(word, limit: 20)
                    if !folded.isEmpty, !Self.stopWords.contains(folded) {
                        base += folded
                        break
                    }
                }
            }
        }
        var key = base
        var counter = 0
        while used.contains(key) {
            counter += 1
            key = base + Self.letters(counter)
        }
        used.insert(key)
        return key
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
    private static func fold<S: StringProtocol>(_ text: S, limit: Int) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if result.count >= limit { break }
            if scalar.isASCII {
                let value = scalar.value
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    result.unicodeScalars.append(scalar)
                } else if (0x41...0x5A).contains(value) {
                    result.unicodeScalars.append(Unicode.Scalar(value + 32)!)
                }
            } else if scalar.properties.isAlphabetic {
                let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
                for piece in folded.unicodeScalars where piece.isASCII && piece.properties.isAlphabetic {
                    let value = piece.value
                    result.unicodeScalars.append(Unicode.Scalar((0x41...0x5A).contains(value) ? value + 32 : value)!)
                }
            }
        }
        return result
    }
}
