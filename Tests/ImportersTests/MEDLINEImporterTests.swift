import CitationModel
import Foundation
import Importers
import Testing

/// The MEDLINE (`.nbib`) importer, rule by rule, on `Fixtures/nbib/pubmed.nbib`.
@Suite struct MEDLINEImporterTests {
    static func records() throws -> CollectingSink {
        MEDLINEImporter().parseAll(try RISTestSupport.fixture("nbib/pubmed.nbib"))
    }

    @Test func readsEveryRecordAndReportsBadValuesAtTheirLines() throws {
        let sink = try Self.records()
        #expect(sink.records.count == 3)
        #expect(sink.records.map(\.location.line) == [1, 39, 50])
        #expect(RISTestSupport.lines(sink) == ["warning nbib.invalid-pmid 50", "warning nbib.date 51"])
        #expect(sink.diagnostics.map(\.description) == [
            "nbib/pubmed.nbib:50:1: warning: [nbib.invalid-pmid] 'abc' is not a PMID; kept as text (entry 'editorchapter')",
            "nbib/pubmed.nbib:51:1: warning: [nbib.date] cannot read the date 'Unknown'; kept as text (entry 'editorchapter')",
        ])
    }

    @Test func readsAJournalArticle() throws {
        let reference = try Self.records().references[0]
        #expect(reference.pmid == "33000001")
        #expect(reference.pmcid == "PMC7904184")
        #expect(reference.doi == "10.1371/journal.pone.0246620")
        #expect(reference.title?.plain == "Implementation strategies for evidence-based practice: a systematic review and meta-analysis.")
        #expect(reference.abstract?.plain == "BACKGROUND: Many strategies exist. METHODS: We searched five databases. RESULTS: Forty studies were included.")
        #expect(reference.type == .articleJournal)
        #expect(reference.containerTitle?.plain == "PloS one")
        #expect(reference.containerTitleShort == "PLoS One")
        #expect(reference.volume == "16")
        #expect(reference.issue == "2")
        #expect(reference.page == "3643-3651")
        #expect(reference.issued?.parts.first == PartialDate.Parts(year: 2021, month: 3))
        #expect(reference.csl["available-date"] == Reference.cslDate(PartialDate(year: 2021, month: 2, day: 24)))
        #expect(reference.language == "eng")
        #expect(reference.citationKey == "vanderberg2021implementation")
    }

    @Test func prefersFullNamesAndKeepsCollectiveAuthorsAndORCIDs() throws {
        let reference = try Self.records().references[0]
        let authors = reference.creators(.author)
        #expect(authors.count == 3)
        #expect(authors[0].family == "Berg")
        #expect(authors[0].nonDroppingParticle == "van der")
        #expect(authors[0].given == "Johanna Maria")
        #expect(authors[0].orcid == "0000-0002-1825-0097")
        #expect(authors[1].family == "Smith")
        #expect(authors[1].given == "John A")
        #expect(authors[2].literal == "Evidence Synthesis Collaboration")
        #expect(reference.extraFields["AD"] == "Department of Health, University of Somewhere, Utrecht, The Netherlands.")
        let initialsOnly = try Self.records().references[1].creators(.author)
        #expect(initialsOnly.map(\.family) == ["Doe", "Roe"])
        #expect(initialsOnly.map(\.given) == ["J.", "R. R."])
    }

    @Test func keepsISSNKindsPublicationTypesAndSubjects() throws {
        let reference = try Self.records().references[0]
        #expect(reference.identifier(.issn) == "1932-6203")
        #expect(reference.identifiers.first { $0.kind == .issn }?.raw == "1932-6203 (Electronic)")
        #expect(reference.extraFields["IS"] == "1932-6203 (Electronic)\n1932-6203 (Linking)")
        #expect(reference.extraFields["PT"] == "Journal Article\nMeta-Analysis\nSystematic Review")
        #expect(reference.extraFields["LID"] == "S1769-7212(19)30059-X [pii]")
        #expect(reference.keywords == ["implementation science", "systematic review", "Humans", "Evidence-Based Practice"])
        #expect(reference.extraFields["MH"] == "Humans\n*Evidence-Based Practice/methods")
        #expect(reference.extraFields["OWN"] == "NLM")
        #expect(reference.extraFields["SO"] == "PLoS One. 2021 Feb 24;16(2):e0246620.")
    }

    @Test func infersTheStudyDesignFromPublicationTypes() throws {
        let references = try Self.records().references
        #expect(references[0].studyDesign == .systematicReview)
        #expect(references[1].studyDesign == .trial)
        #expect(references[2].studyDesign == nil)
    }

    @Test func readsSeasonsAndBookChapters() throws {
        let references = try Self.records().references
        #expect(references[1].issued?.year == 2019)
        #expect(references[1].issued?.season == "1")
        #expect(references[1].page == "e12")
        let chapter = references[2]
        #expect(chapter.type == .chapter)
        #expect(chapter.title?.plain == "A chapter in a book.")
        #expect(chapter.containerTitle?.plain == "The Handbook of Implementation")
        #expect(chapter.creators(.editor).map(\.given) == ["Erna"])
        #expect(chapter.publisher == "Example Press")
        #expect(chapter.issued == nil)
        #expect(chapter.extraFields["DP"] == "Unknown")
    }

    @Test func formatDetectionTellsMEDLINEFromRISByContentWhateverTheName() throws {
        let nbib = try RISTestSupport.fixture("nbib/pubmed.nbib").bytes
        #expect(ImportFormat.detect(bytes: nbib, fileName: "pubmed-export.ris") == .nbib)
        #expect(ImportFormat.detect(bytes: nbib, fileName: "export.txt") == .nbib)
        let ris = try RISTestSupport.fixture("ris/tolerant-lines.ris").bytes
        #expect(ImportFormat.detect(bytes: ris, fileName: "looks-like.nbib") == .ris)
        // A MEDLINE file whose first lines are not PMID still has MEDLINE's padded tags.
        #expect(ImportFormat.detect(bytes: Array("OWN - NLM\nSTAT- MEDLINE\nTI  - x\n".utf8), fileName: "a.ris") == .nbib)
    }

    @Test func expandsAbbreviatedPageRanges() {
        let cases = ["3643-51": "3643-3651", "147-170": "147-170", "e123-9": "e123-e129", "103640": "103640", "12-3a": "12-3a"]
        for (given, expected) in cases {
            let source = SourceText(file: "p.nbib", text: "PMID- 1\nPG  - \(given)\n")
            #expect(MEDLINEImporter().parseAll(source).references.first?.page == expected, "\(given)")
        }
    }

    @Test func aFileWithoutRecordsIsOneFailedBlock() {
        let sink = MEDLINEImporter().parseAll(SourceText(file: "empty.nbib", text: "\n   \nnothing here\n"))
        #expect(RISTestSupport.lines(sink) == ["error nbib.no-records 3"])
        #expect(sink.failed == 1)
    }
}
