import CitationModel
import Tagging
import Testing

@Suite struct ConceptResolverNormalisationTests {
    @Test func asciiAndUnicodeSpellingsMeet() {
        #expect(ConceptResolver.normalise("Co-Design") == "codesign")
        #expect(ConceptResolver.normalise("isp:competency/co-design") == "isp:competency/codesign")
        #expect(ConceptResolver.normalise("Co‐désign") == "codesign")
        #expect(ConceptResolver.normalise("ＣＯ design") == "codesign")
        let resolver = ConceptResolver(frameworks: [TaggingFixtures.framework])
        #expect(resolver.resolve("advance equity") == .concept(TaggingFixtures.concept("principle/advance-equity")))
        #expect(resolver.resolve("PDSA") == .concept(TaggingFixtures.concept("competency/conducting-improvement-cycles")))
    }
}
