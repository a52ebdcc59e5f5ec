import Foundation
import Testing

/// The acceptance queries of issue 6 on a fresh default store (XDG_DATA_HOME in a temporary folder).
@Suite struct QueryCommandTests {
    @Test func forBrokeringAnswersWithRankedPapers() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let result = try cli.run("for", "brokering")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Brokering (C2) — competency in Co-creation and engagement"))
        #expect(result.stdout.contains("5 papers, strongest first"))
        // Defining sources (strong, stated) come before inferred, moderate links.
        let defines = try #require(result.stdout.range(of: "defines    strong"))
        let inferred = try #require(result.stdout.range(of: "inferred"))
        #expect(defines.lowerBound < inferred.lowerBound)
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "lines fit COLUMNS=100")
    }

    @Test func forAdvanceEquityAndSustainingChange() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let equity = try cli.run("for", "advance equity")
        #expect(equity.status == 0)
        #expect(equity.stdout.hasPrefix("Advance equity (P4) — principle"))
        #expect(equity.stdout.contains("3 papers"))
        let domain = try cli.run("for", "Sustaining change", "--format", "json")
        #expect(domain.status == 0)
        let items = try #require(EvidenceBinary.json(domain.stdout) as? [[String: Any]])
        #expect(items.count == 8)
        // A domain includes its competencies' evidence.
        let concepts = Set(items.flatMap { ($0["evidence"] as? [[String: Any]] ?? []).compactMap { $0["concept"] as? String } })
        #expect(concepts.contains("isp:domain/sustaining-change"))
        #expect(concepts.contains("isp:competency/growing-and-sustaining-relationships"))
    }

    @Test func forFiltersAndFormats() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let csv = try cli.run("for", "brokering", "--format", "csv", "--min-strength", "strong")
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("rank,reference,year,design,concept,relation,strength") == true)
        #expect(lines.count == 4, "three strong links and a header")
        #expect(lines.dropFirst().allSatisfy { $0.contains(",strong,") })
        let reviews = try cli.run("for", "brokering", "--design", "systematic-review", "--format", "csljson")
        let items = try #require(EvidenceBinary.json(reviews.stdout) as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["albers2022mechanisms"])
        let json = try cli.run("for", "brokering", "--json", "--since", "2022")
        let recent = try #require(EvidenceBinary.json(json.stdout) as? [[String: Any]])
        #expect(recent.count == 2)
        let limited = try cli.run("for", "C12", "--limit", "2")
        #expect(limited.stdout.contains("… and 6 more papers"))
        let bad = try cli.run("for", "brokering", "--format", "docx")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown format 'docx'"))
    }

    @Test func mapAndGapsOnTheSeed() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let map = try cli.run("map")
        #expect(map.status == 0)
        #expect(map.stdout.contains("C12 Growing and sustaining relationships"))
        #expect(map.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let json = try cli.run("map", "--by", "relation", "--json")
        let object = try #require(EvidenceBinary.json(json.stdout) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 24)
        let brokering = try #require(rows.first { $0["code"] as? String == "C2" })
        #expect((brokering["counts"] as? [String: Int])?["defines"] == 2)
        let gaps = try cli.run("gaps")
        #expect(gaps.status == 0)
        #expect(gaps.stdout.contains("No gaps"))
    }

    @Test func gapsShowAConceptAfterItsOnlyLinksAreRemoved() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        for key in ["metz2020profile", "metz2020practiceguide", "metz2021implementation"] {
            try cli.run("untag", key, "advance equity")
        }
        let gaps = try cli.run("gaps", "--json")
        let items = try #require(EvidenceBinary.json(gaps.stdout) as? [[String: Any]])
        #expect(items.map { $0["code"] as? String } == ["P4"])
        #expect(items.first?["reasons"] as? [String] == ["no-evidence"])
    }

    @Test func mapHTMLOnAFreshDefaultStore() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let path = cli.home.appendingPathComponent("map.html").path
        let result = try cli.run("map", "--html", path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.storePath), "the default store was created under XDG_DATA_HOME")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<table class=\"matrix\""))
        #expect(html.components(separatedBy: "<th scope=\"row\"").count - 1 == 24)
        #expect(html.contains("Metz, A., Louison, L., Burke, K., Albers, B., &amp; Ward, C. (2020)"))
        #expect(!html.contains("src=\"http"))
    }
}
