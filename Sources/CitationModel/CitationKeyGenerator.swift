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
        if let lead = reference.leadCreator {
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

    /// The lower-case ASCII letters and digits of the first words of `text` (`ASCIIFolding`: `Müller` -> `muller`).
    /// A scalar that folds to nothing ends a word, except a combining mark (`u` + U+0308 is one letter).
    public static func ascii(_ text: String, maxWords: Int) -> String {
        var output: [UInt8] = []
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let folded = ASCIIFolding.append(scalar, to: &output)
            if folded > 0 {
                if !inWord {
                    words += 1
                    if words > maxWords {
                        output.removeLast(folded)
                        break
                    }
                    inWord = true
                }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                inWord = false
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
