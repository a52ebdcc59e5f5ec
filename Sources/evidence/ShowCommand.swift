import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters
import Tagging

/// `evidence show REF`: one reference in full, with its links, provenance and the works it cites.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one reference with its evidence links and where it came from.",
        discussion: """
            REF is a citation key, a DOI, a PMID, a PMCID or the numeric id.

            Examples:
              evidence show albers2021skills
              evidence show 10.1371/journal.pone.0267533 --json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The reference.")
    var ref: String

    @Flag(help: "Write the CSL-JSON item with \"evidence\" (links) and \"cites\" (cited works).")
    var json = false

    func run() throws {
        let store = try storeOptions.openForReading()
        let stored = try store.require(ref)
        let links = try store.links(ofReference: stored.id)
        let cited = try store.citedWorks(of: stored.id)
        let reference = stored.reference
        if json {
            var item = CSLJSONExporter.item(ExportItem(reference: reference, evidence: links.map(\.link)), evidenceKey: .topLevel)
            if !cited.isEmpty { item["cites"] = .array(cited.map { .object($0.reference.cslJSON()) }) }
            Output.write(JSONValue.object(item).serialized(pretty: true) + "\n")
            return
        }
        let resolver = try storeOptions.resolver(store)
        Output.line(Output.wrap(CitationFormatter.citation(reference)))
        Output.line()
        var facts: [(String, String)] = [("key", reference.citationKey), ("type", reference.type.rawValue)]
        if let design = reference.studyDesign { facts.append(("design", design.label)) }
        for identifier in reference.identifiers { facts.append((identifier.kind.rawValue, identifier.value)) }
        if let url = reference.url { facts.append(("url", url)) }
        if !reference.keywords.isEmpty { facts.append(("keywords", reference.keywords.joined(separator: ", "))) }
        if !stored.isMember { facts.append(("library", "no: known only from reference lists")) }
        for (label, value) in facts {
            Output.line(Output.wrap(value, indent: String(repeating: " ", count: 12), firstIndent: label.padding(toLength: 12, withPad: " ", startingAt: 0)))
        }
        if let abstract = reference.abstract?.plain, !abstract.isEmpty {
            Output.line()
            Output.line("Abstract")
            Output.line(Output.wrap(abstract, indent: "  ", firstIndent: "  "))
        }
        if let note = reference.note {
            Output.line()
            Output.line("Note")
            Output.line(Output.wrap(note, indent: "  ", firstIndent: "  "))
        }
        Output.line()
        if links.isEmpty {
            Output.line("No evidence links.")
        } else {
            Output.line("Evidence links (\(links.count))")
            let concepts = Dictionary(resolver.concepts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (conceptID, link) in links.sorted(by: { (concepts[$0.conceptID]?.position ?? 0) < (concepts[$1.conceptID]?.position ?? 0) }) {
                let concept = concepts[conceptID]
                let name = concept.map { ($0.code.map { $0 + " " } ?? "") + $0.name } ?? conceptID
                var facts = [link.relation.rawValue, link.strength.rawValue]
                if let basis = link.basis { facts.append(basis.rawValue) }
                if link.status == .suggested { facts.append("suggested") }
                Output.line(Output.wrap("\(name): \(facts.joined(separator: " · "))", indent: "    ", firstIndent: "  "))
                if let locator = link.locator { Output.line(Output.wrap("at " + locator, indent: "    ", firstIndent: "    ")) }
                if let quote = link.quote { Output.line(Output.wrap("“" + quote + "”", indent: "    ", firstIndent: "    ")) }
                if let rationale = link.rationale { Output.line(Output.wrap(rationale, indent: "    ", firstIndent: "    ")) }
            }
        }
        if !cited.isEmpty {
            Output.line()
            Output.line("Cites (\(cited.count))")
            for (number, work) in cited.enumerated() {
                Output.line(Output.wrap(CitationFormatter.citation(work.reference), indent: "       ", firstIndent: String(number + 1).leftPadded(to: 5) + ". "))
            }
        }
        let provenance = try store.provenance(of: stored.id)
        if !provenance.isEmpty {
            Output.line()
            Output.line("Imported from")
            for entry in provenance.suffix(5) {
                Output.line("  \(entry.file):\(entry.line) (\(entry.format), run \(entry.run), \(entry.at))")
            }
        }
    }
}
