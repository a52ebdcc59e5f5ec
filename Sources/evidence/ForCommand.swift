import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters
import Foundation
import Tagging

/// `evidence for CONCEPT`: the papers linked to a principle, domain or competency, strongest first.
struct ForCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "for",
        abstract: "Show the evidence for a principle, domain or competency, strongest first.",
        discussion: """
            CONCEPT is an id (competency/co-design), a code (C4), a name ("Co-design"), an alias ("co-designing", "power differentials") or a slug, in any case and with or without accents. A domain includes the evidence for its competencies.

            Examples:
              evidence for co-design
              evidence for C3
              evidence for "Co-creation and engagement"
              evidence for "power differentials" --json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The principle, domain or competency.")
    var concept: [String]

    @Flag(help: "Write CSL-JSON items with their links under \"evidence\".")
    var json = false

    @Flag(help: "Include works known only from reference lists.")
    var includeCited = false

    func run() throws {
        let store = try storeOptions.open()
        let resolver = try storeOptions.resolver(store)
        let conceptText = concept.joined(separator: " ")
        let target = try resolver.require(conceptText)
        let scope = resolver.scope(of: target)
        let rows = try store.evidence(forConcepts: scope.map(\.id), includeCited: includeCited)
        let papers = EvidenceAnswer.group(rows)
        if json {
            let items = papers.map { paper in
                CSLJSONExporter.item(ExportItem(reference: paper.reference, evidence: paper.links), evidenceKey: .topLevel)
            }
            Output.write(JSONValue.array(items.map(JSONValue.object)).serialized(pretty: true) + "\n")
            return
        }
        EvidenceAnswer.print(concept: target, scope: scope, papers: papers, resolver: resolver)
    }
}

/// The evidence for a concept, one entry a paper, ranked.
enum EvidenceAnswer {
    struct Paper {
        var reference: Reference
        /// The paper's links to the concepts in scope, strongest first.
        var links: [EvidenceLink]
    }

    /// Groups link rows by paper and ranks papers by their strongest link.
    static func group(_ rows: [EvidenceStore.EvidenceRow]) -> [Paper] {
        var byReference: [Int64: Paper] = [:]
        var order: [Int64] = []
        for row in rows {
            if byReference[row.stored.id] == nil {
                byReference[row.stored.id] = Paper(reference: row.stored.reference, links: [])
                order.append(row.stored.id)
            }
            byReference[row.stored.id]!.links.append(row.link)
        }
        var papers = order.map { byReference[$0]! }
        for index in papers.indices {
            let reference = papers[index].reference
            papers[index].links.sort { EvidenceRanking.precedes(($0, reference), ($1, reference)) }
        }
        papers.sort { EvidenceRanking.precedes(($0.links[0], $0.reference), ($1.links[0], $1.reference)) }
        return papers
    }

    static func print(concept: Concept, scope: [Concept], papers: [Paper], resolver: ConceptResolver) {
        let framework = resolver.frameworks.first { $0.id == concept.frameworkID }
        var heading = concept.name
        if let code = concept.code { heading += " (\(code))" }
        var context = concept.kind.rawValue
        if let parent = concept.parent, let domain = framework?.concept(parent) { context += " in \(domain.name)" }
        if let framework { context += ", \(framework.title)" }
        Output.line(heading + " — " + context)
        if let summary = concept.summary { Output.line(Output.wrap(summary, indent: "  ", firstIndent: "  ")) }
        if scope.count > 1 {
            Output.line(Output.wrap("Includes: " + scope.dropFirst().map(\.name).joined(separator: "; "), indent: "  ", firstIndent: "  "))
        }
        Output.line()
        guard !papers.isEmpty else {
            Output.line("No evidence is linked to this \(concept.kind.rawValue) yet. Link a paper with 'evidence tag REF \(concept.code ?? concept.slug)'.")
            return
        }
        Output.line("\(papers.count) paper\(papers.count == 1 ? "" : "s"), strongest first:")
        let names = Dictionary(scope.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for (number, paper) in papers.enumerated() {
            Output.line()
            let marker = String(number + 1).leftPadded(to: 3) + ". "
            Output.line(Output.wrap(CitationFormatter.citation(paper.reference), indent: "     ", firstIndent: marker))
            for link in paper.links {
                var facts = [link.relation.rawValue, link.strength.rawValue]
                if let basis = link.basis { facts.append(basis.rawValue) }
                if let design = paper.reference.studyDesign { facts.append(design.label) }
                if link.status == .suggested { facts.append("suggested, not confirmed") }
                var line = facts.joined(separator: " · ")
                if scope.count > 1, let name = names[link.concept] { line = name + ": " + line }
                Output.line(Output.wrap(line, indent: "       ", firstIndent: "     "))
                if let locator = link.locator { Output.line(Output.wrap("at " + locator, indent: "       ", firstIndent: "     ")) }
                if let quote = link.quote { Output.line(Output.wrap("“" + quote + "”", indent: "       ", firstIndent: "     ")) }
                if let rationale = link.rationale { Output.line(Output.wrap(rationale, indent: "       ", firstIndent: "     ")) }
            }
        }
    }
}

extension String {
    /// Pads on the left with spaces to `width`.
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
