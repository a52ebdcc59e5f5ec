import CitationModel
import Foundation

/// Renders an evidence-gap map as one self-contained HTML page: inline CSS and a few lines of inline script, no
/// network assets. Each cell is shaded by its count and links to the list of its papers (citations, links, quotes)
/// further down the page; the lists are `<details>` elements that the cell opens, and all of them open for printing.
public enum EvidenceMapHTML {
    /// A paper in a cell's list, already formatted by the caller.
    public struct Paper: Sendable, Hashable {
        public var citationKey: String
        /// The full citation text.
        public var citation: String
        /// A link to the paper (its DOI or URL).
        public var url: String?
        public var link: EvidenceLink

        public init(citationKey: String, citation: String, url: String?, link: EvidenceLink) {
            self.citationKey = citationKey
            self.citation = citation
            self.url = url
            self.link = link
        }
    }

    /// The page. `papers` holds each cell's papers by concept id and column key.
    public static func render(_ map: EvidenceMap, papers: [String: [String: [Paper]]], title: String, subtitle: String) -> String {
        let maximum = max(map.maximum, 1)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(css)</style>
            </head>
            <body>
            <header><h1>\(escape(title))</h1><p class="subtitle">\(escape(subtitle))</p>
            <p class="legend">Each cell is the number of papers linked to the concept with that \(map.axis == .design ? "study design" : "relation"); \
            darker is more. Select a number to see its papers.
            <span class="scale">\(scale(maximum))</span></p>
            </header>
            <main>
            <div class="scroll">
            <table class="matrix" id="matrix">
            <thead><tr><th class="concept" scope="col">Concept</th>
            """
        for column in map.columns {
            html += "<th scope=\"col\" class=\"col\"><span>\(escape(column.label))</span></th>"
        }
        html += "<th scope=\"col\" class=\"col total\"><span>all papers</span></th></tr></thead>\n<tbody>\n"
        var currentGroup: String?
        for (rowIndex, row) in map.rows.enumerated() {
            if row.group != currentGroup {
                currentGroup = row.group
                html += "<tr class=\"group\"><th colspan=\"\(map.columns.count + 2)\" scope=\"rowgroup\">\(escape(row.group))</th></tr>\n"
            }
            let code = row.concept.code.map { "<span class=\"code\">\(escape($0))</span> " } ?? ""
            html += "<tr class=\"\(row.concept.kind.rawValue)\"><th scope=\"row\" class=\"concept\">\(code)\(escape(row.concept.name))</th>"
            for (columnIndex, column) in map.columns.enumerated() {
                let count = row.counts[columnIndex]
                let style = "background:\(colour(count, maximum));color:\(count * 2 > maximum ? "#fff" : "#1a1a1a")"
                if count > 0 {
                    html += "<td style=\"\(style)\"><a href=\"#\(anchor(rowIndex, column.key))\" title=\"\(escape(row.concept.name)) × \(escape(column.label)): \(count) paper\(count == 1 ? "" : "s")\">\(count)</a></td>"
                } else {
                    html += "<td class=\"empty\" style=\"\(style)\">·</td>"
                }
            }
            html += "<td class=\"total\">\(row.total)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n<section class=\"lists\">\n<h2>Papers by cell</h2>\n"
        for (rowIndex, row) in map.rows.enumerated() {
            for (columnIndex, column) in map.columns.enumerated() where row.counts[columnIndex] > 0 {
                let list = papers[row.concept.id]?[column.key] ?? []
                html += "<details id=\"\(anchor(rowIndex, column.key))\"><summary>\(escape(row.concept.name)) × \(escape(column.label)) "
                html += "<span class=\"count\">\(row.counts[columnIndex]) paper\(row.counts[columnIndex] == 1 ? "" : "s")</span></summary>\n<ol>\n"
                for paper in list { html += item(paper) }
                html += "</ol>"
                let more = row.counts[columnIndex] - list.count
                if more > 0 { html += "<p class=\"more\">… and \(more) more paper\(more == 1 ? "" : "s") (see <code>evidence for</code>)</p>" }
                html += "</details>\n"
            }
        }
        html += "</section>\n</main>\n<script>\(script)</script>\n</body>\n</html>\n"
        return html
    }

    static func item(_ paper: Paper) -> String {
        var citation = escape(paper.citation)
        if let url = paper.url {
            let link = "<a href=\"\(escape(url))\">\(escape(url))</a>"
            // The citation usually ends with the DOI link already: make that the link rather than repeat it.
            if let range = citation.range(of: escape(url), options: .backwards) {
                citation.replaceSubrange(range, with: link)
            } else {
                citation += " " + link
            }
        }
        var html = "<li><p class=\"citation\">\(citation)"
        html += "</p><p class=\"facts\">\(escape(paper.link.relation.rawValue)) · \(escape(paper.link.strength.rawValue))"
        if let basis = paper.link.basis { html += " · \(basis.rawValue)" }
        if let locator = paper.link.locator { html += " · at \(escape(locator))" }
        html += " · <code>\(escape(paper.citationKey))</code></p>"
        if let quote = paper.link.quote { html += "<blockquote>\(escape(quote))</blockquote>" }
        if let rationale = paper.link.rationale { html += "<p class=\"rationale\">\(escape(rationale))</p>" }
        return html + "</li>\n"
    }

    /// The legend: swatches for 0, 1, the middle and the largest count.
    static func scale(_ maximum: Int) -> String {
        var steps: [Int] = []
        for step in [0, 1, (maximum + 1) / 2, maximum] where !steps.contains(step) { steps.append(step) }
        return steps.map { "<span style=\"background:\(colour($0, maximum));color:\($0 * 2 > maximum ? "#fff" : "#1a1a1a")\">\($0)</span>" }.joined()
    }

    /// A stable id for a cell's list.
    static func anchor(_ row: Int, _ column: String) -> String { "cell-\(row)-\(column)" }

    /// White for 0, then from light to dark teal by the square root of the count (so small counts stay visible).
    static func colour(_ count: Int, _ maximum: Int) -> String {
        guard count > 0 else { return "#f6f7f8" }
        let share = (Double(count) / Double(max(maximum, 1))).squareRoot()
        let lightness = Int((88 - share * 60).rounded())
        return "hsl(186, 62%, \(lightness)%)"
    }

    /// Escapes text for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static let css = """
        body{font:15px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;margin:1.5rem 2rem;background:#fff}
        h1{font-size:1.5rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin-top:2rem}
        .subtitle,.legend{color:#444;margin:.2rem 0}
        .scale span{display:inline-block;min-width:2.2em;text-align:center;margin-left:2px;border:1px solid #ddd;font-size:.8rem}
        table.matrix{border-collapse:collapse;margin-top:1rem}
        .matrix th,.matrix td{border:1px solid #d8dcdf;padding:.25rem .45rem}
        .matrix thead th.col{vertical-align:bottom;font-weight:600;font-size:.8rem;max-width:6.5em;white-space:normal;text-align:center}
        .matrix th.concept{text-align:left;font-weight:normal;min-width:16rem}
        .matrix tr.domain th.concept{font-weight:600}
        .matrix tr.group th{background:#eef1f3;text-align:left;font-weight:700;padding-top:.5rem}
        .matrix td{text-align:center;min-width:2.6rem;font-variant-numeric:tabular-nums}
        .matrix td a{color:inherit;font-weight:700;text-decoration:none;display:block}
        .matrix td a:hover,.matrix td a:focus{text-decoration:underline}
        .matrix td.empty{color:#b6bcc2}.matrix td.total{font-weight:700;background:#fafafa}
        .code{color:#667;font-size:.8rem;font-variant-numeric:tabular-nums}
        details{border-top:1px solid #e3e6e8;padding:.3rem 0}details:target{background:#fffbe6}
        summary{cursor:pointer;font-weight:600}.count{color:#556;font-weight:normal}
        ol{margin:.4rem 0 .6rem}li{margin-bottom:.5rem}.citation{margin:0}.facts{margin:0;color:#445;font-size:.9rem}
        blockquote{margin:.2rem 0 .2rem 1rem;font-style:italic;color:#333}.rationale{margin:0;color:#333;font-size:.9rem}
        .scroll{overflow-x:auto}
        @page{size:landscape;margin:1cm}
        @media print{body{margin:0;font-size:9pt}.scroll{overflow:visible}
        .matrix th.concept{min-width:12rem}.matrix td{min-width:0;padding:.1rem .25rem}.matrix thead th.col{font-size:7pt}a{color:inherit;text-decoration:none}
        .matrix td,.matrix th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        table.matrix{page-break-inside:auto}tr{page-break-inside:avoid}
        .lists{page-break-before:always}details{page-break-inside:avoid}summary{list-style:none}}
        """

    static let script = """
        function openTarget(){var id=decodeURIComponent(location.hash.slice(1));var el=id&&document.getElementById(id);\
        if(el&&el.tagName==='DETAILS'){el.open=true;el.scrollIntoView();}}
        window.addEventListener('hashchange',openTarget);openTarget();
        window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});
        """
}
