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
