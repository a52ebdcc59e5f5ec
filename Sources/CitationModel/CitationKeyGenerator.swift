/// Readable citation keys of the form `familyYEARword` (`metz2020implementation`), as Better BibTeX's
/// `[auth:lower][year][shorttitle:lower]` and JabRef's defaults do.
///
/// Used by the BibTeX importer for entries that have no key and by the BibTeX exporter for records whose key cannot
/// be written; both make keys unique with `a`, `b` ... suffixes (`metz2020implementationa`) or `-2` suffixes.
public enum CitationKeyGenerator {
    /// Words that never make the `word` part.
    private static let stopWords: Set<String> = [
        "a", "an", "the", "of", "on", "in", "and", "for", "to", "at", "by", "with", "from", "der", "die", "das", "le", "la",
        "les", "el", "los", "de", "du", "des", "un", "une", "ein", "eine", "und",
    ]

    /// The key for a reference, before it is made unique.
    public static func key(for reference: Reference) -> String {
        var key = ""
        if let lead = reference.leadCreators.first {
            key += ascii(lead.family ?? lead.literal ?? lead.given ?? "", maxWords: 1)
        }
        if let year = reference.year { key += String(year) }
        let title = reference.title?.plain ?? reference.containerTitle?.plain ?? ""
        for word in title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let folded = ascii(String(word), maxWords: 1)
            if !folded.isEmpty, !stopWords.contains(folded) {
                key += folded
                break
            }
        }
        return key.isEmpty ? "ref" : key
    }

    /// The lower-case ASCII letters and digits of the first words of `text` (accents dropped: `Müller` -> `muller`).
    public static func ascii(_ text: String, maxWords: Int) -> String {
        var output = ""
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) {
                if !inWord {
                    words += 1
                    if words > maxWords { break }
                    inWord = true
                }
                output.unicodeScalars.append(folded)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                inWord = false
            }
        }
        return output
    }

    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39: return scalar
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)
        default:
            guard scalar.properties.isAlphabetic else { return nil }
            // The base letter of a precomposed Latin letter (ü -> u), through its canonical decomposition.
            let decomposed = String(scalar).decomposedLatinBase
            return decomposed
        }
    }
}

extension String {
    /// The ASCII base letter of a single Latin letter with diacritics, lower-cased (`Ü` -> `u`), or nil.
    fileprivate var decomposedLatinBase: Unicode.Scalar? {
        let table: [Character: Unicode.Scalar] = [
            "ß": "s", "ø": "o", "Ø": "o", "æ": "a", "Æ": "a", "œ": "o", "Œ": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
            "ð": "d", "þ": "t", "ı": "i",
        ]
        if let first = first, let mapped = table[first] { return mapped }
        for scalar in unicodeScalars.first.map({ String($0) })?.lowercased().unicodeScalars ?? "".unicodeScalars {
            if let base = Self.latinBases[scalar.value] { return base }
        }
        return nil
    }

    /// Lower-case Latin-1 and Latin Extended-A letters with diacritics and their base letters.
    private static let latinBases: [UInt32: Unicode.Scalar] = {
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöōŏőø", "o"), ("ŕŗř", "r"),
            ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        var table: [UInt32: Unicode.Scalar] = [:]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = base }
        }
        return table
    }()
}
