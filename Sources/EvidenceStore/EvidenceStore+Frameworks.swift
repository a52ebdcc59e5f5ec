import CitationModel
import GRDB

/// Frameworks and their concepts.
extension EvidenceStore {
    /// Installs a framework, or updates it in place when one with the same id is installed: concepts are matched
    /// by local id, so evidence links survive a new version of the framework file.
    public func install(_ framework: Framework) throws {
        try pool.write { db in
            let sources = JSONValue.array(framework.sources.map { source in
                var object = JSONObject()
                object["reference"] = .string(source.reference)
                if let role = source.role { object["role"] = .string(role) }
                return .object(object)
            }).serialized()
            try db.execute(
                sql: """
                    INSERT INTO framework (id, title, version, publisher, summary, sources, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET title = excluded.title, version = excluded.version,
                    publisher = excluded.publisher, summary = excluded.summary, sources = excluded.sources
                    """,
                arguments: [framework.id, framework.title, framework.version, framework.publisher, framework.summary, sources, Self.now()])
            let keep = framework.concepts.map(\.id)
            let stale = try String.fetchAll(db, sql: "SELECT id FROM concept WHERE framework_id = ?", arguments: [framework.id])
                .filter { !keep.contains($0) }
            // Parents first, so the parent_id foreign key always points at a row.
            let ordered = framework.concepts.sorted { ($0.parent == nil ? 0 : 1, $0.position) < ($1.parent == nil ? 0 : 1, $1.position) }
            for concept in ordered {
                let aliases = JSONValue.array(concept.aliases.map(JSONValue.string)).serialized()
                try db.execute(
                    sql: """
                        INSERT INTO concept (id, framework_id, local_id, kind, code, name, parent_id, aliases, summary, position)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, code = excluded.code, name = excluded.name,
                        parent_id = excluded.parent_id, aliases = excluded.aliases, summary = excluded.summary,
                        position = excluded.position
                        """,
                    arguments: [
                        concept.id, framework.id, concept.localID, concept.kind.rawValue, concept.code, concept.name,
                        concept.parent.map { framework.id + ":" + $0 }, aliases, concept.summary, concept.position,
                    ])
            }
            for id in stale {
                let linked = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM evidence_link WHERE concept_id = ?", arguments: [id]) ?? 0
                if linked > 0 {
                    throw StoreError.invalidValue("the new version of framework '\(framework.id)' drops concept '\(id)', which has \(linked) evidence links; keep the concept or remove its links first")
                }
                try db.execute(sql: "DELETE FROM concept WHERE id = ?", arguments: [id])
            }
        }
    }

    /// Whether any framework is installed (a new store has none), without loading them.
    public func hasFrameworks() throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM framework)") ?? false }
    }

    /// The installed frameworks with their concepts, in install order.
    public func frameworks() throws -> [Framework] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM framework ORDER BY rowid")
            return try rows.map { row in
                let id: String = row["id"]
                var framework = Framework(
                    id: id, title: row["title"], version: row["version"], publisher: row["publisher"], summary: row["summary"])
                if let parsed = try? JSONParser.parse(row["sources"] as String), case .array(let sources) = parsed.value {
                    framework.sources = sources.compactMap { source in
                        source["reference"]?.stringValue.map { Framework.Source(reference: $0, role: source["role"]?.stringValue) }
                    }
                }
                framework.concepts = try Row.fetchAll(
                    db, sql: "SELECT * FROM concept WHERE framework_id = ? ORDER BY position", arguments: [id]
                ).map { concept in
                    var aliases: [String] = []
                    if let parsed = try? JSONParser.parse(concept["aliases"] as String), case .array(let items) = parsed.value {
                        aliases = items.compactMap(\.stringValue)
                    }
                    let parent: String? = concept["parent_id"]
                    return Concept(
                        frameworkID: id, localID: concept["local_id"], kind: ConceptKind(rawValue: concept["kind"]) ?? .competency,
                        code: concept["code"], name: concept["name"],
                        parent: parent.map { String($0.dropFirst(id.count + 1)) }, aliases: aliases,
                        summary: concept["summary"], position: concept["position"])
                }
                return framework
            }
        }
    }
}
