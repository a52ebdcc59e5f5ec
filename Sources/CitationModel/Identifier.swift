/// The kinds of identifier the store uses for identity and lookup, in the order identity is decided.
public enum IdentifierKind: String, Hashable, Sendable, Codable, CaseIterable {
    case doi, pmid, pmcid, isbn, issn, arxiv, other

    /// The CSL-JSON variable that carries this kind, where CSL has one.
    public var cslVariable: String? {
        switch self {
        case .doi: "DOI"
        case .pmid: "PMID"
        case .pmcid: "PMCID"
        case .isbn: "ISBN"
        case .issn: "ISSN"
        case .arxiv, .other: nil
        }
    }

    /// Whether two records that share this identifier are the same work (an ISSN names a journal, not a paper).
    public var identifiesWork: Bool {
        switch self {
        case .doi, .pmid, .pmcid, .isbn, .arxiv: true
        case .issn, .other: false
        }
    }
}

/// A persistent identifier of a work, kept both as given (`raw`) and normalised (`value`) for matching.
///
/// Normalisation: a DOI loses any resolver prefix (`https://doi.org/`, `doi:`) and is lower-cased (DOIs are
/// case-insensitive, DOI Handbook 2.4); a PMID keeps its digits; a PMCID is `PMC` and digits; an ISBN keeps its
/// digits and `X`; an ISSN is `NNNN-NNNN`; an arXiv id loses an `arXiv:` prefix.
public struct Identifier: Hashable, Sendable, Codable {
    public var kind: IdentifierKind
    /// The normalised value used for identity.
    public var value: String
    /// The text the source gave.
    public var raw: String

    public init(kind: IdentifierKind, value: String, raw: String) {
        self.kind = kind
        self.value = value
        self.raw = raw
    }

    /// Normalises `raw`; returns nil when nothing usable is left (an empty or malformed value).
    public init?(_ kind: IdentifierKind, _ raw: String) {
        let trimmed = raw.trimmingCharacters(in: " \t\n\r")
        guard let value = Identifier.normalise(kind, trimmed), !value.isEmpty else { return nil }
        self.init(kind: kind, value: value, raw: trimmed)
    }

    /// The normalised form of `text` for `kind`, or nil when it is not of that shape.
    public static func normalise(_ kind: IdentifierKind, _ text: String) -> String? {
        if let normalised = asciiNormalise(kind, text) { return normalised }
        switch kind {
        case .doi:
            var doi = Substring(text)
            let lowered = text.lowercased()
            for prefix in doiPrefixes {
                if lowered.hasPrefix(prefix) {
                    doi = doi.dropFirst(prefix.count)
                    break
                }
            }
            let value = doi.trimmingPrefixWhitespace().lowercased()
            return value.hasPrefix("10.") && value.utf8.contains(0x2F) ? value : nil
        case .pmid:
            let digits = text.lowercased().replacingPrefix("pmid:", with: "").trimmingCharacters(in: " ")
            return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) ? digits : nil
        case .pmcid:
            let upper = text.uppercased().trimmingCharacters(in: " ")
            let digits = upper.hasPrefix("PMC") ? String(upper.dropFirst(3)) : upper
            return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) ? "PMC" + digits : nil
        case .isbn:
            let kept = text.uppercased().filter { $0.isASCIIDigit || $0 == "X" }
            return kept.count == 10 || kept.count == 13 ? kept : nil
        case .issn:
            let kept = text.uppercased().filter { $0.isASCIIDigit || $0 == "X" }
            return kept.count == 8 ? String(kept.prefix(4)) + "-" + String(kept.suffix(4)) : nil
        case .arxiv:
            let value = text.lowercased().replacingPrefix("arxiv:", with: "").trimmingCharacters(in: " ")
            return value.isEmpty ? nil : value
        case .other:
            return text
        }
    }
}

extension Identifier {
    /// The resolver prefixes a DOI may carry, lower-case, in the order they are tried.
    private static let doiPrefixes = [
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", "doi ",
    ]
    /// `doiPrefixes` as bytes, for `asciiNormalise`.
    private static let doiPrefixBytes = doiPrefixes.map { Array($0.utf8) }

    /// `normalise` for ASCII text of the common kinds, byte by byte: `.some` of its result, or nil when the text is
    /// not ASCII or the kind is another, and the general reading decides. (In ASCII a character is one byte, except
    /// CR LF, which is neither a digit, an `X` nor part of a prefix, so the results are the same.)
    private static func asciiNormalise(_ kind: IdentifierKind, _ text: String) -> String?? {
        switch kind {
        case .doi, .pmid, .isbn, .issn: break
        case .pmcid, .arxiv, .other: return nil
        }
        return text.withUTF8Bytes { bytes -> String?? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            switch kind {
            case .doi:
                var start = 0
                for prefix in doiPrefixBytes where hasLowerCasedPrefix(bytes, prefix) {
                    start = prefix.count
                    break
                }
                while start < bytes.count, bytes[start] == 0x20 { start += 1 }
                let value = UnsafeBufferPointer(rebasing: bytes[start...])
                guard value.count >= 3, value[0] == 0x31, value[1] == 0x30, value[2] == 0x2E, value.contains(0x2F) else { return .some(nil) }
                return lowerCased(value)
            case .pmid:
                var start = hasLowerCasedPrefix(bytes, Array("pmid:".utf8)) ? 5 : 0
                var end = bytes.count
                while start < end, bytes[start] == 0x20 { start += 1 }
                while end > start, bytes[end - 1] == 0x20 { end -= 1 }
                let digits = UnsafeBufferPointer(rebasing: bytes[start..<end])
                guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .some(nil) }
                return String(decoding: digits, as: UTF8.self)
            default:
                // ISBN and ISSN: the digits and `X` (either case), then the length decides.
                var kept: [UInt8] = []
                kept.reserveCapacity(14)
                for byte in bytes where (byte >= 0x30 && byte <= 0x39) || byte | 0x20 == 0x78 {
                    kept.append(byte >= 0x30 && byte <= 0x39 ? byte : 0x58)
                }
                if kind == .isbn { return .some(kept.count == 10 || kept.count == 13 ? String(decoding: kept, as: UTF8.self) : nil) }
                guard kept.count == 8 else { return .some(nil) }
                kept.insert(0x2D, at: 4)
                return String(decoding: kept, as: UTF8.self)
            }
        }
    }

    /// Whether ASCII `bytes` start with `prefix` (lower-case) in any case.
    private static func hasLowerCasedPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for index in prefix.indices where lowerCased(bytes[index]) != prefix[index] { return false }
        return true
    }

    private static func lowerCased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    private static func lowerCased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            for index in bytes.indices { output[index] = lowerCased(bytes[index]) }
            return bytes.count
        }
    }
}

extension Character {
    /// Whether this is one of `0`-`9` (by its ASCII value: `isNumber` looks the character's properties up).
    public var isASCIIDigit: Bool { asciiValue.map { (0x30...0x39).contains($0) } ?? false }
}

extension StringProtocol {
    fileprivate func trimmingPrefixWhitespace() -> SubSequence { drop { $0 == " " } }

    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : String(self)
    }
}
