import CitationModel
import EvidenceStore
import Foundation
import Testing

@Suite struct EvidenceStoreQueryTests {
    /// old2001 (trial) strong-inferred, new2020 (survey) strong-stated, mid2010 (none) moderate-stated.
    func linked() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.store.applyLinks([
            .init(referenceID: fixture.ids["old2001"]!, conceptID: "t:competency/teams", relation: .supports, strength: .strong, basis: .inferred),
            .init(referenceID: fixture.ids["new2020"]!, conceptID: "t:competency/teams", relation: .describes, strength: .strong, basis: .stated),
            .init(referenceID: fixture.ids["mid2010"]!, conceptID: "t:competency/teams", relation: .defines, strength: .moderate),
            .init(referenceID: fixture.ids["mid2010"]!, conceptID: "t:domain/change", relation: .defines, strength: .emerging),
        ], actor: "alice")
        return fixture
    }

    @Test func rankedByStrengthThenStatedThenRelation() throws {
        let fixture = try linked()
        defer { fixture.cleanUp() }
        let answer = try fixture.store.rankedEvidence(forConcepts: ["t:competency/teams", "t:domain/change"])
        #expect(answer.total == 3)
        #expect(answer.papers.map(\.stored.reference.citationKey) == ["new2020", "old2001", "mid2010"])
        // A paper's links come strongest first.
        #expect(answer.papers[2].links.map(\.strength) == [.moderate, .emerging])
    }

    @Test func aPaperLinkedToSeveralConceptsInScopeIsOnePaper() throws {
        let fixture = try linked()
        defer { fixture.cleanUp() }
        for limit in [1, 2, 3, 10] {
            let answer = try fixture.store.rankedEvidence(forConcepts: ["t:domain/change", "t:competency/teams"], limit: limit)
            #expect(answer.papers.map(\.stored.reference.citationKey) == Array(["new2020", "old2001", "mid2010"].prefix(limit)))
            #expect(answer.total == 3)
            #expect(answer.papers.last?.stored.reference.citationKey != "mid2010" || answer.papers.last?.links.count == 2)
        }
        var filter = EvidenceStore.EvidenceFilter()
        filter.designs = [.trial]
        #expect(try fixture.store.rankedEvidence(forConcepts: ["t:domain/change", "t:competency/teams"], filter: filter, limit: 1).total == 1)
    }

    @Test func limitKeepsTheTotal() throws {
        let fixture = try linked()
        defer { fixture.cleanUp() }
        let answer = try fixture.store.rankedEvidence(forConcepts: ["t:competency/teams"], limit: 1)
        #expect(answer.papers.count == 1)
        #expect(answer.total == 3)
    }

    @Test func filtersByRelationStrengthDesignAndYears() throws {
        let fixture = try linked()
        defer { fixture.cleanUp() }
        let store = fixture.store
        func keys(_ change: (inout EvidenceStore.EvidenceFilter) -> Void) throws -> [String] {
            var filter = EvidenceStore.EvidenceFilter()
            change(&filter)
            return try store.rankedEvidence(forConcepts: ["t:competency/teams", "t:domain/change"], filter: filter).papers.map(\.stored.reference.citationKey)
        }
        #expect(try keys { $0.relations = [.defines] } == ["mid2010"])
        #expect(try keys { $0.minimumStrength = .strong } == ["new2020", "old2001"])
        #expect(try keys { $0.designs = [.trial, .survey] } == ["new2020", "old2001"])
        #expect(try keys { $0.since = 2005 } == ["new2020", "mid2010"])
        #expect(try keys { $0.until = 2010 } == ["old2001", "mid2010"])
        #expect(try keys { $0.since = 2030 }.isEmpty)
        // Only the links the filter keeps are shown.
        var filter = EvidenceStore.EvidenceFilter()
        filter.minimumStrength = .moderate
        let mid = try store.rankedEvidence(forConcepts: ["t:competency/teams", "t:domain/change"], filter: filter).papers.last
        #expect(mid?.links.map(\.concept) == ["t:competency/teams"])
    }

    @Test func talliesCountConfirmedLinksByConceptAndDesign() throws {
        let fixture = try linked()
        defer { fixture.cleanUp() }
        try fixture.store.applyLinks([.init(referenceID: fixture.ids["old2001"]!, conceptID: "t:principle/care", status: .suggested)], actor: "bot")
        let tallies = try fixture.store.linkTallies()
        #expect(tallies.reduce(0) { $0 + $1.papers } == 4)
        #expect(tallies.contains { $0.conceptID == "t:competency/teams" && $0.design == .trial && $0.basis == .inferred && $0.papers == 1 })
        #expect(!tallies.contains { $0.conceptID == "t:principle/care" })
        #expect(try fixture.store.linkTallies(includeSuggested: true).contains { $0.conceptID == "t:principle/care" })
    }
}

/// The schema's `rank_key` orders links as the model's vocabularies say, over every combination.
@Suite struct RankKeyTests {
    @Test func everyCombinationRanksByStrengthThenStatedThenRelation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-rank-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try EvidenceStore(path: folder.appendingPathComponent("s.sqlite").path)
        try store.install(StoreFixture.framework)
        var combinations: [(key: String, relation: EvidenceRelation, strength: EvidenceStrength, basis: EvidenceBasis?)] = []
        for relation in EvidenceRelation.allCases {
            for strength in EvidenceStrength.allCases {
                for basis in [EvidenceBasis.stated, .inferred, nil] {
                    combinations.append(("k\(combinations.count + 100)", relation, strength, basis))
                }
            }
        }
        let ids = try store.importRun(description: "combinations") { writer in
            (try combinations.map { try writer.upsert(Reference(citationKey: $0.key, type: .book, title: RichText($0.key), issued: PartialDate(year: 2000)), file: "x", format: "csljson", line: 1).id }, true)
        }
        try store.applyLinks(zip(ids, combinations).map { id, combination in
            .init(referenceID: id, conceptID: "t:principle/care", relation: combination.relation, strength: combination.strength, basis: combination.basis)
        }, actor: "a")
        // The rule of EvidenceRanking (Tagging), restated from the model's weights.
        let expected = combinations.sorted { a, b in
            let left = (-a.strength.weight, a.basis == .inferred ? 1 : 0, a.relation.rank, a.key)
            let right = (-b.strength.weight, b.basis == .inferred ? 1 : 0, b.relation.rank, b.key)
            return left < right
        }.map(\.key)
        let single = try store.rankedEvidence(forConcepts: ["t:principle/care"]).papers.map(\.stored.reference.citationKey)
        #expect(single == expected)
        let grouped = try store.rankedEvidence(forConcepts: ["t:principle/care", "t:competency/teams"]).papers.map(\.stored.reference.citationKey)
        #expect(grouped == expected)
        let groupedPage = try store.rankedEvidence(forConcepts: ["t:competency/teams", "t:principle/care"], limit: 7)
        #expect(groupedPage.papers.map(\.stored.reference.citationKey) == Array(expected.prefix(7)))
        #expect(groupedPage.total == combinations.count)
        let page = try store.rankedEvidence(forConcepts: ["t:principle/care"], limit: 10)
        #expect(page.papers.map(\.stored.reference.citationKey) == Array(expected.prefix(10)))
        #expect(page.total == combinations.count)
    }
}
