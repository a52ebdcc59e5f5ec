/// How a paper bears on a concept. The vocabulary is small on purpose, so that links stay comparable.
public enum EvidenceRelation: String, Hashable, Sendable, CaseIterable, Codable {
    /// The paper is a source that defines the concept (the framework's own publications).
    case defines
    /// The paper builds an instrument that measures the concept.
    case measures
    /// The paper's findings support the concept's importance or describe its effect.
    case supports
    /// The paper describes or illustrates the concept without testing it.
    case describes
    /// The paper's findings question or qualify the concept.
    case challenges

    /// One line for help texts.
    public var meaning: String {
        switch self {
        case .defines: "a source that defines the concept"
        case .measures: "builds or validates a measure of the concept"
        case .supports: "findings support the concept"
        case .describes: "describes or illustrates the concept without testing it"
        case .challenges: "findings question or qualify the concept"
        }
    }

    /// Order when evidence is ranked (lower first).
    public var rank: Int {
        switch self {
        case .defines: 0
        case .measures: 1
        case .supports: 2
        case .challenges: 3
        case .describes: 4
        }
    }
}

/// How directly a paper addresses a concept.
public enum EvidenceStrength: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    /// The paper's own definition, data or measure addresses the concept directly.
    case strong
    /// The paper addresses the concept as part of a broader finding.
    case moderate
    /// The link is indirect, theoretical or inferred.
    case emerging

    public var meaning: String {
        switch self {
        case .strong: "the paper's own definition, data or measure addresses the concept directly"
        case .moderate: "the paper addresses the concept as part of a broader finding"
        case .emerging: "the link is indirect, theoretical or inferred"
        }
    }

    /// Higher is stronger.
    public var weight: Int {
        switch self {
        case .strong: 3
        case .moderate: 2
        case .emerging: 1
        }
    }

    public static func < (lhs: EvidenceStrength, rhs: EvidenceStrength) -> Bool { lhs.weight < rhs.weight }
}

/// Whether the paper itself states a link or a curator infers it.
public enum EvidenceBasis: String, Hashable, Sendable, CaseIterable, Codable {
    case stated, inferred
}

/// Whether a curator has confirmed a link or it was only suggested (by `evidence suggest`).
public enum LinkStatus: String, Hashable, Sendable, CaseIterable, Codable {
    case confirmed, suggested
}

/// A link between a reference and a concept, with what a practitioner needs to trust and check it.
public struct EvidenceLink: Hashable, Sendable {
    /// The reference's citation key.
    public var reference: String
    /// The concept, as the user or file named it (resolved by Tagging to a qualified id before storing).
    public var concept: String
    public var relation: EvidenceRelation
    public var strength: EvidenceStrength
    public var basis: EvidenceBasis?
    /// Where in the paper: a page or section.
    public var locator: String?
    public var quote: String?
    public var rationale: String?
    public var curator: String?
    public var status: LinkStatus
    /// ISO 8601 times, set by the store.
    public var created: String?
    public var updated: String?

    public init(
        reference: String, concept: String, relation: EvidenceRelation = .supports, strength: EvidenceStrength = .moderate,
        basis: EvidenceBasis? = nil, locator: String? = nil, quote: String? = nil, rationale: String? = nil,
        curator: String? = nil, status: LinkStatus = .confirmed, created: String? = nil, updated: String? = nil
    ) {
        self.reference = reference
        self.concept = concept
        self.relation = relation
        self.strength = strength
        self.basis = basis
        self.locator = locator
        self.quote = quote
        self.rationale = rationale
        self.curator = curator
        self.status = status
        self.created = created
        self.updated = updated
    }
}
