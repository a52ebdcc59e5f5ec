import Foundation
import Testing

/// End to end through the built `evidence` binary: a JATS import stores the cited works and the `cites` edges;
/// `show` lists them, `show --json` carries them under "cites", `cited-by` answers the other way round, and a
/// second import of the same file updates instead of duplicating.
@Suite(.serialized) struct CitedByCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixture = packageRoot.appendingPathComponent("Tests/ImportersTests/Fixtures/jats/reference-list.xml")

    /// The `evidence` executable next to the test bundle, or in the package's debug build folder.
    static var binary: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("evidence"),
            packageRoot.appendingPathComponent(".build/debug/evidence"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func evidence(_ arguments: [String], store: URL) throws -> Run {
        let process = Process()
        let executable: URL = try #require(binary)
        process.executableURL = executable
        process.arguments = ["--store", store.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "200"
        environment["EVIDENCE_CURATOR"] = "test"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryStore() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("evidence-cited-by-\(UUID().uuidString).sqlite")
    }

    @Test(.enabled(if: binary != nil)) func jatsImportRecordsTheCitationGraph() throws {
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }

        let first = try Self.evidence(["import", Self.fixture.path], store: store)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 record from 1 file: 1 new"))
        #expect(first.stdout.contains("9 cited works"))

        let listed = try Self.evidence(["list", "--json"], store: store)
        let library = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(library?.map { $0["id"] as? String } == ["citer2020citing"])
        let everything = try Self.evidence(["list", "--json", "--include-cited"], store: store)
        let allCount = (try JSONSerialization.jsonObject(with: Data(everything.stdout.utf8)) as? [Any])?.count
        #expect(allCount == 10)

        let shown = try Self.evidence(["show", "10.1371/journal.pone.0000001", "--json"], store: store)
        #expect(shown.status == 0)
        let item = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let cites = item?["cites"] as? [[String: Any]]
        #expect(cites?.count == 9)
        #expect(cites?.first?["id"] as? String == "metz2015cocreation")
        #expect(cites?.first?["DOI"] as? String == "10.1186/S13012-015-0001-1")

        let text = try Self.evidence(["show", "citer2020citing"], store: store)
        #expect(text.stdout.contains("Cites (9)"))
        #expect(text.stdout.contains("Metz, A., & Louison, L. (2015). Co-creation in practice."))

        let citedBy = try Self.evidence(["cited-by", "10.1186/s13012-015-0001-1"], store: store)
        #expect(citedBy.status == 0)
        #expect(citedBy.stdout.contains("Cited by (1)"))
        #expect(citedBy.stdout.contains("[citer2020citing]"))
        let citedByJSON = try Self.evidence(["cited-by", "metz2015cocreation", "--json"], store: store)
        let citing = try JSONSerialization.jsonObject(with: Data(citedByJSON.stdout.utf8)) as? [[String: Any]]
        #expect(citing?.map { $0["id"] as? String } == ["citer2020citing"])

        let again = try Self.evidence(["import", Self.fixture.path], store: store)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new"))
        let afterCount = (try JSONSerialization.jsonObject(with: Data(try Self.evidence(["list", "--json", "--include-cited"], store: store).stdout.utf8)) as? [Any])?.count
        #expect(afterCount == 10)
        let citesAfter = try JSONSerialization.jsonObject(with: Data(try Self.evidence(["show", "citer2020citing", "--json"], store: store).stdout.utf8)) as? [String: Any]
        #expect((citesAfter?["cites"] as? [Any])?.count == 9)
    }

    @Test(.enabled(if: binary != nil)) func importingACitedWorkInItsOwnRightMakesItAMember() throws {
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        _ = try Self.evidence(["import", Self.fixture.path], store: store)
        let article = Self.fixture.deletingLastPathComponent().appendingPathComponent("cited-article.xml")
        let run = try Self.evidence(["import", article.path], store: store)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("0 new, 1 updated"))
        let listed = try Self.evidence(["list", "--json"], store: store)
        let library = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        #expect(Set(library?.compactMap { $0["id"] as? String } ?? []) == ["citer2020citing", "metz2015cocreation"])
        let shown = try Self.evidence(["show", "10.1186/s13012-015-0001-1", "--json"], store: store)
        let item = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        #expect((item?["author"] as? [[String: Any]])?.first?["given"] as? String == "Allison")
        let citedBy = try Self.evidence(["cited-by", "10.1186/s13012-015-0001-1"], store: store)
        #expect(citedBy.stdout.contains("[citer2020citing]"))
    }

    @Test(.enabled(if: binary != nil)) func citedByAWorkNobodyCites() throws {
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        _ = try Self.evidence(["import", Self.fixture.path], store: store)
        let run = try Self.evidence(["cited-by", "citer2020citing"], store: store)
        #expect(run.status == 0)
        #expect(run.stdout.contains("No paper in the store cites it."))
        let missing = try Self.evidence(["cited-by", "nosuchkey1999"], store: store)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no reference 'nosuchkey1999'"))
    }
}
