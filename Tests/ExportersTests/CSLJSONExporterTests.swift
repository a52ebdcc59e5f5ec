import CitationModel
import Exporters
import Foundation
import Importers
import Testing

@Suite("CSL-JSON exporter")
struct CSLJSONExporterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func validator() throws -> JSONSchemaValidator {
        let text = try String(contentsOf: fixtures.appendingPathComponent("csl-data.schema.json"), encoding: .utf8)
        return JSONSchemaValidator(root: try JSONParser.parse(text).value)
    }

    static let richItem = ExportItem(
        reference: Reference(
            citationKey: "k1", type: .articleJournal, title: RichText(runs: [.init("On "), .init("DNA", style: .noCase)]),
            subtitle: "a subtitle", containerTitle: "J", issued: PartialDate(parts: [.init(year: 2020), .init(year: 2021)]),
            identifiers: [Identifier(.doi, "10.1/x")!, Identifier(.arxiv, "2101.1")!],
            creators: [Creator(family: "A", given: "B", orcid: "0000-0001-0000-0000"), .literal("WHO", role: .editor)],
            studyDesign: .survey, extraFields: ["owner": "me"]),
        evidence: [EvidenceLink(reference: "k1", concept: "isp:competency/co-design", relation: .supports, strength: .strong, basis: .stated)])

    @Test("output validates against the CSL-JSON schema, links and extras inside custom")
    func validatesAgainstSchema() throws {
        let output = CSLJSONExporter().export([Self.richItem])
        let problems = try Self.validator().validate(try JSONParser.parse(output).value)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("the schema check catches a key CSL does not define")
    func validatorRejectsExtras() throws {
        let item = CSLJSONExporter.item(Self.richItem, evidenceKey: .topLevel)
        let problems = try Self.validator().validate(.array([.object(item)]))
        #expect(problems == ["$[0]: property 'evidence' is not allowed"])
    }

    @Test("export then import gives the same references and links")
    func roundTrip() throws {
        let output = CSLJSONExporter().export([Self.richItem])
        let sink = CSLJSONImporter().parseAll(SourceText(file: "x.json", text: output))
        #expect(sink.diagnostics.isEmpty)
        #expect(sink.references == [Self.richItem.reference])
        #expect(sink.records.first?.evidence == Self.richItem.evidence)
        #expect(CSLJSONExporter().export(sink.records.map { ExportItem(reference: $0.reference, evidence: $0.evidence) }) == output)
    }

    @Test("citations read like APA")
    func formattedCitation() {
        let reference = Reference(
            citationKey: "albers2021skills", type: .articleJournal,
            title: "Implementation support skills", subtitle: "Findings from a systematic integrative review",
            containerTitle: "Research on Social Work Practice", volume: "31", issue: "2", page: "147-170",
            issued: PartialDate(year: 2021), identifiers: [Identifier(.doi, "10.1177/1049731520967419")!],
            creators: [Creator(family: "Albers", given: "Bianca"), Creator(family: "Metz", given: "Allison J."), Creator(family: "Burke", given: "K.")])
        #expect(CitationFormatter.citation(reference) == "Albers, B., Metz, A. J., & Burke, K. (2021). Implementation support skills: Findings from a systematic integrative review. Research on Social Work Practice, 31(2), 147-170. https://doi.org/10.1177/1049731520967419")
        #expect(CitationFormatter.shortCitation(reference) == "Albers et al., 2021")
    }
}
