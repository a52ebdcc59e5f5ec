import CitationModel
import Tagging
import Testing

@Suite struct EvidenceGapsTests {
    let framework = TaggingFixtures.small

    @Test func findsNoneOnlyWeakAndOnlyInferred() {
        let tallies = [
            LinkTally(conceptID: "t:principle/care", strength: .emerging, basis: .stated),
            LinkTally(conceptID: "t:competency/teams", strength: .strong, basis: .inferred, papers: 3),
        ]
        let gaps = EvidenceGaps.find(frameworks: [framework], tallies: tallies)
        let byCode = Dictionary(uniqueKeysWithValues: gaps.map { ($0.concept.code!, $0.reasons) })
        #expect(byCode["P1"] == [.onlyWeak])
        #expect(byCode["C1"] == [.onlyInferred])
        #expect(byCode["C2"] == [.noEvidence])
        // The domain is judged with its competencies: only inferred evidence there.
        #expect(byCode["D1"] == [.onlyInferred])
    }

    @Test func statedStrongEvidenceIsNoGap() {
        let tallies = [
            LinkTally(conceptID: "t:competency/trust", strength: .moderate, basis: nil),
            LinkTally(conceptID: "t:competency/trust", strength: .emerging, basis: .inferred),
        ]
        let gaps = EvidenceGaps.find(frameworks: [framework], tallies: tallies)
        #expect(!gaps.contains { $0.concept.code == "C2" })
        #expect(!gaps.contains { $0.concept.code == "D1" })
    }

    @Test func weakAndInferredTogetherGiveBothReasons() {
        let gaps = EvidenceGaps.find(frameworks: [framework], tallies: [LinkTally(conceptID: "t:competency/trust", strength: .emerging, basis: .inferred)])
        #expect(gaps.first { $0.concept.code == "C2" }?.reasons == [.onlyWeak, .onlyInferred])
    }
}
