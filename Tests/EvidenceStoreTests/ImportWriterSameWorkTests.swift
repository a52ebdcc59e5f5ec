import CitationModel
import EvidenceStore
import Foundation
import Testing

/// The same-work rule for a citation key that is already taken (architecture "The way data flows", step 5), which
/// the BibTeX work made cheaper (stored title column and DOI instead of re-parsing the stored CSL-JSON).
@Suite struct ImportWriterSameWorkTests {
    func store() throws -> EvidenceStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("same-work-\(UUID().uuidString).sqlite").path
        return try EvidenceStore(path: path)
    }

    func upsert(_ store: EvidenceStore, _ references: [Reference]) throws -> [UpsertResult] {
        try store.importRun(description: "test") { writer in
            (try references.map { try writer.upsert($0, file: "t.bib", format: "bibtex", line: 1) }, true)
        }
    }

    @Test func sameKeyAndTitleIsTheSameWorkAndADifferentTitleGetsANewKey() throws {
        let store = try store()
        let first = Reference(citationKey: "k", title: "The Title", subtitle: "Sub")
        let again = Reference(citationKey: "k", title: "the title: sub!", volume: "2")
        let other = Reference(citationKey: "k", title: "Another Work")
        let results = try upsert(store, [first, again, other])
        #expect(results.map(\.outcome) == [.inserted, .updated, .inserted])
        #expect(results[2].citationKey == "k-2")
        #expect(results[2].renamedFrom == "k")
    }

    @Test func everyOtherWorkWithATakenKeyGetsTheNextFreeSuffixWithinARunAndAcrossRuns() throws {
        let store = try store()
        let works = ["First", "Second", "Third", "Fourth"].map { Reference(citationKey: "n", title: RichText($0)) }
        var results = try upsert(store, works + [Reference(citationKey: "n-3", title: "Third", volume: "2")])
        #expect(results.map(\.citationKey) == ["n", "n-2", "n-3", "n-4", "n-3"])
        #expect(results.map(\.outcome) == [.inserted, .inserted, .inserted, .inserted, .updated])
        results = try upsert(store, [Reference(citationKey: "n", title: "Fifth"), Reference(citationKey: "n", title: "Sixth")])
        #expect(results.map(\.citationKey) == ["n-5", "n-6"])
    }

    @Test func nonASCIITitlesCompareIgnoringCaseAndPunctuationButNotAccents() throws {
        let store = try store()
        let first = Reference(citationKey: "u", title: "Évaluation des pratiques: Québec 2019")
        let again = Reference(citationKey: "u", title: "évaluation des pratiques — québec, 2019!", volume: "3")
        let unaccented = Reference(citationKey: "u", title: "Evaluation des pratiques: Quebec 2019")
        let results = try upsert(store, [first, again, unaccented])
        #expect(results.map(\.outcome) == [.inserted, .updated, .inserted])
        #expect(results.map(\.citationKey) == ["u", "u", "u-2"])
    }

    @Test func otherScriptsCompareIgnoringCaseToo() throws {
        let store = try store()
        let first = Reference(citationKey: "g", title: "Ανάλυση ΠΡΑΚΤΙΚΏΝ — Анализ ПРАКТИКИ (2020)")
        let again = Reference(citationKey: "g", title: "ανάλυση πρακτικών: анализ практики, 2020", volume: "4")
        let other = Reference(citationKey: "g", title: "Ανάλυση πρακτικών — Анализ теории (2020)")
        let results = try upsert(store, [first, again, other])
        #expect(results.map(\.outcome) == [.inserted, .updated, .inserted])
        #expect(results.map(\.citationKey) == ["g", "g", "g-2"])
    }

    @Test func conflictingDOIsAreDifferentWorksAndAMissingTitleMatches() throws {
        let store = try store()
        var first = Reference(citationKey: "d", title: "Same")
        first.addIdentifier(Identifier(.doi, "10.1/a")!)
        var second = Reference(citationKey: "d", title: "Same")
        second.addIdentifier(Identifier(.doi, "10.1/b")!)
        let untitled = Reference(citationKey: "d")
        let results = try upsert(store, [first, second, untitled])
        #expect(results.map(\.outcome) == [.inserted, .inserted, .updated])
        #expect(results[1].citationKey == "d-2")
        #expect(results[2].citationKey == "d")
    }
}
