import Foundation
import Testing

@Suite struct CurationCommandTests {
    @Test func bulkFileWithBadRowsAppliesNothingAndReportsEveryBadRow() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let before = try cli.run("tags", "albers2020implementation", "--json")
        let file = try cli.write("links.csv", """
            reference,concept,relation,strength,locator,rationale
            albers2020implementation,co-design,supports,moderate,p. 5,a good row
            nobody1999,co-design,supports,moderate,,unknown reference
            albers2020implementation,telepathy,supports,moderate,,unknown concept
            albers2021skills,C3,supports,enormous,,bad strength
            albers2021skills,C4,describes,emerging,,another good row

            """)
        let result = try cli.run("tag", "--from", file)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: [") }
        #expect(errors.count == 3)
        #expect(errors[0].hasPrefix("\(file):3:1: error: [link.unknown-reference] no reference 'nobody1999'"))
        #expect(errors[1].hasPrefix("\(file):4:26: error: [link.unknown-concept] unknown concept 'telepathy'"))
        #expect(errors[2].hasPrefix("\(file):5:"))
        #expect(result.stderr.contains("3 bad rows"))
        #expect(try cli.run("tags", "albers2020implementation", "--json").stdout == before.stdout, "nothing applied")
        let log = try #require(EvidenceBinary.json(try cli.run("log", "--json").stdout) as? [[String: Any]])
        #expect(!log.contains { $0["actor"] as? String == "test curator" }, "nothing logged")

        let good = try cli.write("good.json", """
            [
              {"reference": "albers2020implementation", "concept": "co-design", "relation": "supports", "locator": "p. 5"},
              {"reference": "albers2021skills", "concept": "C4", "relation": "describes", "strength": "emerging"}
            ]
            """)
        let applied = try cli.run("tag", "--from", good)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("2 links added, 0 updated, 0 unchanged"))
        let again = try cli.run("tag", "--from", good)
        #expect(again.stdout.contains("0 links added, 0 updated, 2 unchanged"), "idempotent on re-run")
    }

    @Test func twoConcurrentTagProcessesKeepBothLinks() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        try cli.run("framework")  // create and seed the store first
        let concepts = ["C1", "C3", "C5", "C6", "C9", "C10", "C11", "C13"]
        let first = try cli.start(["tag", "metz2022building"] + concepts.prefix(4) + ["--strength", "emerging"], curator: "first")
        let second = try cli.start(["tag", "metz2022outofstep"] + concepts.suffix(4) + ["--strength", "emerging"], curator: "second")
        for (process, _, out, err) in [first, second] {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(stderr)")
        }
        let a = try #require(EvidenceBinary.json(try cli.run("tags", "metz2022building", "--json").stdout) as? [[String: Any]])
        let b = try #require(EvidenceBinary.json(try cli.run("tags", "metz2022outofstep", "--json").stdout) as? [[String: Any]])
        #expect(a.filter { $0["curator"] as? String == "first" }.count == 4)
        #expect(b.filter { $0["curator"] as? String == "second" }.count == 4)
    }

    @Test func untagIsLoggedWithTheRemovedLinkAndCanBeUndone() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let tagged = try cli.run("tag", "metz2022building", "co-design", "--relation", "supports", "--strength", "strong", "--page", "7", "--quote", "trust enables co-design", curator: "alice")
        #expect(tagged.status == 0, "\(tagged.stderr)")
        #expect(tagged.stdout.contains("supports · strong"))
        let untagged = try cli.run("untag", "metz2022building", "C4", curator: "bob")
        #expect(untagged.status == 0)
        #expect(untagged.stdout.contains("Removed metz2022building → C4 Co-design"))

        let log = try #require(EvidenceBinary.json(try cli.run("log", "metz2022building", "--json").stdout) as? [[String: Any]])
        let mine = log.filter { $0["concept"] as? String == "isp:competency/co-design" }
        #expect(mine.map { $0["action"] as? String } == ["link.add", "link.remove"])
        #expect(mine.map { $0["actor"] as? String } == ["alice", "bob"])
        let removed = try #require(mine.last?["before"] as? [String: Any])
        #expect(removed["quote"] as? String == "trust enables co-design")
        #expect(removed["locator"] as? String == "p. 7")
        let text = try cli.run("log", "co-design")
        #expect(text.stdout.contains("bob  removed  metz2022building → C4 Co-design"))

        let undone = try cli.run("untag", "--undo", "metz2022building", "C4", curator: "carol")
        #expect(undone.status == 0, "\(undone.stderr)")
        let links = try #require(EvidenceBinary.json(try cli.run("tags", "metz2022building", "--json").stdout) as? [[String: Any]])
        let restored = try #require(links.first { $0["concept"] as? String == "isp:competency/co-design" })
        #expect(restored["quote"] as? String == "trust enables co-design")
        #expect(restored["curator"] as? String == "alice")
        let again = try cli.run("restore", "metz2022building", "C4")
        #expect(again.status == 1)
        #expect(again.stderr.contains("is linked to"))
    }

    @Test func designAndSuggestions() throws {
        let cli = try EvidenceBinary()
        defer { cli.cleanUp() }
        let design = try cli.run("design", "metz2022building", "qualitative")
        #expect(design.status == 0)
        let show = try #require(EvidenceBinary.json(try cli.run("for", "C12", "--design", "qualitative", "--json").stdout) as? [[String: Any]])
        #expect(show.contains { $0["id"] as? String == "metz2022building" })
        #expect(try cli.run("design", "metz2022building", "horoscope").status == 2)

        let suggest = try cli.run("suggest", "metz2022building", "--json")
        let proposals = try #require(EvidenceBinary.json(suggest.stdout) as? [[String: Any]])
        let first = try #require((proposals.first?["suggestions"] as? [[String: Any]])?.first)
        #expect(first["concept"] as? String == "isp:competency/growing-and-sustaining-relationships")
        #expect((first["matched"] as? [String])?.contains("relationships") == true)
        // Already linked, so --accept stores nothing for it.
        let accepted = try cli.run("suggest", "--all", "--accept")
        #expect(accepted.status == 0)
        #expect(accepted.stdout.contains("Stored 0 suggested links"))
    }
}
