import CitationModel
import GRDB

/// Reading references: by key or identifier, in lists, and by full-text search.
extension EvidenceStore {
    static let referenceColumns = "id, csl, is_member, created_at, updated_at"

    static func storedReference(_ row: Row) throws -> StoredReference {
        StoredReference(
            id: row["id"], reference: try decode(row["csl"]), isMember: row["is_member"], created: row["created_at"], updated: row["updated_at"])
    }

    /// The reference that `text` names: a citation key, a DOI (with or without resolver), a PMID, a PMCID, an ISBN or a row id.
    public func reference(matching text: String) throws -> StoredReference? {
        try pool.read { db in try Self.reference(matching: text, in: db) }
    }

    static func reference(matching text: String, in db: Database) throws -> StoredReference? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let row = try Row.fetchOne(db, sql: "SELECT \(referenceColumns) FROM reference WHERE citation_key = ?", arguments: [trimmed]) {
            return try storedReference(row)
        }
        for kind in [IdentifierKind.doi, .pmcid, .pmid, .isbn, .arxiv] {
            guard let value = Identifier.normalise(kind, trimmed) else { continue }
            if let row = try Row.fetchOne(
                db,
                sql: "SELECT \(referenceColumns) FROM reference WHERE id = (SELECT reference_id FROM identifier WHERE kind = ? AND value = ? LIMIT 1)",
                arguments: [kind.rawValue, value])
            {
                return try storedReference(row)
            }
        }
        if let id = Int64(trimmed), let row = try Row.fetchOne(db, sql: "SELECT \(referenceColumns) FROM reference WHERE id = ?", arguments: [id]) {
            return try storedReference(row)
        }
        if let row = try Row.fetchOne(db, sql: "SELECT \(referenceColumns) FROM reference WHERE citation_key = ? COLLATE NOCASE", arguments: [trimmed]) {
            return try storedReference(row)
        }
        return nil
    }

    /// Citation keys close to `text`, for "did you mean" after a reference was not found.
    public func citationKeys(like text: String, limit: Int = 5) throws -> [String] {
        try pool.read { db in
            let prefix = String(text.prefix(4))
            return try String.fetchAll(
                db, sql: "SELECT citation_key FROM reference WHERE citation_key LIKE ? ESCAPE '\\' ORDER BY citation_key LIMIT 200",
                arguments: [prefix.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"])
        }
    }

    /// The references in the library (and with `includeCited`, the works known only from reference lists),
    /// ordered by first creator, year and title; with `ids`, only those.
    public func references(includeCited: Bool = false, limit: Int? = nil, only ids: Set<Int64>? = nil) throws -> [StoredReference] {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if !includeCited { conditions.append("is_member = 1") }
            if let ids {
                conditions.append("id IN (SELECT value FROM json_each(?))")
                arguments += [JSONValue.array(ids.sorted().map { .number(String($0)) }).serialized()]
            }
            var sql = "SELECT \(Self.referenceColumns) FROM reference"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY creators COLLATE NOCASE, year, title COLLATE NOCASE"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.storedReference)
        }
    }

    /// The row ids of the references with a link to any of the concepts (qualified ids), without reading the records.
    public func referenceIDs(linkedTo conceptIDs: [String], includeCited: Bool = false) throws -> Set<Int64> {
        guard !conceptIDs.isEmpty else { return [] }
        return try pool.read { db in
            let marks = Array(repeating: "?", count: conceptIDs.count).joined(separator: ", ")
            let sql = """
                SELECT DISTINCT l.reference_id FROM evidence_link l JOIN reference r ON r.id = l.reference_id
                WHERE l.concept_id IN (\(marks)) \(includeCited ? "" : "AND r.is_member = 1")
                """
            return Set(try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(conceptIDs)))
        }
    }

    /// One full-text search result.
    public struct SearchHit: Sendable {
        public var stored: StoredReference
        /// FTS5's bm25 rank (lower is better).
        public var rank: Double
        /// The matching part of the title or abstract, with matches in `[` `]`.
        public var snippet: String
    }

    /// Full-text search over titles, abstracts, creators, keywords and notes, best first (FTS5 bm25, titles
    /// weighted highest). Plain words are all required and the last may be a prefix; FTS5 syntax
    /// (`"a phrase"`, `OR`, `NOT`, `title:word`) is used as written when the text contains it.
    public func search(_ text: String, includeCited: Bool = false, limit: Int = 50) throws -> [SearchHit] {
        let query = Self.ftsQuery(text)
        guard !query.isEmpty else { return [] }
        return try pool.read { db in
            let sql = """
                SELECT r.id, r.csl, r.is_member, r.created_at, r.updated_at,
                       bm25(reference_fts, 10.0, 2.0, 4.0, 4.0, 1.0) AS rank,
                       snippet(reference_fts, -1, '[', ']', '…', 12) AS snippet
                FROM reference_fts JOIN reference r ON r.id = reference_fts.rowid
                WHERE reference_fts MATCH ? \(includeCited ? "" : "AND r.is_member = 1")
                ORDER BY rank LIMIT ?
                """
            return try Row.fetchAll(db, sql: sql, arguments: [query, limit]).map { row in
                SearchHit(stored: try Self.storedReference(row), rank: row["rank"], snippet: row["snippet"])
            }
        }
    }

    /// Turns what a user typed into an FTS5 query: words quoted (so punctuation cannot break the syntax) and
    /// ANDed, the last word a prefix; text with FTS5 operators or quotes passes through unchanged.
    static func ftsQuery(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let operators = [" OR ", " AND ", " NOT ", "\"", "NEAR("]
        if operators.contains(where: { trimmed.contains($0) }) || trimmed.range(of: #"^\w+:"#, options: .regularExpression) != nil {
            return trimmed
        }
        let words = trimmed.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return "" }
        return words.enumerated().map { index, word in
            "\"\(word)\"" + (index == words.count - 1 ? "*" : "")
        }.joined(separator: " ")
    }

    /// Where a reference came from, oldest first.
    public func provenance(of referenceID: Int64) throws -> [Provenance] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.run_id, p.file, p.format, p.line, r.started_at FROM provenance p
                    JOIN import_run r ON r.id = p.run_id WHERE p.reference_id = ? ORDER BY p.id
                    """,
                arguments: [referenceID]
            ).map { Provenance(run: $0["run_id"], file: $0["file"], format: $0["format"], line: $0["line"], at: $0["started_at"]) }
        }
    }

    /// The works a reference cites, in reference-list order.
    public func citedWorks(of referenceID: Int64) throws -> [StoredReference] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.csl, r.is_member, r.created_at, r.updated_at FROM citation c
                    JOIN reference r ON r.id = c.cited_id WHERE c.citing_id = ? ORDER BY c.position
                    """,
                arguments: [referenceID]
            ).map(Self.storedReference)
        }
    }

    /// The references in the store that cite a work.
    public func citingWorks(of referenceID: Int64) throws -> [StoredReference] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT r.id, r.csl, r.is_member, r.created_at, r.updated_at FROM citation c
                    JOIN reference r ON r.id = c.citing_id WHERE c.cited_id = ? ORDER BY r.creators, r.year
                    """,
                arguments: [referenceID]
            ).map(Self.storedReference)
        }
    }
}
