import CitationModel
import EvidenceStore
import Foundation

/// A fresh store in a temporary folder with a small framework and three papers.
struct StoreFixture {
    let store: EvidenceStore
    let folder: URL
    var ids: [String: Int64] = [:]

    static let framework = Framework(
        id: "t", title: "Test framework",
        concepts: [
            Concept(frameworkID: "t", localID: "principle/care", kind: .principle, code: "P1", name: "Care", position: 0),
            Concept(frameworkID: "t", localID: "domain/change", kind: .domain, code: "D1", name: "Change", position: 1),
            Concept(frameworkID: "t", localID: "competency/teams", kind: .competency, code: "C1", name: "Teams", parent: "domain/change", position: 2),
        ])

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-store-tests-\(UUID().uuidString)")
        store = try EvidenceStore(path: folder.appendingPathComponent("store.sqlite").path)
        try store.install(Self.framework)
        let papers: [(String, Int, StudyDesign?)] = [("old2001", 2001, .trial), ("new2020", 2020, .survey), ("mid2010", 2010, nil)]
        ids = try store.importRun(description: "fixture") { writer in
            var ids: [String: Int64] = [:]
            for (key, year, design) in papers {
                var reference = Reference(citationKey: key, type: .articleJournal, title: RichText("Paper \(key)"), issued: PartialDate(year: year))
                reference.studyDesign = design
                ids[key] = try writer.upsert(reference, file: "fixture.json", format: "csljson", line: 1).id
            }
            return (ids, true)
        }
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }
}
