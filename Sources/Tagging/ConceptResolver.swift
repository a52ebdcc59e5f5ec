import CitationModel
import Foundation

/// Finds the concept a user means from an id, code, name, alias or slug, ignoring case, accents, hyphens and
/// spacing; offers "did you mean" suggestions when nothing matches.
public struct ConceptResolver: Sendable {
    /// What a piece of text resolved to.
    public enum Resolution: Sendable, Equatable {
        case concept(Concept)
        /// Several concepts (of different frameworks) match equally well.
        case ambiguous([Concept])
        /// Nothing matched; the closest names, best first.
        case unknown(suggestions: [String])
    }

    public let frameworks: [Framework]
    private let index: [String: [Concept]]
    private let candidates: [(key: String, label: String, concept: Concept)]

    public init(frameworks: [Framework]) {
        self.frameworks = frameworks
        var index: [String: [Concept]] = [:]
        var candidates: [(String, String, Concept)] = []
        for framework in frameworks {
            for concept in framework.concepts {
                var names = [concept.id, concept.localID, concept.slug, concept.name] + concept.aliases
                if let code = concept.code {
                    names.append(code)
                    names.append(framework.id + ":" + code)
                }
                for name in names {
                    let key = Self.normalise(name)
                    guard !key.isEmpty else { continue }
                    if !(index[key]?.contains(concept) ?? false) { index[key, default: []].append(concept) }
                }
                for label in [concept.name, concept.slug] + concept.aliases {
                    candidates.append((Self.normalise(label), label, concept))
                }
            }
        }
        self.index = index
        self.candidates = candidates
    }

    /// All concepts of all frameworks.
    public var concepts: [Concept] { frameworks.flatMap(\.concepts) }

    /// Resolves `text` to one concept.
    public func resolve(_ text: String) -> Resolution {
        let key = Self.normalise(text)
        if let matches = index[key] {
            return matches.count == 1 ? .concept(matches[0]) : .ambiguous(matches)
        }
        // A unique name that starts with what was typed ("co-creation" for the domain).
        let prefixed = Set(candidates.filter { key.count >= 4 && $0.key.hasPrefix(key) }.map(\.concept))
        if prefixed.count == 1, let only = prefixed.first { return .concept(only) }
        return .unknown(suggestions: suggestions(for: key))
    }

    /// The closest concept names to a normalised key, by edit distance relative to length, at most three.
    private func suggestions(for key: String) -> [String] {
        var best: [Concept: (distance: Double, label: String)] = [:]
        for candidate in candidates {
            let distance = Double(EditDistance.between(key, candidate.key)) / Double(max(key.count, candidate.key.count, 1))
            let containment = candidate.key.contains(key) || (key.count >= 5 && key.contains(candidate.key)) ? 0.3 : 1.0
            let score = min(distance, containment)
            if score <= 0.45, score < (best[candidate.concept]?.distance ?? .infinity) {
                best[candidate.concept] = (score, candidate.concept.name)
            }
        }
        return best.sorted { $0.value.distance < $1.value.distance || ($0.value.distance == $1.value.distance && $0.key.position < $1.key.position) }
            .prefix(3).map { entry in
                let code = entry.key.code.map { " (\($0))" } ?? ""
                return entry.value.label + code
            }
    }

    /// The concepts whose evidence answers a query for `concept`: a domain includes its competencies.
    public func scope(of concept: Concept) -> [Concept] {
        guard let framework = frameworks.first(where: { $0.id == concept.frameworkID }) else { return [concept] }
        return [concept] + framework.children(of: concept)
    }

    /// Lower-cases, strips accents, and keeps only letters, digits, `/` and `:`, so "Co-Design", "co design" and
    /// "codesign" meet.
    public static func normalise(_ text: String) -> String {
        // ASCII (nearly every name, alias and query) needs no Unicode folding, which is slow to start.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: ":"): bytes.append(byte)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "/" || $0 == ":" }.map(Character.init))
    }
}
