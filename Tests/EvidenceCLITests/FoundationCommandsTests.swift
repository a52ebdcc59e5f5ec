import Foundation
import Testing

@Suite("evidence CLI end to end (the built binary)", .serialized)
struct FoundationCommandsTests {
    @Test("'for co-design' answers from a fresh default store, from any working directory")
    func forCoDesignOnFreshStore() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        #expect(!FileManager.default.fileExists(atPath: cli.defaultStore))
        let result = try cli.run(["for", "co-design"], directory: URL(fileURLWithPath: "/"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.defaultStore))
        #expect(result.stdout.hasPrefix("Co-design (C4) — competency in Co-creation and engagement"))
        let text = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Implementation Support Practitioner Profile: Guiding Principles and Core Competencies"))
        #expect(text.contains("Development and psychometric evaluation of the Implementation Support Competencies Assessment"))
        #expect(text.contains("defines strong stated guidance"))
        #expect(result.stderr.isEmpty)
    }

    @Test("'framework' shows 6 principles and 15 competencies in 3 domains with evidence counts")
    func frameworkTree() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let result = try cli.run(["framework"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Principles (6)"))
        #expect(result.stdout.contains("Core competencies (15) in 3 domains"))
        let lines = result.stdout.split(separator: "\n")
        let coDesign = try #require(lines.first { $0.contains("C4  Co-design") })
        #expect(coDesign.hasSuffix("4 papers"))
        let json = try cli.run(["framework", "--json"])
        let frameworks = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let concepts = try #require(frameworks?.first?["concepts"] as? [[String: Any]])
        #expect(concepts.count == 24)
        #expect(concepts.filter { $0["kind"] as? String == "competency" }.count == 15)
    }

    @Test("concepts resolve from aliases, codes and domain names", arguments: [
        (["power", "differentials"], "Addressing power differentials (C3)"), (["C3"], "Addressing power differentials (C3)"),
        (["Co-creation and engagement"], "Co-creation and engagement (D1)"),
    ])
    func resolvesConcepts(_ arguments: [String], _ heading: String) throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let result = try cli.run(["for"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(heading))
    }

    @Test("a domain's answer includes the evidence of its five competencies")
    func domainIncludesCompetencies() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let result = try cli.run(["for", "Co-creation and engagement", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let concepts = Set(items.flatMap { ($0["evidence"] as? [[String: Any]] ?? []).compactMap { $0["concept"] as? String } })
        for slug in ["co-learning", "brokering", "addressing-power-differentials", "co-design", "tailoring-support"] {
            #expect(concepts.contains("isp:competency/\(slug)"), "\(slug)")
        }
        #expect(items.first?["id"] as? String != nil)
    }

    @Test("a typo exits 1 with suggestions")
    func typoSuggestions() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let result = try cli.run(["for", "brokring"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no principle, domain or competency matches 'brokring'; did you mean 'Brokering (C2)'"))
    }

    @Test("usage errors exit 2")
    func usageError() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        #expect(try cli.run(["import", "--format", "docx", "x"]).status == 2)
        #expect(try cli.run(["list", "--limit", "many"]).status == 2)
    }

    @Test("export | import into a new store round-trips: exporting again gives the same JSON")
    func exportImportRoundTrip() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let first = try cli.run(["export", "--format", "csljson"])
        #expect(first.status == 0)
        let copy = cli.home.appendingPathComponent("copy.sqlite").path
        let imported = try cli.run(["--store", copy, "import", "-"], stdin: first.stdout)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("10 records from 1 file: 10 new"))
        let second = try cli.run(["export", "--format", "csljson", "--store", copy])
        #expect(second.stdout == first.stdout)
        #expect(first.stdout.contains("\"evidence\""))
    }

    @Test("a malformed CSL-JSON file gives file:line:col, exits non-zero and leaves the store unchanged")
    func malformedFile() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let before = try cli.run(["export"]).stdout
        let file = cli.home.appendingPathComponent("broken.json")
        try "[\n  {\"id\": \"new1\", \"type\": \"book\", \"title\": \"New\"},\n  {\"id\": \"new2\" \"type\": \"book\"}\n]\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try cli.run(["import", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):3:17: error: [csljson.syntax]"))
        #expect(try cli.run(["export"]).stdout == before)
    }

    @Test("--strict writes nothing when one record fails; without it the good records are kept")
    func strictImport() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let file = cli.home.appendingPathComponent("mixed.json")
        try #"[{"id": "good1", "type": "book", "title": "Good"}, {"id": "bad1", "type": "book", "issued": true}]"#.write(to: file, atomically: true, encoding: .utf8)
        let strict = try cli.run(["import", "--strict", file.path])
        #expect(strict.status == 1)
        #expect(try cli.run(["show", "good1"]).status == 1)
        let lenient = try cli.run(["import", file.path])
        #expect(lenient.status == 1)
        #expect(lenient.stdout.contains("1 record from 1 file: 1 new, 0 updated, 0 unchanged; 1 failed"))
        #expect(try cli.run(["show", "good1"]).status == 0)
    }

    @Test("a file whose format cannot be told fails the run: counted, reported, and with --strict nothing is written")
    func unknownFormatFileFailsTheRun() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let good = cli.home.appendingPathComponent("good.json")
        try #"[{"id": "good2", "type": "book", "title": "Good"}]"#.write(to: good, atomically: true, encoding: .utf8)
        let unknown = cli.home.appendingPathComponent("notes.txt")
        try "just some notes\n".write(to: unknown, atomically: true, encoding: .utf8)
        let strict = try cli.run(["import", "--strict", good.path, unknown.path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(unknown.path):1:1: error: [import.unknown-format]"))
        #expect(strict.stdout.contains("1 failed"))
        #expect(try cli.run(["show", "good2"]).status == 1)
        let lenient = try cli.run(["import", good.path, unknown.path])
        #expect(lenient.status == 1)
        #expect(lenient.stdout.contains("1 record from 1 file: 1 new, 0 updated, 0 unchanged; 1 failed"))
        #expect(try cli.run(["show", "good2"]).status == 0)
    }

    @Test("a folder with no file to import says so and exits 1, writing nothing")
    func emptyFolderFails() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let folder = cli.home.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "not a reference file\n".write(to: folder.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        let result = try cli.run(["import", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no file to import in the folder '\(folder.path)' (looked for .json"))
        #expect(!result.stdout.contains("Imported"))
    }

    @Test("show, list and search work on the seed, with JSON output")
    func readCommands() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let show = try cli.run(["show", "10.1371/journal.pone.0267533"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("Knowledge and attitudes of implementation support practitioners"))
        #expect(show.stdout.contains("Evidence links"))
        let list = try cli.run(["list", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 10)
        let search = try cli.run(["search", "trusting", "relationships"])
        #expect(search.stdout.contains("metz2022building"))
        let missing = try cli.run(["show", "metz2022buildng"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("did you mean 'metz2022building'"))
    }

    @Test("a store given with --store is created with the framework but not seeded; 'seed' loads it")
    func explicitStore() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let path = cli.home.appendingPathComponent("team.sqlite").path
        let empty = try cli.run(["--store", path, "for", "C4"])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("No evidence is linked"))
        let seeded = try cli.run(["seed"], environment: ["EVIDENCE_STORE": path])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(seeded.stdout.contains("10 records"))
        #expect(try cli.run(["for", "C4", "--store", path]).stdout.contains("4 papers"))
    }

    @Test("'framework add' installs a second framework whose concepts never collide with the ISP framework's")
    func secondFramework() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        let file = cli.home.appendingPathComponent("cfi.json")
        try """
            {"schema": "evidence-framework/1", "id": "cfi", "title": "Another framework", "concepts": [
              {"id": "competency/brokering", "kind": "competency", "code": "K1", "name": "Brokering", "aliases": ["linking"]}
            ]}
            """.write(to: file, atomically: true, encoding: .utf8)
        let added = try cli.run(["framework", "add", file.path])
        #expect(added.status == 0, "\(added.stderr)")
        let ambiguous = try cli.run(["for", "brokering"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("isp:competency/brokering") && ambiguous.stderr.contains("cfi:competency/brokering"))
        #expect(try cli.run(["for", "isp:competency/brokering"]).stdout.hasPrefix("Brokering (C2)"))
        #expect(try cli.run(["for", "linking"]).stdout.hasPrefix("Brokering (K1) — competency, Another framework"))
        let tree = try cli.run(["framework"])
        #expect(tree.stdout.contains("Another framework  [cfi]"))
        let broken = cli.home.appendingPathComponent("broken.json")
        try "{\"id\": \"x\", \"title\": \"X\", \"concepts\": [\n  {\"id\": \"a\"}]}".write(to: broken, atomically: true, encoding: .utf8)
        let rejected = try cli.run(["framework", "add", broken.path])
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("broken.json:2:3: error: [framework.concept]"))
    }

    @Test("'export --concept' writes exactly the papers 'for' lists, and --query narrows them")
    func exportByConcept() throws {
        let cli = try EvidenceBinary()
        defer { cli.remove() }
        func ids(_ text: String) throws -> Set<String> {
            let items = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            return Set(items.compactMap { $0["id"] as? String })
        }
        let answer = try ids(try cli.run(["for", "Sustaining change", "--json"]).stdout)
        let exported = try ids(try cli.run(["export", "--concept", "Sustaining change"]).stdout)
        #expect(!exported.isEmpty)
        #expect(exported == answer)
        let narrowed = try ids(try cli.run(["export", "--concept", "Sustaining change", "--query", "trusting"]).stdout)
        #expect(!narrowed.isEmpty && narrowed.isSubset(of: exported) && narrowed.count < exported.count)
    }
}
