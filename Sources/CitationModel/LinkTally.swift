/// A group of links that share a concept, study design, relation, strength and basis, with how many papers are in it
/// (a paper has at most one link per concept, so papers in different groups of one concept are different papers).
///
/// What the store counts its links into (`EvidenceStore.linkTallies`) and what `EvidenceMap` and `EvidenceGaps`
/// (Tagging) read; tests build them by hand. One link is a tally of one paper.
public struct LinkTally: Sendable, Hashable {
    /// The qualified concept id, `isp:competency/co-design`.
    public var conceptID: String
    public var design: StudyDesign?
    public var relation: EvidenceRelation
    public var strength: EvidenceStrength
    public var basis: EvidenceBasis?
    public var papers: Int

    public init(
        conceptID: String, design: StudyDesign? = nil, relation: EvidenceRelation = .supports, strength: EvidenceStrength = .moderate,
        basis: EvidenceBasis? = nil, papers: Int = 1
    ) {
        self.conceptID = conceptID
        self.design = design
        self.relation = relation
        self.strength = strength
        self.basis = basis
        self.papers = papers
    }
}
