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

            Papers are ranked by their strongest link: strength (strong, moderate, emerging), stated before inferred, relation (defines, measures, supports, challenges, describes), then study design (systematic review first), then the more recent paper.

            Formats: table (the default: each paper's citation with a table of its links, fitted to the terminal), json (CSL-JSON items with their links under "evidence"; --json is the same), csv (one row a link), and the bibliography formats \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), which give exactly the selected papers. The table shows the first 50 papers and says how many more there are; --limit N changes that (0 for all). Other formats give every paper unless --limit is given.

            Examples:
              evidence for co-design
              evidence for C3 --min-strength moderate --since 2018
              evidence for "Co-creation and engagement" --relation supports --relation measures
              evidence for brokering --design systematic-review --format ris > brokering.ris
              evidence for "power differentials" --json
            """)

    @Option(name: .long, help: StoreOptions.storeHelp)
    var store: String?

    /// `--store`, declared here rather than as an option group (see `StoreOptions.init(store:)`).
    var storeOptions: StoreOptions { StoreOptions(store: store) }

    @Argument(help: "The principle, domain or competency.")
    var concept: [String]

    @Option(help: "Only links with this relation (repeatable): defines, measures, supports, describes, challenges.")
    var relation: [EvidenceRelation] = []

    @Option(help: "Only links at least this strong: strong, moderate or emerging.")
    var minStrength: EvidenceStrength?

    @Option(help: "Only papers of this study design (repeatable).")
    var design: [StudyDesign] = []

    @Option(help: "Only papers issued in or after this year.")
    var since: Int?

    @Option(help: "Only papers issued in or before this year.")
    var until: Int?

    @Option(help: "table, json, csv, or a bibliography format (\(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))).")
    var format: String = "table"

    @Flag(help: "The same as --format json.")
    var json = false

    @Option(help: "Show at most N papers (0 for all; default 50 in the table, all otherwise).")
    var limit: Int?

    @Flag(help: "Include works known only from reference lists.")
    var includeCited = false

    /// What `--format` asked for.
    enum Format {
        case table, json, csv
        case bibliography(ExportFormat)
    }

    static let formatNames = ["table", "json", "csv"] + ExportFormat.allCases.map(\.rawValue)

    var resolvedFormat: Format? {
        if json { return .json }
        switch format.lowercased() {
        case "table": return .table
        case "json": return .json
        case "csv": return .csv
        default: return ExportFormat(rawValue: format.lowercased()).map(Format.bibliography)
        }
    }

    func validate() throws {
        if resolvedFormat == nil {
            throw ValidationError("unknown format '\(format)'; use one of \(Self.formatNames.joined(separator: ", "))")
        }
        if json && format.lowercased() != "table" && format.lowercased() != "json" {
            throw ValidationError("--json is --format json; give one of them")
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
        if let since, let until, since > until { throw ValidationError("--since \(since) is after --until \(until)") }
    }

    func run() throws {
        let store = try storeOptions.openForReading()
        let resolver = try storeOptions.resolver(store)
        let target = try resolver.require(concept.joined(separator: " "))
        let scope = resolver.scope(of: target)
        var filter = EvidenceStore.EvidenceFilter()
        filter.relations = Set(relation)
        filter.minimumStrength = minStrength
        filter.designs = Set(design)
        filter.since = since
        filter.until = until
        filter.includeCited = includeCited
        let format = resolvedFormat ?? .table
        let shown: Int?
        switch format {
        case .table: shown = limit == 0 ? nil : (limit ?? 50)
        default: shown = limit == 0 ? nil : limit
        }
        var answer = try store.rankedEvidence(forConcepts: scope.map(\.id), filter: filter, limit: shown)
        // Within a paper, equally ranked links follow the framework's order (the domain, then its competencies).
        let position = Dictionary(scope.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for index in answer.papers.indices {
            let reference = answer.papers[index].stored.reference
            answer.papers[index].links.sort { a, b in
                if EvidenceRanking.precedes((a, reference), (b, reference)) { return true }
                if EvidenceRanking.precedes((b, reference), (a, reference)) { return false }
                return (position[a.concept] ?? 0) < (position[b.concept] ?? 0)
            }
        }
        switch format {
        case .table:
            EvidenceTable.print(concept: target, scope: scope, answer: answer, resolver: resolver, filtered: filter != EvidenceStore.EvidenceFilter())
        case .json:
            let items = answer.papers.map { CSLJSONExporter.item(ExportItem(reference: $0.stored.reference, evidence: $0.links), evidenceKey: .topLevel) }
            Output.write(JSONValue.array(items.map(JSONValue.object)).serialized(pretty: true) + "\n")
        case .csv:
            Output.write(EvidenceCSV.render(answer.papers))
        case .bibliography(let exportFormat):
            Output.write(exportFormat.exporter.export(answer.papers.map { ExportItem(reference: $0.stored.reference, evidence: $0.links) }))
        }
    }
}
