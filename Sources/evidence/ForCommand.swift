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
            CONCEPT is an id (competency/co-design), a code (C4), a name ("Co-design"), an alias ("co-designing",
            "power differentials") or a slug, in any case and with or without accents. A domain includes the evidence
            for its competencies.

            Papers are ranked by their strongest link: strength (strong, moderate, emerging), stated before inferred,
            relation (defines, measures, supports, challenges, describes), then study design (systematic review
            first), then the more recent paper.

            Formats: table (the default: each paper's citation with a table of its links, fitted to the terminal),
            json (CSL-JSON items with their links under "evidence"; --json is the same), csv (one row a link), and the
            bibliography formats \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), which give exactly the
            selected papers. The table shows the first 50 papers and says how many more there are; --limit N changes
            that (0 for all). Other formats give every paper unless --limit is given.

            Examples:
              evidence for co-design
              evidence for C3 --min-strength moderate --since 2018
              evidence for "Co-creation and engagement" --relation supports --relation measures
              evidence for brokering --design systematic-review --format ris > brokering.ris
              evidence for "power differentials" --json
            """)

    @OptionGroup var storeOptions: StoreOptions

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
        let store = try storeOptions.open()
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

/// The CSV form of an answer: one row a link, RFC 4180 quoting.
enum EvidenceCSV {
    static let header = ["rank", "reference", "year", "design", "concept", "relation", "strength", "basis", "status", "locator", "quote", "rationale", "curator", "citation", "doi"]

    static func render(_ papers: [EvidenceStore.RankedPaper]) -> String {
        var text = header.joined(separator: ",") + "\r\n"
        for (rank, paper) in papers.enumerated() {
            let reference = paper.stored.reference
            for link in paper.links {
                let fields: [String?] = [
                    String(rank + 1), reference.citationKey, reference.year.map(String.init), reference.studyDesign?.rawValue, link.concept,
                    link.relation.rawValue, link.strength.rawValue, link.basis?.rawValue, link.status.rawValue, link.locator, link.quote,
                    link.rationale, link.curator, CitationFormatter.citation(reference), reference.doi,
                ]
                text += fields.map { quote($0 ?? "") }.joined(separator: ",") + "\r\n"
            }
        }
        return text
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The terminal form of an answer: each paper's citation, then its links as table rows aligned across papers.
enum EvidenceTable {
    static func print(concept: Concept, scope: [Concept], answer: EvidenceStore.RankedEvidence, resolver: ConceptResolver, filtered: Bool, width: Int = Output.width) {
        var out = TextBuffer()
        defer { Output.write(out.text) }
        let framework = resolver.frameworks.first { $0.id == concept.frameworkID }
        var heading = concept.name
        if let code = concept.code { heading += " (\(code))" }
        var context = concept.kind.rawValue
        if let parent = concept.parent, let domain = framework?.concept(parent) { context += " in \(domain.name)" }
        if let framework { context += ", \(framework.title)" }
        out.line(Output.wrap(heading + " — " + context, indent: "  ", firstIndent: ""))
        if let summary = concept.summary { out.line(Output.wrap(summary, indent: "  ", firstIndent: "  ")) }
        if scope.count > 1 {
            out.line(Output.wrap("Includes: " + scope.dropFirst().map(\.name).joined(separator: "; "), indent: "  ", firstIndent: "  "))
        }
        out.line()
        guard !answer.papers.isEmpty else {
            if answer.total > 0 {
                out.line("\(answer.total) paper\(answer.total == 1 ? "" : "s") match; none shown (--limit).")
            } else if filtered {
                out.line("No evidence matches these filters.")
            } else {
                out.line("No evidence is linked to this \(concept.kind.rawValue) yet. Link a paper with 'evidence tag REF \(concept.code ?? concept.slug)'.")
            }
            return
        }
        let names = Dictionary(scope.map { ($0.id, $0.code ?? $0.name) }, uniquingKeysWith: { first, _ in first })
        // Columns of the link rows: concept (for a domain), relation, strength, basis, design, locator.
        var rows: [[String]] = []
        for paper in answer.papers {
            for link in paper.links {
                var cells: [String] = []
                if scope.count > 1 { cells.append(names[link.concept] ?? link.concept) }
                cells += [link.relation.rawValue, link.strength.rawValue, link.basis?.rawValue ?? "", paper.stored.reference.studyDesign?.label ?? "", link.locator ?? ""]
                rows.append(cells)
            }
        }
        var titles = ["relation", "strength", "basis", "design", "at"]
        if scope.count > 1 { titles.insert("concept", at: 0) }
        // Columns no link fills (no locators, say) are left out.
        let kept = titles.indices.filter { column in rows.contains { !$0[column].isEmpty } }
        titles = kept.map { titles[$0] }
        rows = rows.map { row in kept.map { row[$0] } }
        let indent = "     "
        var widths = titles.indices.map { column in max(titles[column].count, rows.map { $0[column].count }.max() ?? 0) }
        // Fit: the locator column takes what is left, the design column shrinks next.
        let available = width - indent.count
        let fixed = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        widths[widths.count - 1] = max(4, min(widths[widths.count - 1], available - fixed))
        if fixed + widths[widths.count - 1] > available {
            let designColumn = widths.count - 2
            widths[designColumn] = max(6, widths[designColumn] - (fixed + widths[widths.count - 1] - available))
        }
        func tableRow(_ cells: [String]) -> String {
            var line = indent
            for (index, cell) in cells.enumerated() {
                let text = Output.truncate(cell, widths[index])
                line += index == cells.count - 1 ? text : text.rightPadded(to: widths[index]) + "  "
            }
            while line.last == " " { line.removeLast() }
            return line
        }
        out.line("\(answer.total) paper\(answer.total == 1 ? "" : "s")\(filtered ? " match" : ""), strongest first; under each, its links:")
        out.line(tableRow(titles).uppercased())
        var rowIndex = 0
        for (number, paper) in answer.papers.enumerated() {
            out.line()
            let marker = String(number + 1).leftPadded(to: 3) + ". "
            out.line(Output.wrap(CitationFormatter.citation(paper.stored.reference), indent: indent, firstIndent: marker, width: width))
            for link in paper.links {
                out.line(tableRow(rows[rowIndex]))
                rowIndex += 1
                if link.status == .suggested { out.line(Output.wrap("(suggested, not confirmed)", indent: indent + "  ", firstIndent: indent + "  ", width: width)) }
                if let quote = link.quote { out.line(Output.wrap("“" + quote + "”", indent: indent + "  ", firstIndent: indent + "  ", width: width)) }
                if let rationale = link.rationale { out.line(Output.wrap(rationale, indent: indent + "  ", firstIndent: indent + "  ", width: width)) }
            }
        }
        if answer.total > answer.papers.count {
            out.line()
            let more = answer.total - answer.papers.count
            out.line("… and \(more) more paper\(more == 1 ? "" : "s") (show them with --limit 0, or narrow with --min-strength, --design, --since)")
        }
    }
}

/// Text collected for one write to standard output (a write a line costs a system call each).
struct TextBuffer {
    var text = ""

    mutating func line(_ line: String = "") {
        text += line
        text += "\n"
    }
}

extension String {
    /// Pads on the left with spaces to `width`.
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }

    /// Pads on the right with spaces to `width`.
    func rightPadded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
