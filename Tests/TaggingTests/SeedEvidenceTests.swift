import BundledData
import CitationModel
import Tagging
import Testing

@Suite("The bundled seed evidence base")
struct SeedEvidenceTests {
    static func links() throws -> [EvidenceLink] {
        let text = try #require(BundledFiles.text(at: "evidence/links.json"))
        guard case .array(let nodes) = try JSONParser.parse(text).kind else { return [] }
        var diagnostics: [Diagnostic] = []
        let links = nodes.compactMap { EvidenceLink.fromJSON($0, reference: nil, file: "links.json", diagnostics: &diagnostics) }
        #expect(diagnostics.isEmpty)
        return links
    }

    @Test("every principle and competency has evidence, and every link names a real paper and concept")
    func coverage() throws {
        let links = try Self.links()
        let text = try #require(BundledFiles.text(at: "evidence/key-publications.json"))
        guard case .array(let items) = try JSONParser.parse(text).kind else {
            Issue.record("key publications are not an array")
            return
        }
        let keys = Set(items.compactMap { $0["id"]?.value.stringValue })
        #expect(keys.count == 10)
        let resolver = ConceptResolverTests.resolver
        var covered: Set<String> = []
        for link in links {
            #expect(keys.contains(link.reference), "\(link.reference)")
            guard case .concept(let concept) = resolver.resolve(link.concept) else {
                Issue.record("unknown concept \(link.concept)")
                continue
            }
            covered.insert(concept.id)
        }
        for concept in ConceptResolverTests.isp.concepts where concept.kind != .domain {
            #expect(covered.contains(concept.id), "\(concept.name) has no evidence")
        }
    }

    @Test("every rationale says whether the paper states the link or a curator infers it")
    func honestRationales() throws {
        for link in try Self.links() {
            let rationale = link.rationale ?? ""
            switch link.basis {
            case .stated: #expect(rationale.hasPrefix("The paper states"), "\(link.reference) \(link.concept)")
            case .inferred: #expect(rationale.hasPrefix("Curator inference"), "\(link.reference) \(link.concept)")
            case nil: Issue.record("\(link.reference) \(link.concept) has no basis")
            }
            #expect(link.locator == nil && link.quote == nil, "no invented locators or quotes")
        }
    }
}
