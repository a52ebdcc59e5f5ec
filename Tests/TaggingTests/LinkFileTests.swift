import CitationModel
import Tagging
import Testing

@Suite struct LinkFileTests {
    func parse(_ text: String, file: String = "links.csv") -> (rows: [LinkFile.Row], diagnostics: [Diagnostic]) {
        LinkFile.parse(SourceText(file: file, text: text))
    }

    @Test func csvWithQuotesCommasAndNewlines() {
        let (rows, diagnostics) = parse("""
            reference,concept,relation,strength,quote,locator
            metz2021,co-design,supports,strong,"a quote, with comma and ""quotes""
            over two lines",p. 3
            albers2020,C2,,,,
            """)
        #expect(diagnostics.isEmpty)
        #expect(rows.count == 2)
        #expect(rows[0].quote == "a quote, with comma and \"quotes\"\nover two lines")
        #expect(rows[0].relation == .supports)
        #expect(rows[0].locator == "p. 3")
        #expect(rows[1].line == 4)
        #expect(rows[1].relation == nil)
        #expect(rows[1].concept == "C2")
    }

    @Test func tsvIsToldFromTheHeader() {
        let (rows, diagnostics) = parse("reference\tconcept\tstrength\nmetz2021\tbrokering\temerging\n", file: "links.tsv")
        #expect(diagnostics.isEmpty)
        #expect(rows.first?.strength == .emerging)
        #expect(LinkFile.format(of: SourceText(file: "x", text: "reference\tconcept\n")) == .tsv)
    }

    @Test func everyBadRowIsReportedWithItsLine() {
        let (rows, diagnostics) = parse("""
            reference,concept,strength
            a,c1,strong
            ,c1,strong
            b,c2,huge
            c,,moderate
            """)
        #expect(rows.map(\.reference) == ["a"])
        #expect(diagnostics.map { $0.location?.line } == [3, 4, 5])
        #expect(diagnostics[1].description.hasPrefix("links.csv:4:6: error: [link.invalid-strength] unknown strength 'huge'"))
    }

    @Test func unknownColumnsAreRejected() {
        let (rows, diagnostics) = parse("reference,concept,weight\na,b,1\n")
        #expect(rows.isEmpty)
        #expect(diagnostics.first?.code == "link.unknown-column")
    }

    @Test func jsonRowsCarryTheLineOfTheirObject() {
        let (rows, diagnostics) = parse("""
            [
              {"reference": "a", "concept": "C1", "relation": "measures"},
              {"reference": "b",
               "concept": "C2", "relation": "proves"},
              {"concept": "C3"}
            ]
            """, file: "links.json")
        #expect(rows.count == 1)
        #expect(rows[0].relation == .measures)
        #expect(rows[0].line == 2)
        #expect(diagnostics.map { $0.location?.line } == [4, 5])
    }
}
