import CitationModel

/// The order in which evidence is shown: strongest first.
///
/// Strength (strong, moderate, emerging), then stated before inferred, then relation (defines, measures, supports,
/// challenges, describes), then study design, then the more recent paper, then the citation key for stability.
public enum EvidenceRanking {
    /// Whether `a` ranks before `b`.
    public static func precedes(
        _ a: (link: EvidenceLink, reference: Reference), _ b: (link: EvidenceLink, reference: Reference)
    ) -> Bool {
        if a.link.strength != b.link.strength { return a.link.strength > b.link.strength }
        let aStated = a.link.basis == .inferred ? 0 : 1
        let bStated = b.link.basis == .inferred ? 0 : 1
        if aStated != bStated { return aStated > bStated }
        if a.link.relation.rank != b.link.relation.rank { return a.link.relation.rank < b.link.relation.rank }
        let aDesign = a.reference.studyDesign?.rank ?? 0
        let bDesign = b.reference.studyDesign?.rank ?? 0
        if aDesign != bDesign { return aDesign > bDesign }
        let aYear = a.reference.year ?? Int.min
        let bYear = b.reference.year ?? Int.min
        if aYear != bYear { return aYear > bYear }
        return a.reference.citationKey < b.reference.citationKey
    }
}
