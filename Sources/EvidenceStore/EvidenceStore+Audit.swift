import CitationModel
import GRDB

/// Removing and restoring links, and reading the audit log (issue 6: "nothing a curator did is ever lost").
extension EvidenceStore {
    /// Removes the link between a reference and a concept as `actor`; the removed link is kept in the audit log as
    /// the event's before-image. Returns the removed link, or nil when there was none.
    @discardableResult
    public func removeLink(referenceID: Int64, conceptID: String, actor: String) throws -> EvidenceLink? {
        try pool.write { db in
            let referenceKey = try Self.referenceKey(referenceID, in: db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM evidence_link WHERE reference_id = ? AND concept_id = ?", arguments: [referenceID, conceptID]) else {
                return nil
            }
            let before = Self.link(row, referenceKey: referenceKey)
            try db.execute(sql: "DELETE FROM evidence_link WHERE reference_id = ? AND concept_id = ?", arguments: [referenceID, conceptID])
            try Self.appendAudit(action: "link.remove", actor: actor, referenceKey: referenceKey, conceptID: conceptID, before: before, after: nil, now: Self.now(), in: db)
            return before
        }
    }

    /// Why a restore could not be done.
    public enum RestoreError: Error, CustomStringConvertible, Equatable {
        /// The audit log holds no removal of this link (or the named event is not one).
        case nothingRemoved(reference: String, concept: String)
        /// The link exists again; restoring would overwrite it.
        case linkExists(reference: String, concept: String)

        public var description: String {
            switch self {
            case .nothingRemoved(let reference, let concept): "the audit log holds no removed link between '\(reference)' and '\(concept)'"
            case .linkExists(let reference, let concept): "'\(reference)' is linked to '\(concept)' now; untag it first or change it with 'evidence tag'"
            }
        }
    }

    /// Restores a removed link from the audit log: the before-image of the latest `link.remove` event for the pair
    /// (or of event `eventID`), with its original curator and times; the restore itself is audited.
    @discardableResult
    public func restoreLink(referenceID: Int64, conceptID: String, actor: String, eventID: Int64? = nil) throws -> EvidenceLink {
        try pool.write { db in
            let referenceKey = try Self.referenceKey(referenceID, in: db)
            var sql = "SELECT * FROM audit_event WHERE action = 'link.remove' AND reference_key = ? AND concept_id = ?"
            var arguments: StatementArguments = [referenceKey, conceptID]
            if let eventID {
                sql += " AND id = ?"
                arguments += [eventID]
            }
            sql += " ORDER BY id DESC LIMIT 1"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments), let link = Self.auditEvent(row).linkBefore else {
                throw RestoreError.nothingRemoved(reference: referenceKey, concept: conceptID)
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM evidence_link WHERE reference_id = ? AND concept_id = ?", arguments: [referenceID, conceptID]) != nil {
                throw RestoreError.linkExists(reference: referenceKey, concept: conceptID)
            }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM concept WHERE id = ?", arguments: [conceptID]) != nil else {
                throw StoreError.unknownConcept(conceptID)
            }
            try db.execute(
                sql: """
                    INSERT INTO evidence_link (reference_id, concept_id, relation, strength, basis, locator, quote, rationale,
                    curator, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    referenceID, conceptID, link.relation.rawValue, link.strength.rawValue, link.basis?.rawValue, link.locator,
                    link.quote, link.rationale, link.curator, link.status.rawValue, link.created ?? Self.now(), link.updated ?? Self.now(),
                ])
            var restored = link
            restored.reference = referenceKey
            restored.concept = conceptID
            try Self.appendAudit(action: "link.restore", actor: actor, referenceKey: referenceKey, conceptID: conceptID, before: nil, after: restored, now: Self.now(), in: db)
            return restored
        }
    }

    /// The audit log, oldest first: all of it, or the events about one reference (by citation key) and/or some
    /// concepts (qualified ids); `limit` keeps the most recent events.
    public func auditEvents(referenceKey: String? = nil, conceptIDs: [String] = [], limit: Int? = nil) throws -> [AuditEvent] {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let referenceKey {
                conditions.append("reference_key = ?")
                arguments += [referenceKey]
            }
            if !conceptIDs.isEmpty {
                conditions.append("concept_id IN (" + Array(repeating: "?", count: conceptIDs.count).joined(separator: ", ") + ")")
                arguments += StatementArguments(conceptIDs)
            }
            var sql = "SELECT * FROM audit_event"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.auditEvent).reversed()
        }
    }

    static func auditEvent(_ row: Row) -> AuditEvent {
        func image(_ column: String) -> JSONValue? {
            guard let text: String = row[column] else { return nil }
            return try? JSONParser.parse(text).value
        }
        return AuditEvent(
            id: row["id"], at: row["at"], actor: row["actor"], action: row["action"], referenceKey: row["reference_key"],
            conceptID: row["concept_id"], before: image("before"), after: image("after"))
    }

    static func referenceKey(_ referenceID: Int64, in db: Database) throws -> String {
        guard let key = try String.fetchOne(db, sql: "SELECT citation_key FROM reference WHERE id = ?", arguments: [referenceID]) else {
            throw StoreError.unknownReference(String(referenceID))
        }
        return key
    }

    /// Appends an audit event whose images are any JSON (a reference's design, for instance).
    static func appendAudit(
        action: String, actor: String, referenceKey: String?, conceptID: String?, before: JSONValue?, after: JSONValue?,
        now: String, in db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit_event (at, actor, action, reference_key, concept_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [now, actor, action, referenceKey, conceptID, before?.serialized(), after?.serialized()])
    }
}
