import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters
import Foundation
import Tagging

/// `evidence tags REF`: a paper's evidence links.
struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags",
        abstract: "List the principles, domains and competencies a paper is linked to.",
        discussion: """
            Examples:
              evidence tags metz2021implementation
              evidence tags 10.1186/s43058-021-00186-x --json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The paper: a citation key, DOI, PMID or id.")
    var reference: String

    @Flag(help: "Write the links as a JSON array.")
    var json = false

    func run() throws {
        let store = try storeOptions.openForReading()
        let stored = try store.require(reference)
        let resolver = try storeOptions.resolver(store)
        let byID = Dictionary(resolver.concepts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let links = try store.links(ofReference: stored.id).sorted { ($0.link.status == .suggested ? 1 : 0, byID[$0.conceptID]?.position ?? 0) < ($1.link.status == .suggested ? 1 : 0, byID[$1.conceptID]?.position ?? 0) }
        if json {
            Output.write(JSONValue.array(links.map { .object($0.link.json()) }).serialized(pretty: true) + "\n")
            return
        }
        Output.line(Output.wrap(CitationFormatter.citation(stored.reference)))
        if let design = stored.reference.studyDesign { Output.line("Study design: \(design.label)") }
        Output.line()
        guard !links.isEmpty else {
            Output.line("No evidence links yet. Add one with 'evidence tag \(stored.reference.citationKey) CONCEPT', or see 'evidence suggest \(stored.reference.citationKey)'.")
            return
        }
        Output.line("\(links.count) link\(links.count == 1 ? "" : "s"):")
        for (conceptID, link) in links {
            let concept = byID[conceptID]
            let label = (concept?.code.map { $0 + " " } ?? "") + (concept?.name ?? conceptID)
            Output.line(Output.wrap(label + ": " + Self.facts(link), indent: "      ", firstIndent: "  "))
            if let locator = link.locator { Output.line(Output.wrap("at " + locator, indent: "      ", firstIndent: "    ")) }
            if let quote = link.quote { Output.line(Output.wrap("“" + quote + "”", indent: "      ", firstIndent: "    ")) }
            if let rationale = link.rationale { Output.line(Output.wrap(rationale, indent: "      ", firstIndent: "    ")) }
            var who = [String]()
            if let curator = link.curator { who.append("by " + curator) }
            if let updated = link.updated { who.append(updated) }
            if !who.isEmpty { Output.line("    " + who.joined(separator: ", ")) }
        }
    }

    /// "supports · strong · stated" (and "suggested" for an unconfirmed link).
    static func facts(_ link: EvidenceLink) -> String {
        var facts = [link.relation.rawValue, link.strength.rawValue]
        if let basis = link.basis { facts.append(basis.rawValue) }
        if link.status == .suggested { facts.append("suggested, not confirmed") }
        return facts.joined(separator: " · ")
    }
}
