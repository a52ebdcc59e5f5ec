import CitationModel
import Exporters
import Foundation
import Importers
import Testing

/// The RIS exporter: its output, its line ends, and import -> export -> import giving the same records.
@Suite struct RISExporterTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let importerFixtures = here.deletingLastPathComponent().appendingPathComponent("ImportersTests/Fixtures/ris")
    static let corpora = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpora/ris")
    static var corporaExist: Bool { FileManager.default.fileExists(atPath: corpora.path) }

    /// A record as compared after a round trip: identifiers by kind and value, in any order (a DOI is written
    /// without the resolver prefix it was read with, so its raw text may change).
    static func comparable(_ reference: Reference) -> Reference {
        var copy = reference
        copy.identifiers = reference.identifiers.map { Identifier(kind: $0.kind, value: $0.value, raw: $0.value) }
            .sorted { ($0.kind.rawValue, $0.value) < ($1.kind.rawValue, $1.value) }
        return copy
    }

    /// Imports `source`, exports the records, imports the export, and checks the two imports agree record by record.
    static func checkRoundTrip(_ source: SourceText, lineEnd: String = "\n", sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let first = RISImporter().parseAll(source).references
        let exported = RISExporter(lineEnd: lineEnd).export(first.map { ExportItem(reference: $0) })
        let second = RISImporter().parseAll(SourceText(file: "export.ris", text: exported))
        #expect(second.errors.isEmpty, "\(source.file): \(second.errors)", sourceLocation: sourceLocation)
        #expect(second.references.count == first.count, "\(source.file)", sourceLocation: sourceLocation)
        for (before, after) in zip(first, second.references) {
            #expect(comparable(after) == comparable(before), "\(source.file): \(before.citationKey)", sourceLocation: sourceLocation)
        }
    }

    @Test func writesTheStandardTagsOneRecordEach() {
        var reference = Reference(citationKey: "shannon1948mathematical", type: .articleJournal, title: "A Mathematical Theory of Communication")
        reference.creators = [Creator(family: "Shannon", given: "Claude E."), Creator(role: .editor, family: "Editor", given: "Erna")]
        reference.containerTitle = "Bell System Technical Journal"
        reference.containerTitleShort = "Bell Syst. Tech. J."
        reference.issued = PartialDate(year: 1948, month: 7)
        reference.volume = "27"
        reference.issue = "3"
        reference.page = "379-423"
        reference.addIdentifier(Identifier(.doi, "https://doi.org/10.1002/j.1538-7305.1948.tb01338.x")!)
        reference.addIdentifier(Identifier(.issn, "0005-8580")!)
        reference.addIdentifier(Identifier(.pmid, "123")!)
        reference.keywords = ["information", "entropy"]
        reference.abstract = "An abstract."
        reference.note = "One note\nAnother"
        let text = RISExporter().export([ExportItem(reference: reference), ExportItem(reference: Reference(citationKey: "x", type: .book, title: "B"))])
        #expect(text == """
            TY  - JOUR
            ID  - shannon1948mathematical
            TI  - A Mathematical Theory of Communication
            AU  - Shannon, Claude E.
            A2  - Editor, Erna
            T2  - Bell System Technical Journal
            J2  - Bell Syst. Tech. J.
            PY  - 1948
            DA  - 1948/07//
            VL  - 27
            IS  - 3
            SP  - 379
            EP  - 423
            DO  - 10.1002/j.1538-7305.1948.tb01338.x
            SN  - 0005-8580
            AN  - PMID: 123
            AB  - An abstract.
            N1  - One note
            N1  - Another
            KW  - information
            KW  - entropy
            ER  - 

            TY  - BOOK
            ID  - x
            TI  - B
            ER  - 


            """)
    }

    @Test func endsLinesWithCRLFWhenAsked() {
        let text = RISExporter(lineEnd: "\r\n").export([ExportItem(reference: Reference(citationKey: "k", type: .report, title: "T"))])
        #expect(Array(text.utf8) == Array("TY  - RPRT\r\nID  - k\r\nTI  - T\r\nER  - \r\n\r\n".utf8))
        // The importer reads it back.
        let back = RISImporter().parseAll(SourceText(file: "crlf.ris", text: text)).references
        #expect(back.map(\.citationKey) == ["k"])
        #expect(back.first?.type == .report)
    }

    @Test(arguments: ["tolerant-lines.ris", "authors.ris", "titles-containers.ris", "dates.ris", "fields.ris", "missing-type.ris"])
    func importExportImportGivesTheSameRecords(fixture: String) throws {
        let source = SourceText(file: fixture, data: try Data(contentsOf: Self.importerFixtures.appendingPathComponent(fixture)))
        Self.checkRoundTrip(source)
        Self.checkRoundTrip(source, lineEnd: "\r\n")
    }

    @Test(arguments: RISVocabulary.risTypeByCSLType.keys.map(\.rawValue).sorted())
    func everyCSLTypeExportsToACodeThatImportsBack(type: String) {
        let reference = Reference(citationKey: "k", type: ReferenceType(rawValue: type), title: "T")
        let text = RISExporter().export([ExportItem(reference: reference)])
        #expect(RISImporter().parseAll(SourceText(file: "t.ris", text: text)).references.first?.type.rawValue == type)
    }

    @Test func typesRISHasNoCodeForAreGeneric() {
        let text = RISExporter().export([ExportItem(reference: Reference(citationKey: "k", type: "review-book", title: "T"))])
        #expect(text.hasPrefix("TY  - GEN\n"))
    }

    @Test func writesMEDLINEISSNsAsStandardNumbersNotAsIssues() {
        // `IS` is the issue in RIS but the ISSNs (with their kinds) in MEDLINE.
        var reference = Reference(citationKey: "k", type: .articleJournal, title: "T", issue: "4")
        reference.addIdentifier(Identifier(kind: .issn, value: "1932-6203", raw: "1932-6203 (Electronic)"))
        reference.extraFields = ["IS": "1932-6203 (Electronic)\n1932-6203 (Linking)", "PT": "Journal Article", "OWN": "NLM"]
        let text = RISExporter().export([ExportItem(reference: reference)])
        #expect(text.contains("IS  - 4\n"))
        #expect(!text.contains("IS  - 1932"))
        #expect(text.contains("SN  - 1932-6203 (Electronic)\n"))
        #expect(text.contains("PT  - Journal Article\n"))
        #expect(!text.contains("NLM"))
        let back = RISImporter().parseAll(SourceText(file: "k.ris", text: text)).references[0]
        #expect(back.issue == "4")
        #expect(back.identifier(.issn) == "1932-6203")
    }

    @Test(.enabled(if: corporaExist))
    func everyCorpusFileSurvivesARoundTrip() throws {
        for folder in ["rispy", "asreview"] {
            let url = Self.corpora.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where file.hasSuffix(".ris") {
                let data = try Data(contentsOf: url.appendingPathComponent(file))
                let source = SourceText(file: file, data: data)
                guard ImportFormat.detect(bytes: source.bytes, fileName: file) == .ris else { continue }
                Self.checkRoundTrip(source)
            }
        }
    }
}
