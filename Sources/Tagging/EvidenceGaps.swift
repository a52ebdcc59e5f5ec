import CitationModel

/// Finds the concepts whose evidence is missing or thin: no papers, only weak (emerging) links, or only links a
/// curator inferred rather than the paper stating them.
///
/// A domain is judged with its competencies (like `evidence for`); a link with no recorded basis counts as stated.
public enum EvidenceGaps {
    /// Why a concept is a gap.
    public enum Reason: String, Sendable, CaseIterable {
        /// No paper is linked.
        case noEvidence = "no-evidence"
        /// Every link is `emerging`.
        case onlyWeak = "only-weak"
        /// Every link is `inferred`.
        case onlyInferred = "only-inferred"

        public var meaning: String {
            switch self {
            case .noEvidence: "no evidence"
            case .onlyWeak: "only weak (emerging) evidence"
            case .onlyInferred: "only inferred evidence"
            }
        }
    }

    /// One concept with thin evidence.
    public struct Gap: Sendable {
        public var concept: Concept
        public var reasons: [Reason]
        /// Links in scope (a paper linked to a domain and one of its competencies counts twice).
        public var links: Int
        /// The strongest strength among them.
        public var strongest: EvidenceStrength?
    }

    /// The gaps among the concepts of `frameworks`, in framework order.
    public static func find(frameworks: [Framework], tallies: [LinkTally]) -> [Gap] {
        var byConcept: [String: [LinkTally]] = [:]
        for tally in tallies where tally.papers > 0 { byConcept[tally.conceptID, default: []].append(tally) }
        var gaps: [Gap] = []
        for framework in frameworks {
            for concept in framework.concepts {
                let scope = [concept] + (concept.kind == .domain ? framework.children(of: concept) : [])
                let inScope = scope.flatMap { byConcept[$0.id] ?? [] }
                let links = inScope.reduce(0) { $0 + $1.papers }
                let strongest = inScope.map(\.strength).max()
                var reasons: [Reason] = []
                if links == 0 {
                    reasons.append(.noEvidence)
                } else {
                    if strongest == .emerging { reasons.append(.onlyWeak) }
                    if inScope.allSatisfy({ $0.basis == .inferred }) { reasons.append(.onlyInferred) }
                }
                if !reasons.isEmpty { gaps.append(Gap(concept: concept, reasons: reasons, links: links, strongest: strongest)) }
            }
        }
        return gaps
    }
}
