import CitationModel
import Tagging
import Testing

/// The bundled evidence base answers for every principle and competency (issue 6).
@Suite struct SeedCoverageTests {
    @Test func everyPrincipleAndCompetencyHasSeedEvidence() {
        let framework = TaggingFixtures.framework
        let resolver = ConceptResolver(frameworks: [framework])
        var linked: Set<String> = []
        for link in TaggingFixtures.seedLinks {
            guard case .concept(let concept) = resolver.resolve(link.concept) else {
                Issue.record("seed link names unknown concept '\(link.concept)'")
                continue
            }
            linked.insert(concept.id)
        }
        let principles = framework.concepts.filter { $0.kind == .principle }
        let competencies = framework.concepts.filter { $0.kind == .competency }
        #expect(principles.count == 6)
        #expect(competencies.count == 15)
        for concept in principles + competencies {
            #expect(linked.contains(concept.id), "no seed evidence for \(concept.name)")
        }
    }

    @Test func seedHasNoGapsInTheMap() {
        let tallies = TaggingFixtures.seedLinks.map { link -> LinkTally in
            let concept = ConceptResolver(frameworks: [TaggingFixtures.framework]).resolve(link.concept)
            guard case .concept(let resolved) = concept else { return LinkTally(conceptID: "?") }
            return LinkTally(conceptID: resolved.id, relation: link.relation, strength: link.strength, basis: link.basis)
        }
        let gaps = EvidenceGaps.find(frameworks: [TaggingFixtures.framework], tallies: tallies)
        #expect(gaps.isEmpty, "seed gaps: \(gaps.map(\.concept.name))")
    }
}
