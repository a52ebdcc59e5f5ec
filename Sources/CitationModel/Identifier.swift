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
        switch kind {
        case .doi:
            var doi = Substring(text)
            let lowered = text.lowercased()
            for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", "doi "] {
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
