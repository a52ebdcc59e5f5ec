import CitationModel
import Testing

@Suite("Reference <-> CSL-JSON")
struct ReferenceCSLJSONTests {
    /// A reference that uses every field of the model.
    static let full = Reference(
        citationKey: "albers2021skills", type: .articleJournal,
        title: RichText(runs: [.init("Implementation support skills in "), .init("practice", style: .italic)]),
        subtitle: "Findings from a systematic integrative review", shortTitle: "Implementation support skills",
        containerTitle: "Research on Social Work Practice", containerTitleShort: "Res Soc Work Pract",
        collectionTitle: "Series", collectionNumber: "4", volume: "31", issue: "2", page: "147-170", articleNumber: "e1",
        edition: "2", publisher: "SAGE", publisherPlace: "Thousand Oaks", genre: "Review",
        issued: PartialDate(parts: [.init(year: 2021, month: 2)], season: "Spring", circa: true, raw: "Feb 2021"),
        accessed: PartialDate(year: 2024, month: 1, day: 5),
        abstract: RichText(runs: [.init("We reviewed "), .init("79", style: .bold), .init(" studies.")]),
        language: "en", keywords: ["implementation support", "skills, competencies"], note: "A note", url: "https://example.org/a",
        identifiers: [
            Identifier(.doi, "10.1177/1049731520967419")!, Identifier(.pmid, "123")!, Identifier(.isbn, "978-0-306-40615-7")!,
            Identifier(.isbn, "0-306-40615-2")!, Identifier(.arxiv, "arXiv:2101.00001")!,
        ],
        creators: [
            Creator(role: .author, family: "Albers", given: "Bianca", orcid: "0000-0002-1825-0097"),
            Creator(role: .author, family: "Beethoven", given: "Ludwig", droppingParticle: "van", suffix: "Jr."),
            Creator(role: .author, family: "Gaulle", given: "Charles", nonDroppingParticle: "de"),
            .literal("World Health Organization"),
            Creator(role: .editor, family: "Metz", given: "Allison", extra: ["static-ordering": .bool(true)]),
        ],
        studyDesign: .systematicReview, extraFields: ["bibtex.owner": "ba", "timestamp": "2020"],
        csl: ["archive": .string("PMC"), "custom": .object(["reviewed": .bool(true)])])

    @Test("every model field survives encoding and decoding")
    func lossless() throws {
        let json = Self.full.cslJSON().serialized(pretty: true)
        let decoded = Reference.fromCSLJSON(try JSONParser.parse(json), file: "t.json", fallbackKey: "x")
        #expect(decoded.diagnostics.isEmpty)
        #expect(decoded.reference == Self.full)
    }

    @Test("encoding uses only CSL variables and custom at the top level")
    func onlySchemaKeys() {
        let keys = Self.full.cslJSON().keys
        #expect(keys.first == "id")
        #expect(keys.contains("DOI") && keys.contains("custom") && keys.contains("archive"))
        #expect(!keys.contains("subtitle") && !keys.contains("studyDesign") && !keys.contains("extraFields"))
    }

    @Test("unknown CSL fields are kept and written back")
    func unknownFieldsKept() throws {
        let text = #"{"id": "k", "type": "book", "title": "T", "medium": "print", "x-new-field": [1, {"a": 2}]}"#
        let reference = try #require(Reference.fromCSLJSON(try JSONParser.parse(text), file: "t", fallbackKey: "x").reference)
        #expect(reference.csl["medium"] == .string("print"))
        let again = reference.cslJSON()
        #expect(again["x-new-field"] == .array([.number("1"), .object(["a": .number("2")])]))
    }

    @Test("a wrongly typed field fails the item with its location")
    func wrongType() throws {
        let text = "{\"id\": \"k\", \"type\": \"book\",\n \"author\": \"Smith\"}"
        let decoded = Reference.fromCSLJSON(try JSONParser.parse(text), file: "bad.json", fallbackKey: "x")
        #expect(decoded.reference == nil)
        let error = try #require(decoded.diagnostics.first)
        #expect(error.description == "bad.json:2:12: error: [csljson.field-type] 'author' must be an array of names, found a string (entry 'k')")
    }

    @Test("an unknown type is imported as document with the original kept")
    func unknownType() throws {
        let decoded = Reference.fromCSLJSON(try JSONParser.parse(#"{"id": "k", "type": "podcast-episode"}"#), file: "t", fallbackKey: "x")
        #expect(decoded.reference?.type == .document)
        #expect(decoded.reference?.extraFields["type"] == "podcast-episode")
        #expect(decoded.diagnostics.map(\.code) == ["csljson.unknown-type"])
    }

    @Test("EDTF strings and raw dates are read", arguments: [
        ("\"2021-03\"", 2021, 3), ("{\"raw\": \"2020-10-27\"}", 2020, 10), ("{\"date-parts\": [[\"2019\", \"7\"]]}", 2019, 7),
    ])
    func dates(_ json: String, _ year: Int, _ month: Int) throws {
        let text = "{\"id\": \"k\", \"type\": \"book\", \"issued\": \(json)}"
        let issued = try #require(Reference.fromCSLJSON(try JSONParser.parse(text), file: "t", fallbackKey: "x").reference?.issued)
        #expect(issued.year == year)
        #expect(issued.parts.first?.month == month)
    }
}
