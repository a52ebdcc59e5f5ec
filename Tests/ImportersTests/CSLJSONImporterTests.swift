import CitationModel
import Importers
import Testing

@Suite("CSL-JSON importer")
struct CSLJSONImporterTests {
    func parse(_ text: String, file: String = "lib.json") -> CollectingSink {
        CSLJSONImporter().parseAll(SourceText(file: file, text: text))
    }

    @Test("a malformed file gives one error at its line and column and no records")
    func syntaxError() {
        let sink = parse("[\n  {\"id\": \"a\", \"type\": \"book\"},\n  {\"id\": \"b\" \"type\": \"book\"}\n]")
        #expect(sink.records.isEmpty)
        #expect(sink.failed == 1)
        #expect(sink.errors.map(\.description) == ["lib.json:3:14: error: [csljson.syntax] unexpected '\"', expected ',' or '}'"])
    }

    @Test("one bad item never hides the good ones")
    func badItemIsolated() {
        let sink = parse(#"[{"id": "a", "type": "book"}, {"id": "b", "type": "book", "issued": 2020}, {"id": "c", "type": "book"}]"#)
        #expect(sink.references.map(\.citationKey) == ["a", "c"])
        #expect(sink.failed == 1)
        #expect(sink.errors.count == 1)
        #expect(sink.errors[0].entry == "b")
    }

    @Test("records know where they start")
    func recordLocations() {
        let sink = parse("[\n {\"id\": \"a\", \"type\": \"book\"},\n\n   {\"id\": \"b\", \"type\": \"book\"}]")
        #expect(sink.records.map(\.location.line) == [2, 4])
        #expect(sink.records.map(\.location.column) == [2, 4])
    }

    @Test("evidence links under custom.evidence come with the record")
    func evidenceLinks() {
        let text = #"[{"id": "a", "type": "book", "custom": {"evidence": [{"concept": "C4", "relation": "supports", "strength": "strong"}]}}]"#
        let sink = parse(text)
        #expect(sink.records.first?.evidence == [EvidenceLink(reference: "a", concept: "C4", relation: .supports, strength: .strong)])
    }

    @Test("an invalid link vocabulary fails the record")
    func invalidLink() {
        let sink = parse(#"[{"id": "a", "type": "book", "evidence": [{"concept": "C4", "strength": "huge"}]}]"#)
        #expect(sink.records.isEmpty)
        #expect(sink.errors.first?.code == "link.invalid-strength")
    }

    @Test("formats are told by content, whatever the name", arguments: [
        ("[{\"id\": 1}]", "x.txt", ImportFormat.csljson), ("TY  - JOUR\nER  - \n", "x.txt", .ris),
        ("PMID- 123\nTI  - x\n", "x.ris", .nbib), ("<?xml version=\"1.0\"?><article/>", "x.txt", .jats),
        ("% comment\n@article{a, title={x}}", "x.txt", .bibtex),
    ])
    func detection(_ text: String, _ name: String, _ format: ImportFormat) {
        #expect(ImportFormat.detect(bytes: Array(text.utf8), fileName: name) == format)
    }
}
