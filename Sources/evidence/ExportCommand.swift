import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters
import Foundation
import Tagging

extension ExportFormat: ExpressibleByArgument {}

/// `evidence export`: references (all, chosen, by concept or by search) in a bibliography format.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export references as CSL-JSON (with their evidence links) or another format.",
        discussion: """
            Without REF, --concept or --query, the whole library is exported. CSL-JSON output validates against the CSL-JSON schema; evidence links travel in each item's custom.evidence, so importing the file into another store restores them.

            Examples:
              evidence export --format csljson -o library.json
              evidence export --concept co-design --format csljson
              evidence export albers2021skills metz2022building
              evidence export --format biblatex --ascii -o library.bib
              evidence export --format ris --crlf -o library.ris
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "References to export (citation keys, DOIs, PMIDs or ids).")
    var refs: [String] = []

    @Option(help: "Only references linked to this concept (a domain includes its competencies).")
    var concept: String?

    @Option(help: "Only references matching this search.")
    var query: String?

    @Option(help: "The format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ExportFormat = .csljson

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Include works known only from reference lists.")
    var includeCited = false

    @Flag(help: "BibTeX and BibLaTeX: write non-ASCII characters as LaTeX commands.")
    var ascii = false

    @Flag(help: "End lines with CRLF, as the RIS specification and some Windows tools want (RIS only).")
    var crlf = false

    func validate() throws {
        if crlf && format != .ris { throw ValidationError("--crlf applies to --format ris only") }
    }

    func run() throws {
        let store = try storeOptions.openForReading()
        var only: Set<Int64>?
        if let concept {
            let resolver = try storeOptions.resolver(store)
            let target = try resolver.require(concept)
            only = try store.referenceIDs(linkedTo: resolver.scope(of: target).map(\.id), includeCited: includeCited)
        }
        if let query {
            let matching = Set(try store.search(query, includeCited: includeCited, limit: Int.max).map(\.stored.id))
            only = only.map { $0.intersection(matching) } ?? matching
        }
        var selected: [StoredReference]
        if !refs.isEmpty {
            selected = try refs.map { try store.require($0) }
            if let only { selected = selected.filter { only.contains($0.id) } }
        } else {
            selected = try store.references(includeCited: includeCited, only: only)
        }
        let items = try selected.map { stored in
            ExportItem(reference: stored.reference, evidence: try store.links(ofReference: stored.id).map(\.link))
        }
        let text = format.exporter(ascii: ascii, crlf: crlf).export(items)
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "cannot write '\(output)': \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("Exported \(items.count) reference\(items.count == 1 ? "" : "s") to \(output)\n".utf8))
        } else {
            Output.write(text)
        }
    }
}
