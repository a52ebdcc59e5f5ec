import Foundation

/// Folds text to the lower-case ASCII letters and digits that citation keys are made of (`Müller` -> `muller`,
/// `Großmann` -> `grossmann`, `Łódź` -> `lodz`), the same way for every format that makes keys: the BibTeX importer
/// and exporter (`CitationKeyGenerator`), the RIS and MEDLINE importers and the JATS importer.
///
/// `A`-`Z` are lower-cased and `a`-`z` and `0`-`9` kept; a Latin-1 Supplement or Latin Extended-A letter
/// (U+00C0-U+017F) becomes its base letters by a table (`é` -> `e`, `ß` -> `ss`, `æ` -> `ae`, `œ` -> `oe`, `þ` ->
/// `th`, `ł` -> `l`); a letter of Latin Extended-B or Latin Extended Additional (U+0180-U+024F, U+1E00-U+1EFF:
/// `ș`, `ạ`) loses its diacritics through Foundation. Anything else (punctuation, `×`, other scripts) gives nothing.
public enum ASCIIFolding {
    /// Appends what `scalar` folds to and returns how many bytes that was (0 when it folds to nothing).
    @discardableResult
    public static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) -> Int {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x61...0x7A, 0x30...0x39:
                bytes.append(UInt8(value))
                return 1
            case 0x41...0x5A:
                bytes.append(UInt8(value + 0x20))
                return 1
            default:
                return 0
            }
        }
        if (0xC0..<0x180).contains(value) {
            let folded = latinFolds[Int(value - 0xC0)].utf8
            bytes.append(contentsOf: folded)
            return folded.count
        }
        guard (0x180..<0x250).contains(value) || (0x1E00..<0x1F00).contains(value), scalar.properties.isAlphabetic else { return 0 }
        var count = 0
        let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        for piece in folded.unicodeScalars where piece.isASCII && piece.properties.isAlphabetic {
            let byte = UInt8(piece.value)
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            count += 1
        }
        return count
    }

    /// The folded form of `text`: every scalar folded, in order.
    public static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The ASCII letters of U+00C0-U+017F (Latin-1 Supplement and Latin Extended-A), lower-case; empty for `×`
    /// and `÷`.
    private static let latinFolds: [String] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    ]
}
