/// The design of the study a paper reports, used to weigh and filter evidence.
///
/// Set by a curator, or inferred where the source says it (JATS `article-type`, PubMed `PT`).
public enum StudyDesign: String, Hashable, Sendable, Codable, CaseIterable {
    case systematicReview = "systematic-review"
    case trial
    case quasiExperimental = "quasi-experimental"
    case cohort
    case survey
    case qualitative
    case mixedMethods = "mixed-methods"
    case caseStudy = "case-study"
    case measurement
    case conceptual
    case guidance
    case other

    /// How much weight the design usually carries when evidence is ranked (higher first).
    public var rank: Int {
        switch self {
        case .systematicReview: 9
        case .trial: 8
        case .quasiExperimental: 7
        case .cohort: 6
        case .measurement: 6
        case .mixedMethods: 5
        case .survey: 5
        case .qualitative: 4
        case .caseStudy: 3
        case .guidance: 3
        case .conceptual: 2
        case .other: 1
        }
    }

    /// A label for tables: "systematic review".
    public var label: String { String(rawValue.map { $0 == "-" ? " " : $0 }) }
}
