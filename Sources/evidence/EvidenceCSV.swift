import CitationModel
import EvidenceStore
import Exporters

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
