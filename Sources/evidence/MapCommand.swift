import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters
import Foundation
import Tagging

extension MapAxis: ExpressibleByArgument {}

/// `evidence map`: the evidence-gap map, concepts by study design or relation.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Show the evidence-gap map: concepts by study design (or relation), counting papers.",
        discussion: """
            Rows are the principles, then each domain followed by its competencies; a domain's own row counts the papers linked to the domain as a whole. Columns are study designs (--by design, the default) or relations (--by relation). Only confirmed links count ('evidence suggest --accept' proposals do once confirmed). In the terminal, columns without papers are left out and named below the table.

            --html FILE writes one self-contained page (no network assets): a colour-scaled matrix whose cells open the list of their papers (the 100 strongest a cell; --cell-limit N) with citations, links, quotes and rationales; it prints cleanly.

            Examples:
              evidence map
              evidence map --by relation
              evidence map --html map.html
            """)

    @Option(name: .long, help: StoreOptions.storeHelp)
    var store: String?

    /// `--store`, declared here rather than as an option group (see `StoreOptions.init(store:)`).
    var storeOptions: StoreOptions { StoreOptions(store: store) }

    @Option(help: "Columns: design or relation.")
    var by: MapAxis = .design

    @Option(help: ArgumentHelp("Write the map as an HTML page to this file.", valueName: "file"))
    var html: String?

    @Flag(help: "Write the map as JSON.")
    var json = false

    @Flag(help: "Count suggested (unconfirmed) links too.")
    var includeSuggested = false

    @Option(help: "With --html, list at most N papers a cell, strongest first (0 for all).")
    var cellLimit = 100

    func run() throws {
        let store = try storeOptions.openForReading()
        let frameworks = try store.frameworks()
        if let html {
            try writeHTML(to: html, store: store, frameworks: frameworks)
            return
        }
        let tallies = try store.linkTallies(by: [by == .design ? .design : .relation], includeSuggested: includeSuggested)
        let map = EvidenceMap.build(frameworks: frameworks, tallies: tallies, axis: by)
        if json {
            Output.write(map.json().serialized(pretty: true) + "\n")
            return
        }
        Self.print(map)
    }

    /// The terminal table, fitted to `Output.width`.
    static func print(_ map: EvidenceMap, width: Int = Output.width) {
        var out = TextBuffer()
        defer { Output.write(out.text) }
        let shown = map.nonEmptyColumns
        let headers = shown.map { short(map.columns[$0]) }
        let cellWidths = shown.enumerated().map { position, column in
            max(headers[position].count, 3, map.rows.map { String($0.counts[column]).count }.max() ?? 0)
        }
        let totalWidth = max(3, map.rows.map { String($0.total).count }.max() ?? 0)
        let cellsWidth = cellWidths.reduce(0) { $0 + $1 + 1 } + totalWidth + 1
        let labelWidth = max(16, min(48, width - cellsWidth - 1))
        func line(_ label: String, _ cells: [String], _ total: String) -> String {
            var text = Output.truncate(label, labelWidth).rightPadded(to: labelWidth)
            for (index, cell) in cells.enumerated() { text += " " + cell.leftPadded(to: cellWidths[index]) }
            return text + " " + total.leftPadded(to: totalWidth)
        }
        out.line(line("Papers by \(map.axis == .design ? "study design" : "relation")", headers, "all"))
        var group: String?
        for row in map.rows {
            if row.group != group {
                group = row.group
                if row.concept.kind != .domain { out.line(row.group) }
            }
            let indent = row.concept.kind == .domain ? "" : "  "
            let label = indent + (row.concept.code.map { $0 + " " } ?? "") + row.concept.name
            out.line(line(label, shown.map { row.counts[$0] == 0 ? "·" : String(row.counts[$0]) }, String(row.total)))
        }
        let legend = shown.filter { short(map.columns[$0]) != map.columns[$0].label }.map { "\(short(map.columns[$0])) = \(map.columns[$0].label)" }
        if !legend.isEmpty { out.line(Output.wrap(legend.joined(separator: "; "))) }
        let empty = map.columns.indices.filter { !shown.contains($0) }.map { map.columns[$0].label }
        if !empty.isEmpty { out.line(Output.wrap("No papers: " + empty.joined(separator: ", "))) }
    }

    /// A column header of at most six characters.
    static func short(_ column: EvidenceMap.Column) -> String {
        switch column.key {
        case "systematic-review": "SR"
        case "quasi-experimental": "quasi"
        case "qualitative": "qual"
        case "mixed-methods": "mixed"
        case "case-study": "case"
        case "measurement": "meas"
        case "conceptual": "concpt"
        case "guidance": "guide"
        case "none": "n/r"
        case "challenges": "chall"
        case "describes": "descr"
        case "measures": "meas"
        case "supports": "supp"
        case "defines": "def"
        default: String(column.label.prefix(6))
        }
    }

    /// The HTML page: counts from the link tallies, and for each non-empty cell its strongest `cellLimit` papers
    /// (one ranked query a cell), so the page stays readable and quick to make on a large store.
    func writeHTML(to path: String, store: EvidenceStore, frameworks: [Framework]) throws {
        let tallies = try store.linkTallies(by: [by == .design ? .design : .relation], includeSuggested: includeSuggested)
        let map = EvidenceMap.build(frameworks: frameworks, tallies: tallies, axis: by)
        var papers: [String: [String: [EvidenceMapHTML.Paper]]] = [:]
        var shown = Set<String>()
        for row in map.rows {
            for (index, column) in map.columns.enumerated() where row.counts[index] > 0 {
                var filter = EvidenceStore.EvidenceFilter()
                filter.includeSuggested = includeSuggested
                switch by {
                case .design:
                    if let design = StudyDesign(rawValue: column.key) { filter.designs = [design] } else { filter.designNotRecorded = true }
                case .relation:
                    if let relation = EvidenceRelation(rawValue: column.key) { filter.relations = [relation] }
                }
                let answer = try store.rankedEvidence(forConcepts: [row.concept.id], filter: filter, limit: cellLimit == 0 ? nil : cellLimit)
                papers[row.concept.id, default: [:]][column.key] = answer.papers.compactMap { paper in
                    guard let link = paper.links.first else { return nil }
                    let reference = paper.stored.reference
                    shown.insert(reference.citationKey)
                    return EvidenceMapHTML.Paper(
                        citationKey: reference.citationKey, citation: CitationFormatter.citation(reference),
                        url: reference.doi.map { "https://doi.org/" + $0 } ?? reference.url, link: link)
                }
            }
        }
        let title = "Evidence map: " + (frameworks.map(\.title).joined(separator: "; "))
        let links = tallies.reduce(0) { $0 + $1.papers }
        var subtitle = "\(links) \(includeSuggested ? "" : "confirmed ")links, by \(by == .design ? "study design" : "relation")."
        if cellLimit > 0 && map.maximum > cellLimit { subtitle += " Each cell lists its \(cellLimit) strongest papers." }
        subtitle += " Generated by evidence on \(Self.today())."
        let page = EvidenceMapHTML.render(map, papers: papers, title: title, subtitle: subtitle)
        do {
            try page.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure(message: "cannot write '\(path)': \(error.localizedDescription)")
        }
        Output.line("Wrote the evidence map (\(map.rows.count) concepts × \(map.columns.count) \(by == .design ? "designs" : "relations"), \(shown.count) papers listed) to \(path)")
    }

    static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}
