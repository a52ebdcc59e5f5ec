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

    @Test("prefixes in any case, a lower-case ISBN check digit, and text beyond ASCII")
    func casesAndScripts() {
        #expect(Identifier(.doi, "DOI:10.1000/ABC")?.value == "10.1000/abc")
        #expect(Identifier(.doi, "HTTPS://DX.DOI.ORG/10.1000/x")?.value == "10.1000/x")
        #expect(Identifier(.doi, "doi.org/ 10.1000/x")?.value == "10.1000/x")
        #expect(Identifier(.doi, "10.1000") == nil)
        #expect(Identifier(.doi, "10.1000/Ünï")?.value == "10.1000/ünï")
        #expect(Identifier(.pmid, "PMID: 35544529")?.value == "35544529")
        #expect(Identifier(.pmid, "3554 4529") == nil)
        #expect(Identifier(.isbn, "0-8044-2957-x")?.value == "080442957X")
        #expect(Identifier(.issn, "ISSN 0028-0836")?.value == "0028-0836")
        #expect(Identifier(.issn, "0028-083") == nil)
    }
}
