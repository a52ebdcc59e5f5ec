/// The type of a work, in the CSL 1.0.2 type vocabulary (Appendix III "Types"), e.g. `article-journal`, `book`.
///
/// Importers map their own types onto these; a source type with no CSL equivalent becomes `document` and the
/// source's own type is kept in the reference's `extraFields`.
public struct ReferenceType: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let article: ReferenceType = "article"
    public static let articleJournal: ReferenceType = "article-journal"
    public static let articleMagazine: ReferenceType = "article-magazine"
    public static let articleNewspaper: ReferenceType = "article-newspaper"
    public static let book: ReferenceType = "book"
    public static let chapter: ReferenceType = "chapter"
    public static let dataset: ReferenceType = "dataset"
    public static let document: ReferenceType = "document"
    public static let entryEncyclopedia: ReferenceType = "entry-encyclopedia"
    public static let manuscript: ReferenceType = "manuscript"
    public static let paperConference: ReferenceType = "paper-conference"
    public static let patent: ReferenceType = "patent"
    public static let report: ReferenceType = "report"
    public static let software: ReferenceType = "software"
    public static let thesis: ReferenceType = "thesis"
    public static let webpage: ReferenceType = "webpage"

    /// Every type of the CSL 1.0.2 schema (csl-data.json).
    public static let cslTypes: Set<String> = [
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
        "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
        "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
        "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech", "standard",
        "thesis", "treaty", "webpage",
    ]

    /// Whether the value is a type of the CSL vocabulary.
    public var isCSLType: Bool { Self.cslTypes.contains(rawValue) }

    public var description: String { rawValue }
}
