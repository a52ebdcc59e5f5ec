import BundledData
import CitationModel
import Tagging
import Testing

@Suite("The bundled framework and concept resolution")
struct ConceptResolverTests {
    static let isp: Framework = {
        let (framework, diagnostics) = FrameworkFile.read(SourceText(file: "isp.json", text: BundledFiles.text(at: "frameworks/isp.json") ?? ""))
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return framework!
    }()
    static let resolver = ConceptResolver(frameworks: [isp])

    @Test("the ISP framework has 6 principles and 15 competencies in 3 domains")
    func shape() {
        #expect(Self.isp.concepts.filter { $0.kind == .principle }.count == 6)
        let domains = Self.isp.concepts.filter { $0.kind == .domain }
        #expect(domains.map(\.name) == ["Co-creation and engagement", "Ongoing improvement", "Sustaining change"])
        #expect(domains.map { Self.isp.children(of: $0).count } == [5, 6, 4])
        #expect(Self.isp.concepts.allSatisfy { $0.summary != nil && !$0.aliases.isEmpty })
    }

    @Test("concepts resolve from id, code, name, alias or slug in any case and accents", arguments: [
        ("competency/co-design", "Co-design"), ("C4", "Co-design"), ("c4", "Co-design"), ("co-design", "Co-design"),
        ("Co Design", "Co-design"), ("co-designing", "Co-design"), ("power differentials", "Addressing power differentials"),
        ("C3", "Addressing power differentials"), ("isp:competency/brokering", "Brokering"), ("BROKERING", "Brokering"),
        ("Advance équity", "Advance equity"), ("Co-creation and engagement", "Co-creation and engagement"),
        ("sustaining change", "Sustaining change"),
    ])
    func resolves(_ text: String, _ name: String) {
        guard case .concept(let concept) = Self.resolver.resolve(text) else {
            Issue.record("'\(text)' did not resolve")
            return
        }
        #expect(concept.name == name)
    }

    @Test("a typo gets suggestions, the intended concept first", arguments: [
        ("brokring", "Brokering"), ("facilitaton", "Facilitation"), ("co-desing", "Co-design"), ("empathetic", "Be empathetic"),
    ])
    func suggestions(_ text: String, _ first: String) {
        guard case .unknown(let suggestions) = Self.resolver.resolve(text) else {
            if case .concept(let concept) = Self.resolver.resolve(text), concept.name == first { return }
            Issue.record("'\(text)' should not resolve exactly")
            return
        }
        #expect(suggestions.first?.hasPrefix(first) == true, "\(suggestions)")
    }

    @Test("nonsense gets no suggestions")
    func noSuggestions() {
        #expect(Self.resolver.resolve("zzzzqqq") == .unknown(suggestions: []))
    }

    @Test("a domain's scope includes its competencies")
    func domainScope() throws {
        guard case .concept(let domain) = Self.resolver.resolve("Co-creation and engagement") else {
            Issue.record("domain did not resolve")
            return
        }
        #expect(Self.resolver.scope(of: domain).map(\.code) == ["D1", "C1", "C2", "C3", "C4", "C5"])
    }

    @Test("concepts of different frameworks never collide")
    func twoFrameworks() {
        let other = Framework(id: "cfi", title: "Other", concepts: [
            Concept(frameworkID: "cfi", localID: "competency/brokering", kind: .competency, code: "C2", name: "Brokering", position: 0)
        ])
        let resolver = ConceptResolver(frameworks: [Self.isp, other])
        guard case .ambiguous(let both) = resolver.resolve("brokering") else {
            Issue.record("expected an ambiguity")
            return
        }
        #expect(Set(both.map(\.id)) == ["isp:competency/brokering", "cfi:competency/brokering"])
        if case .concept(let concept) = resolver.resolve("cfi:competency/brokering") {
            #expect(concept.frameworkID == "cfi")
        } else {
            Issue.record("qualified id did not resolve")
        }
    }

    @Test("a framework file with errors reports them with locations")
    func invalidFramework() {
        let text = """
            {"schema": "evidence-framework/1", "id": "x", "title": "X", "concepts": [
              {"id": "competency/a", "kind": "skill", "name": "A"},
              {"id": "competency/b", "kind": "competency", "name": "B", "parent": "domain/missing"}
            ]}
            """
        let (framework, diagnostics) = FrameworkFile.read(SourceText(file: "x.json", text: text))
        #expect(framework == nil)
        #expect(diagnostics.map(\.description) == [
            "x.json:2:3: error: [framework.concept-kind] concept 'competency/a' needs a 'kind' of principle, domain or competency (entry 'competency/a')",
            "x.json:3:3: error: [framework.unknown-parent] concept 'competency/b' names parent 'domain/missing', which is not in the file (entry 'competency/b')",
        ])
    }
}
