import CitationModel
import Foundation
import GRDB

/// A curator's writes beyond single links: a reference's study design, and many links in one transaction.
extension EvidenceStore {
    /// Sets (or with nil clears) a reference's study design as `actor`: the `study_design` column and the stored
    /// CSL-JSON (`custom.studyDesign`) change together, and the change is audited as `reference.design`.
    /// Returns false when the reference already had that design.
    @discardableResult
    public func setStudyDesign(_ design: StudyDesign?, referenceID: Int64, actor: String) throws -> Bool {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT citation_key, csl, study_design FROM reference WHERE id = ?", arguments: [referenceID]) else {
                throw StoreError.unknownReference(String(referenceID))
            }
            var reference = try Self.decode(row["csl"])
            let old = reference.studyDesign
            let oldColumn: String? = row["study_design"]
            if old == design && oldColumn == design?.rawValue { return false }
            reference.studyDesign = design
            let now = Self.now()
            try db.execute(
                sql: "UPDATE reference SET study_design = ?, csl = ?, updated_at = ? WHERE id = ?",
                arguments: [design?.rawValue, reference.cslJSON().serialized(), now, referenceID])
            func image(_ design: StudyDesign?) -> JSONValue {
                .object(["studyDesign": design.map { .string($0.rawValue) } ?? .null])
            }
            try Self.appendAudit(
                action: "reference.design", actor: actor, referenceKey: row["citation_key"], conceptID: nil,
                before: image(old), after: image(design), now: now, in: db)
            return true
        }
    }

    /// A curator's change to one link: the fields to set, the rest kept from the stored link (or, for a new link,
    /// the defaults: supports, moderate, confirmed).
    public struct LinkEdit: Sendable, Hashable {
        public var referenceID: Int64
        /// The qualified concept id.
        public var conceptID: String
        public var relation: EvidenceRelation?
        public var strength: EvidenceStrength?
        public var basis: EvidenceBasis?
        public var locator: String?
        public var quote: String?
        public var rationale: String?
        /// Recorded on the link when it changes; the acting curator when nil.
        public var curator: String?
        /// Tagging a suggested link confirms it, so this defaults to confirmed.
        public var status: LinkStatus

        public init(
            referenceID: Int64, conceptID: String, relation: EvidenceRelation? = nil, strength: EvidenceStrength? = nil,
            basis: EvidenceBasis? = nil, locator: String? = nil, quote: String? = nil, rationale: String? = nil,
            curator: String? = nil, status: LinkStatus = .confirmed
        ) {
            self.referenceID = referenceID
            self.conceptID = conceptID
            self.relation = relation
            self.strength = strength
            self.basis = basis
            self.locator = locator
            self.quote = quote
            self.rationale = rationale
            self.curator = curator
            self.status = status
        }
    }

    /// What a write of link edits did.
    public struct LinkChangeSummary: Sendable, Equatable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
        public init() {}
    }

    /// Applies link edits as `actor` in one transaction (all or nothing); each change is audited, and an edit that
    /// changes nothing is left out (so a re-run of the same bulk file changes nothing and logs nothing).
    @discardableResult
    public func applyLinks(_ edits: [LinkEdit], actor: String) throws -> LinkChangeSummary {
        try pool.write { db in
            var summary = LinkChangeSummary()
            let now = Self.now()
            let select = try db.cachedStatement(sql: "SELECT l.*, r.citation_key FROM evidence_link l JOIN reference r ON r.id = l.reference_id WHERE l.reference_id = ? AND l.concept_id = ?")
            for edit in edits {
                let existing = try Row.fetchOne(select, arguments: [edit.referenceID, edit.conceptID]).map { Self.link($0, referenceKey: $0["citation_key"]) }
                var link = existing ?? EvidenceLink(reference: "", concept: edit.conceptID)
                if let relation = edit.relation { link.relation = relation }
                if let strength = edit.strength { link.strength = strength }
                if let basis = edit.basis { link.basis = basis }
                if let locator = edit.locator { link.locator = locator }
                if let quote = edit.quote { link.quote = quote }
                if let rationale = edit.rationale { link.rationale = rationale }
                link.status = edit.status
                if let existing, link == existing, edit.curator == nil || edit.curator == existing.curator {
                    summary.unchanged += 1
                    continue
                }
                link.curator = edit.curator ?? actor
                if try Self.upsertLink(link, referenceID: edit.referenceID, conceptID: edit.conceptID, actor: actor, now: now, in: db) {
                    if existing == nil { summary.added += 1 } else { summary.updated += 1 }
                } else {
                    summary.unchanged += 1
                }
            }
            return summary
        }
    }

    /// The stored link of a reference and concept, if any.
    public func link(referenceID: Int64, conceptID: String) throws -> EvidenceLink? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT l.*, r.citation_key FROM evidence_link l JOIN reference r ON r.id = l.reference_id WHERE l.reference_id = ? AND l.concept_id = ?",
                arguments: [referenceID, conceptID]
            ).map { Self.link($0, referenceKey: $0["citation_key"]) }
        }
    }
}

extension EvidenceStore {
    /// The row id of the reference `text` names (as `reference(matching:)` finds it), without reading the record.
    public func referenceID(matching text: String) throws -> Int64? {
        try pool.read { db in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let id = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM reference WHERE citation_key = ?"), arguments: [trimmed]) {
                return id
            }
            return try Self.reference(matching: text, in: db)?.id
        }
    }
}
