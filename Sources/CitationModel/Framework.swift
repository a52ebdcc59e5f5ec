/// A practice framework: a named set of concepts (principles, domains, competencies) that evidence is linked to.
public struct Framework: Hashable, Sendable {
    /// A short stable id, e.g. `isp`; concept ids are unique within a framework.
    public var id: String
    public var title: String
    public var version: String?
    public var publisher: String?
    public var summary: String?
    /// Citation keys of the publications that define the framework, with their role (`profile`, `practice-guide`).
    public var sources: [Source]
    /// Concepts in the framework's own order.
    public var concepts: [Concept]

    /// A publication a framework rests on.
    public struct Source: Hashable, Sendable {
        public var reference: String
        public var role: String?
        public init(reference: String, role: String?) {
            self.reference = reference
            self.role = role
        }
    }

    public init(
        id: String, title: String, version: String? = nil, publisher: String? = nil, summary: String? = nil,
        sources: [Source] = [], concepts: [Concept] = []
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.publisher = publisher
        self.summary = summary
        self.sources = sources
        self.concepts = concepts
    }

    /// The concept with a framework-local id.
    public func concept(_ localID: String) -> Concept? { concepts.first { $0.localID == localID } }

    /// The competencies (or other children) of a concept, in order.
    public func children(of concept: Concept) -> [Concept] { concepts.filter { $0.parent == concept.localID } }
}

/// The kinds of concept a framework holds.
public enum ConceptKind: String, Hashable, Sendable, CaseIterable, Comparable {
    case principle, domain, competency

    private var order: Int {
        switch self {
        case .principle: 0
        case .domain: 1
        case .competency: 2
        }
    }

    public static func < (lhs: ConceptKind, rhs: ConceptKind) -> Bool { lhs.order < rhs.order }
}

/// A principle, domain or competency of a framework.
///
/// `localID` is unique within its framework (`competency/co-design`); `id` qualifies it with the framework
/// (`isp:competency/co-design`) so that concepts of different frameworks never collide.
public struct Concept: Hashable, Sendable {
    public var frameworkID: String
    public var localID: String
    public var kind: ConceptKind
    /// A short code, e.g. `C4`.
    public var code: String?
    public var name: String
    /// The local id of the parent concept (a competency's domain).
    public var parent: String?
    public var aliases: [String]
    public var summary: String?
    /// Position in the framework's order.
    public var position: Int

    public init(
        frameworkID: String, localID: String, kind: ConceptKind, code: String? = nil, name: String, parent: String? = nil,
        aliases: [String] = [], summary: String? = nil, position: Int = 0
    ) {
        self.frameworkID = frameworkID
        self.localID = localID
        self.kind = kind
        self.code = code
        self.name = name
        self.parent = parent
        self.aliases = aliases
        self.summary = summary
        self.position = position
    }

    /// The framework-qualified id, `isp:competency/co-design`.
    public var id: String { frameworkID + ":" + localID }

    /// The part of the local id after the kind, `co-design`.
    public var slug: String {
        guard let slash = localID.lastIndex(of: "/") else { return localID }
        return String(localID[localID.index(after: slash)...])
    }
}
