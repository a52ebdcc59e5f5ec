import CitationModel
import Testing

@Suite("Identifier normalisation")
struct IdentifierTests {
    @Test("DOIs lose resolver prefixes and case", arguments: [
        "10.1186/S12913-020-05145-1", "https://doi.org/10.1186/s12913-020-05145-1", "doi:10.1186/s12913-020-05145-1",
        "http://dx.doi.org/10.1186/s12913-020-05145-1", " 10.1186/s12913-020-05145-1 ",
    ])
    func doi(_ raw: String) {
        #expect(Identifier(.doi, raw)?.value == "10.1186/s12913-020-05145-1")
    }

    @Test("malformed identifiers are rejected")
    func malformed() {
        #expect(Identifier(.doi, "not a doi") == nil)
        #expect(Identifier(.pmid, "PMC123") == nil)
        #expect(Identifier(.isbn, "12345") == nil)
    }

    @Test("PMCID, ISBN and ISSN take one shape")
    func otherKinds() {
        #expect(Identifier(.pmcid, "pmc9094539")?.value == "PMC9094539")
        #expect(Identifier(.pmcid, "9094539")?.value == "PMC9094539")
        #expect(Identifier(.isbn, "978-0-306-40615-7")?.value == "9780306406157")
        #expect(Identifier(.issn, "1049 731x")?.value == "1049-731X")
        #expect(Identifier(.pmid, "35544529")?.raw == "35544529")
    }
}
