import CitationModel
import EvidenceStore
import Exporters
import Foundation
import Tagging

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
