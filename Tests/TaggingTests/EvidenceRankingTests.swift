import CitationModel
import Tagging
import Testing

@Suite struct EvidenceRankingTests {
    func paper(_ key: String, year: Int?, design: StudyDesign?) -> Reference {
        var reference = Reference(citationKey: key, type: .articleJournal)
        if let year { reference.issued = PartialDate(year: year) }
        reference.studyDesign = design
        return reference
    }

    @Test func strengthThenStatedThenRelationThenDesignThenRecency() {
        let link = { (strength: EvidenceStrength, basis: EvidenceBasis?, relation: EvidenceRelation) in
            EvidenceLink(reference: "x", concept: "c", relation: relation, strength: strength, basis: basis)
        }
        let entries: [(link: EvidenceLink, reference: Reference)] = [
            (link(.moderate, .stated, .supports), paper("g", year: 2024, design: .trial)),
            (link(.strong, .inferred, .defines), paper("f", year: 2024, design: .trial)),
            (link(.strong, .stated, .supports), paper("e", year: 2024, design: .trial)),
            (link(.strong, .stated, .defines), paper("d", year: 2010, design: .survey)),
            (link(.strong, .stated, .defines), paper("c", year: 2010, design: .systematicReview)),
            (link(.strong, .stated, .defines), paper("b", year: 2020, design: .systematicReview)),
            (link(.strong, nil, .defines), paper("a", year: 2020, design: .systematicReview)),
        ]
        let ranked = entries.shuffled().sorted(by: EvidenceRanking.precedes).map(\.reference.citationKey)
        #expect(ranked == ["a", "b", "c", "d", "e", "f", "g"])
    }
}
