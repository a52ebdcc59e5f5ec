import CitationModel
import EvidenceStore
import Testing

/// The same-work rule for a citation key that is already taken (architecture "The way data flows", step 5), which
/// the BibTeX work made cheaper (stored title column and DOI instead of re-parsing the stored CSL-JSON).
@Suite struct ImportWriterSameWorkTests {
    @Test func sameKeyAndTitleIsTheSameWorkAndADifferentTitleGetsANewKey() throws {
        let store = try TemporaryStore()
        let first = Reference(citationKey: "k", title: "The Title", subtitle: "Sub")
        let again = Reference(citationKey: "k", title: "the title: sub!", volume: "2")
        let other = Reference(citationKey: "k", title: "Another Work")
        let results = try store.importing([first, again, other])
        #expect(results.map(\.outcome) == [.inserted, .updated, .inserted])
        #expect(results[2].citationKey == "k-2")
        #expect(results[2].renamedFrom == "k")
    }

    @Test func everyOtherWorkWithATakenKeyGetsTheNextFreeSuffixWithinARunAndAcrossRuns() throws {
        let store = try TemporaryStore()
        let works = ["First", "Second", "Third", "Fourth"].map { Reference(citationKey: "n", title: RichText($0)) }
        var results = try store.importing(works + [Reference(citationKey: "n-3", title: "Third", volume: "2")])
        #expect(results.map(\.citationKey) == ["n", "n-2", "n-3", "n-4", "n-3"])
        #expect(results.map(\.outcome) == [.inserted, .inserted, .inserted, .inserted, .updated])
        results = try store.importing([Reference(citationKey: "n", title: "Fifth"), Reference(citationKey: "n", title: "Sixth")])
        #expect(results.map(\.citationKey) == ["n-5", "n-6"])
    }

    /// Titles outside ASCII: case and punctuation are ignored, accents are not (Latin), and case is ignored in other
    /// scripts too (Greek and Cyrillic); each case is a stored title, the same work written differently, and another work.
    @Test(arguments: [
        (
            "u", "Évaluation des pratiques: Québec 2019", "évaluation des pratiques — québec, 2019!",
            "Evaluation des pratiques: Quebec 2019"
        ),
        (
            "g", "Ανάλυση ΠΡΑΚΤΙΚΏΝ — Анализ ПРАКТИКИ (2020)", "ανάλυση πρακτικών: анализ практики, 2020",
            "Ανάλυση πρακτικών — Анализ теории (2020)"
        ),
    ])
    func nonASCIITitlesCompareIgnoringCaseAndPunctuation(key: String, title: String, sameWork: String, otherWork: String) throws {
        let store = try TemporaryStore()
        let first = Reference(citationKey: key, title: RichText(title))
        let again = Reference(citationKey: key, title: RichText(sameWork), volume: "3")
        let other = Reference(citationKey: key, title: RichText(otherWork))
        let results = try store.importing([first, again, other])
        #expect(results.map(\.outcome) == [.inserted, .updated, .inserted])
        #expect(results.map(\.citationKey) == [key, key, key + "-2"])
    }

    @Test func conflictingDOIsAreDifferentWorksAndAMissingTitleMatches() throws {
        let store = try TemporaryStore()
        var first = Reference(citationKey: "d", title: "Same")
        first.addIdentifier(Identifier(.doi, "10.1/a")!)
        var second = Reference(citationKey: "d", title: "Same")
        second.addIdentifier(Identifier(.doi, "10.1/b")!)
        let untitled = Reference(citationKey: "d")
        let results = try store.importing([first, second, untitled])
        #expect(results.map(\.outcome) == [.inserted, .inserted, .updated])
        #expect(results[1].citationKey == "d-2")
        #expect(results[2].citationKey == "d")
    }
}
