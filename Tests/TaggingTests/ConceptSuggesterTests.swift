import CitationModel
import Tagging
import Testing

@Suite struct ConceptSuggesterTests {
    let suggester = ConceptSuggester(frameworks: [TaggingFixtures.framework])

    @Test func knowledgeBrokeringPaperGetsBrokeringFirst() {
        let suggestions = suggester.suggest(
            title: "Knowledge brokers in public health: a qualitative study of boundary spanning roles",
            abstract: "We interviewed knowledge brokers who link researchers and practitioners across organisational boundaries.",
            keywords: ["knowledge brokering", "boundary spanning"])
        #expect(suggestions.first?.concept.localID == "competency/brokering")
        let top = suggestions.first!
        #expect(top.matchedWords.contains { $0.hasPrefix("broker") })
        #expect(top.matchedPhrases.contains("knowledge brokering"))
        #expect(top.score > 4)
    }

    @Test func stemmingMatchesWordForms() {
        let suggestions = suggester.suggest(title: "Facilitating change: the facilitator's role", abstract: "", keywords: [])
        #expect(suggestions.first?.concept.localID == "competency/facilitation")
    }

    @Test func pdsaAndImprovementCyclesPointToImprovementCycles() {
        let suggestions = suggester.suggest(
            title: "Rapid-cycle improvement with plan-do-study-act in primary care", abstract: "", keywords: ["PDSA"])
        #expect(suggestions.first?.concept.localID == "competency/conducting-improvement-cycles")
    }

    @Test func unrelatedTextGetsNothing() {
        let suggestions = suggester.suggest(title: "Crystal structure of a bacterial enzyme", abstract: "X-ray diffraction at 2 Å.", keywords: [])
        #expect(suggestions.isEmpty)
    }

    @Test func resultsAreBestFirstAndLimited() {
        let suggestions = suggester.suggest(
            title: "Equity, empathy and curiosity in co-design and communication with implementation teams", abstract: "", keywords: [],
            limit: 3, minimumScore: 0)
        #expect(suggestions.count == 3)
        #expect(zip(suggestions, suggestions.dropFirst()).allSatisfy { $0.score >= $1.score })
    }
}
