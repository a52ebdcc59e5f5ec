import CitationModel
import GRDB

/// Evidence links between references and concepts, and the audit trail of every change to them.
extension EvidenceStore {
    /// The links of one reference, by concept id.
    public func links(ofReference referenceID: Int64) throws -> [(conceptID: String, link: EvidenceLink)] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT l.*, r.citation_key FROM evidence_link l JOIN reference r ON r.id = l.reference_id WHERE l.reference_id = ? ORDER BY l.concept_id",
                arguments: [referenceID]
            ).map { (conceptID: $0["concept_id"], link: Self.link($0, referenceKey: $0["citation_key"])) }
        }
    }

    /// Adds or updates one link as `actor`, in its own transaction; returns whether anything changed.
    @discardableResult
    public func upsertLink(_ link: EvidenceLink, referenceID: Int64, conceptID: String, actor: String) throws -> Bool {
        try pool.write { db in try Self.upsertLink(link, referenceID: referenceID, conceptID: conceptID, actor: actor, now: Self.now(), in: db) }
    }

    static func decode(_ csl: String) throws -> Reference {
        guard let parsed = try? JSONParser.parse(csl), let reference = Reference.fromCSLJSON(parsed, file: "store", fallbackKey: "?").reference else {
            throw StoreError.unreadableRecord(String(csl.prefix(60)))
        }
        return reference
    }

    static func link(_ row: Row, referenceKey: String) -> EvidenceLink {
        EvidenceLink(
            reference: referenceKey, concept: row["concept_id"],
            relation: EvidenceRelation(rawValue: row["relation"]) ?? .supports,
            strength: EvidenceStrength(rawValue: row["strength"]) ?? .emerging,
            basis: (row["basis"] as String?).flatMap(EvidenceBasis.init(rawValue:)),
            locator: row["locator"], quote: row["quote"], rationale: row["rationale"], curator: row["curator"],
            status: LinkStatus(rawValue: row["status"]) ?? .confirmed, created: row["created_at"], updated: row["updated_at"])
    }

    /// Inserts or updates a link inside the caller's transaction and appends an audit event when it changed.
    static func upsertLink(_ link: EvidenceLink, referenceID: Int64, conceptID: String, actor: String, now: String, in db: Database) throws -> Bool {
        guard try Int.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM concept WHERE id = ?"), arguments: [conceptID]) != nil else {
            throw StoreError.unknownConcept(conceptID)
        }
        let referenceKey = try String.fetchOne(try db.cachedStatement(sql: "SELECT citation_key FROM reference WHERE id = ?"), arguments: [referenceID])
        guard let referenceKey else { throw StoreError.unknownReference(String(referenceID)) }
        let existing = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM evidence_link WHERE reference_id = ? AND concept_id = ?"), arguments: [referenceID, conceptID])
        var after = link
        after.reference = referenceKey
        after.concept = conceptID
        after.curator = link.curator ?? actor
        let before = existing.map { Self.link($0, referenceKey: referenceKey) }
        if let before {
            after.created = before.created
            after.updated = before.updated
            if before == after { return false }
            after.updated = now
            try db.execute(
                sql: """
                    UPDATE evidence_link SET relation = ?, strength = ?, basis = ?, locator = ?, quote = ?, rationale = ?,
                    curator = ?, status = ?, updated_at = ? WHERE reference_id = ? AND concept_id = ?
                    """,
                arguments: [
                    after.relation.rawValue, after.strength.rawValue, after.basis?.rawValue, after.locator, after.quote,
                    after.rationale, after.curator, after.status.rawValue, now, referenceID, conceptID,
                ])
        } else {
            after.created = link.created ?? now
            after.updated = link.updated ?? now
            try db.execute(
                sql: """
                    INSERT INTO evidence_link (reference_id, concept_id, relation, strength, basis, locator, quote, rationale,
                    curator, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    referenceID, conceptID, after.relation.rawValue, after.strength.rawValue, after.basis?.rawValue, after.locator,
                    after.quote, after.rationale, after.curator, after.status.rawValue, after.created, after.updated,
                ])
        }
        try appendAudit(
            action: before == nil ? "link.add" : "link.update", actor: actor, referenceKey: referenceKey, conceptID: conceptID,
            before: before, after: after, now: now, in: db)
        return true
    }

    /// Appends an audit event whose images are links.
    static func appendAudit(
        action: String, actor: String, referenceKey: String?, conceptID: String?, before: EvidenceLink?, after: EvidenceLink?,
        now: String, in db: Database
    ) throws {
        try appendAudit(
            action: action, actor: actor, referenceKey: referenceKey, conceptID: conceptID,
            before: before.map { JSONValue.object($0.json()) }, after: after.map { JSONValue.object($0.json()) }, now: now, in: db)
    }
}
