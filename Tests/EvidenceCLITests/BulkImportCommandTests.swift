import Foundation
import Testing

/// A large import into a new store is loaded in bulk (a rollback journal, the search index built on another thread
/// and copied in); a small one is written in place. Run as a user runs them, one after the other on one store, both
/// must leave a store whose search finds every record and that is back in WAL mode with no journal left beside it.
@Suite struct BulkImportCommandTests {
    /// eLife's articles in the shared corpora (3.9 MB: more than the 1 MiB under which an import is written in place).
    static let elife = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpora/jats/elife")
    static var corpusExists: Bool { FileManager.default.fileExists(atPath: elife.path) }

    static func json(_ data: Data) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }

    /// The longest word of a title: something a search for it must find.
    static func longestWord(_ title: String) -> String {
        title.split(whereSeparator: { !$0.isLetter }).map(String.init).max { $0.count < $1.count } ?? title
    }

    @Test(.enabled(if: RISCommandTests.binaryExists && corpusExists))
    func aLargeImportThenASmallOneLeaveOneSearchableStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store.sqlite")

        let (status, output, errors) = try RISCommandTests.run(["import", Self.elife.path], store: store)
        #expect(status == 0, "\(errors)")
        #expect(String(decoding: output, as: UTF8.self).contains("Imported "))
        let (_, listed, _) = try RISCommandTests.run(["list", "--json", "--limit", "1000"], store: store)
        let articles = try Self.json(listed)
        #expect(!articles.isEmpty)

        let small = RISCommandTests.fixtures.appendingPathComponent("ris/authors.ris")
        let (smallStatus, _, smallErrors) = try RISCommandTests.run(["import", small.path], store: store)
        #expect(smallStatus == 0, "\(smallErrors)")

        // Every imported article with a title is found by the longest word of it, and so is the record added in place.
        let titled = articles.filter { !($0["title"] as? String ?? "").isEmpty }
        #expect(titled.count > articles.count / 2)
        for article in titled {
            let title = article["title"] as? String ?? ""
            let (_, found, _) = try RISCommandTests.run(["search", "--json", "--limit", "1000", Self.longestWord(title)], store: store)
            let ids = try Self.json(found).compactMap { $0["id"] as? String }
            #expect(ids.contains(article["id"] as? String ?? ""), "\(title)")
        }
        let (_, shapes, _) = try RISCommandTests.run(["search", "--json", "shape"], store: store)
        #expect(try Self.json(shapes).compactMap { $0["title"] as? String } == ["Names of Every Shape"])

        // Bytes 18 and 19 of the file's header are 2 in WAL mode (SQLite file format, "1.3 The Database Header").
        let header = try Data(contentsOf: store)
        #expect(header[18] == 2 && header[19] == 2)
        #expect(!FileManager.default.fileExists(atPath: store.path + "-journal"))
    }
}
