import BundledData
import CitationModel
import Tagging

/// The bundled ISP framework and seed links, read the way the CLI reads them.
enum TaggingFixtures {
    static let framework: Framework = {
        let source = SourceText(file: "Data/frameworks/isp.json", text: BundledFiles.text(at: "frameworks/isp.json") ?? "")
        return FrameworkFile.read(source).framework!
    }()

    static let seedLinks: [EvidenceLink] = {
        let text = BundledFiles.text(at: "evidence/links.json") ?? ""
        var diagnostics: [Diagnostic] = []
        guard case .array(let nodes)? = (try? JSONParser.parse(text))?.kind else { return [] }
        return nodes.compactMap { EvidenceLink.fromJSON($0, reference: nil, file: "links.json", diagnostics: &diagnostics) }
    }()

    static func concept(_ localID: String) -> Concept { framework.concept(localID)! }

    /// A small hand-made framework: one principle, one domain with two competencies.
    static let small = Framework(
        id: "t", title: "Test framework",
        concepts: [
            Concept(frameworkID: "t", localID: "principle/care", kind: .principle, code: "P1", name: "Care", position: 0),
            Concept(frameworkID: "t", localID: "domain/change", kind: .domain, code: "D1", name: "Change", position: 1),
            Concept(frameworkID: "t", localID: "competency/teams", kind: .competency, code: "C1", name: "Teams", parent: "domain/change", position: 2),
            Concept(frameworkID: "t", localID: "competency/trust", kind: .competency, code: "C2", name: "Trust", parent: "domain/change", position: 3),
        ])
}
