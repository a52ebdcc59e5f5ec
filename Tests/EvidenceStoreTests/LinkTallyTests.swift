import CitationModel
import EvidenceStore
import Foundation
import Testing

/// The `link_tally` table (schema v2) always equals the counts grouped from the links themselves.
@Suite struct LinkTallyTests {
    func expectConsistent(_ store: EvidenceStore, _ comment: Comment) throws {
        for cited in [false, true] {
            for suggested in [false, true] {
                let kept = Set(try store.linkTallies(includeCited: cited, includeSuggested: suggested))
                let counted = Set(try store.linkTalliesFromLinks(includeCited: cited, includeSuggested: suggested))
                #expect(kept == counted, comment)
            }
        }
    }

    @Test func tallyFollowsEveryKindOfChange() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = fixture.store
        let (old, new, mid) = (fixture.ids["old2001"]!, fixture.ids["new2020"]!, fixture.ids["mid2010"]!)
        try store.applyLinks([
            .init(referenceID: old, conceptID: "t:competency/teams", strength: .strong),
            .init(referenceID: new, conceptID: "t:competency/teams", basis: .inferred),
            .init(referenceID: mid, conceptID: "t:principle/care", status: .suggested),
            .init(referenceID: mid, conceptID: "t:domain/change", relation: .defines),
        ], actor: "a")
        try expectConsistent(store, "after adding")
        #expect(try store.linkTallies().reduce(0) { $0 + $1.papers } == 3)

        try store.applyLinks([.init(referenceID: old, conceptID: "t:competency/teams", relation: .measures, strength: .emerging)], actor: "a")
        try store.applyLinks([.init(referenceID: mid, conceptID: "t:principle/care")], actor: "a")  // confirms the suggestion
        try expectConsistent(store, "after updating links")

        try store.setStudyDesign(.cohort, referenceID: mid, actor: "a")
        try store.setStudyDesign(nil, referenceID: old, actor: "a")
        try expectConsistent(store, "after changing designs")

        try store.removeLink(referenceID: new, conceptID: "t:competency/teams", actor: "a")
        try store.restoreLink(referenceID: new, conceptID: "t:competency/teams", actor: "a")
        try store.removeLink(referenceID: old, conceptID: "t:competency/teams", actor: "a")
        try expectConsistent(store, "after removing and restoring")

        // A re-import that changes the design and a cited-only work that gets a link and then becomes a member.
        try store.importRun(description: "again") { writer in
            var reference = Reference(citationKey: "new2020", type: .articleJournal, title: "Paper new2020", issued: PartialDate(year: 2020))
            reference.studyDesign = .trial
            _ = try writer.upsert(reference, file: "again.json", format: "csljson", line: 1)
            let cited = try writer.upsert(Reference(citationKey: "cited1999", type: .book, title: "Cited"), file: "again.json", format: "csljson", line: 2, isMember: false)
            try writer.upsertLink(EvidenceLink(reference: "cited1999", concept: "t:principle/care"), referenceID: cited.id, conceptID: "t:principle/care", actor: "a")
            return ((), true)
        }
        try expectConsistent(store, "after a re-import and a cited-only link")
        try store.importRun(description: "member") { writer in
            _ = try writer.upsert(Reference(citationKey: "cited1999", type: .book, title: "Cited"), file: "m.json", format: "csljson", line: 1)
            return ((), true)
        }
        try expectConsistent(store, "after the cited work became a member")
    }
}
