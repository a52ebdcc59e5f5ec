import CitationModel
import EvidenceStore
import Foundation
import Testing

@Suite struct EvidenceStoreCurationTests {
    @Test func untagKeepsTheLinkInTheAuditLogAndRestoreBringsItBack() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = fixture.store
        let id = fixture.ids["new2020"]!
        try store.applyLinks([
            .init(referenceID: id, conceptID: "t:competency/teams", relation: .measures, strength: .strong, basis: .stated, locator: "p. 4", quote: "we measured teams", rationale: "scale"),
        ], actor: "alice")
        let original = try #require(try store.link(referenceID: id, conceptID: "t:competency/teams"))

        let removed = try store.removeLink(referenceID: id, conceptID: "t:competency/teams", actor: "bob")
        #expect(removed == original)
        #expect(try store.link(referenceID: id, conceptID: "t:competency/teams") == nil)
        #expect(try store.removeLink(referenceID: id, conceptID: "t:competency/teams", actor: "bob") == nil)

        let log = try store.auditEvents(referenceKey: "new2020")
        #expect(log.map(\.action) == ["link.add", "link.remove"])
        #expect(log.last?.actor == "bob")
        #expect(log.last?.linkBefore?.quote == "we measured teams")
        #expect(log.last?.linkAfter == nil)

        let restored = try store.restoreLink(referenceID: id, conceptID: "t:competency/teams", actor: "carol")
        let now = try #require(try store.link(referenceID: id, conceptID: "t:competency/teams"))
        #expect(now == original, "the restored link is the removed one, curator and times included")
        #expect(restored.curator == "alice")
        #expect(try store.auditEvents(conceptIDs: ["t:competency/teams"]).map(\.action) == ["link.add", "link.remove", "link.restore"])

        // Restoring again fails: the link exists.
        #expect(throws: EvidenceStore.RestoreError.linkExists(reference: "new2020", concept: "t:competency/teams")) {
            try store.restoreLink(referenceID: id, conceptID: "t:competency/teams", actor: "carol")
        }
        // Nothing was ever removed between these two.
        #expect(throws: EvidenceStore.RestoreError.nothingRemoved(reference: "old2001", concept: "t:principle/care")) {
            try store.restoreLink(referenceID: fixture.ids["old2001"]!, conceptID: "t:principle/care", actor: "carol")
        }
    }

    @Test func editsKeepWhatTheyDoNotSetAndIdenticalEditsChangeNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = fixture.store
        let id = fixture.ids["old2001"]!
        var summary = try store.applyLinks([.init(referenceID: id, conceptID: "t:principle/care", relation: .supports, strength: .moderate, quote: "q")], actor: "alice")
        #expect(summary.added == 1)
        summary = try store.applyLinks([.init(referenceID: id, conceptID: "t:principle/care", strength: .strong)], actor: "bob")
        #expect(summary.updated == 1)
        let link = try #require(try store.link(referenceID: id, conceptID: "t:principle/care"))
        #expect(link.strength == .strong)
        #expect(link.quote == "q")
        #expect(link.relation == .supports)
        #expect(link.curator == "bob")
        summary = try store.applyLinks([.init(referenceID: id, conceptID: "t:principle/care", strength: .strong)], actor: "carol")
        #expect(summary.unchanged == 1)
        #expect(try store.auditEvents().count == 2)
    }

    @Test func bulkEditsAreAllOrNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = fixture.store
        #expect(throws: StoreError.unknownConcept("t:competency/missing")) {
            try store.applyLinks([
                .init(referenceID: fixture.ids["old2001"]!, conceptID: "t:principle/care"),
                .init(referenceID: fixture.ids["new2020"]!, conceptID: "t:competency/missing"),
            ], actor: "alice")
        }
        #expect(try store.statistics().links == 0)
        #expect(try store.auditEvents().isEmpty)
    }

    @Test func studyDesignChangesTheColumnAndTheStoredRecordTogether() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = fixture.store
        let id = fixture.ids["mid2010"]!
        #expect(try store.setStudyDesign(.qualitative, referenceID: id, actor: "alice"))
        #expect(try store.reference(matching: "mid2010")?.reference.studyDesign == .qualitative)
        #expect(!(try store.setStudyDesign(.qualitative, referenceID: id, actor: "alice")))
        // The design filter reads the column: it must agree with the record.
        var filter = EvidenceStore.EvidenceFilter()
        filter.designs = [.qualitative]
        try store.applyLinks([.init(referenceID: id, conceptID: "t:principle/care")], actor: "alice")
        #expect(try store.rankedEvidence(forConcepts: ["t:principle/care"], filter: filter).papers.map(\.stored.reference.citationKey) == ["mid2010"])
        #expect(try store.setStudyDesign(nil, referenceID: id, actor: "bob"))
        #expect(try store.reference(matching: "mid2010")?.reference.studyDesign == nil)
        #expect(try store.rankedEvidence(forConcepts: ["t:principle/care"], filter: filter).papers.isEmpty)
        let events = try store.auditEvents(referenceKey: "mid2010").filter { $0.action == "reference.design" }
        #expect(events.map { $0.after?["studyDesign"] } == [.string("qualitative"), .null])
        #expect(events.last?.before?["studyDesign"] == .string("qualitative"))
    }
}
