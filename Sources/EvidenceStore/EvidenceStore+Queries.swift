import CitationModel
import GRDB

/// The queries behind `evidence for`, `map` and `gaps`, done in SQL so that they stay fast on large stores.
extension EvidenceStore {
    /// Which links a query keeps. Empty sets and nil bounds keep everything.
    public struct EvidenceFilter: Sendable, Hashable {
        public var relations: Set<EvidenceRelation> = []
        /// Keep links at least this strong.
        public var minimumStrength: EvidenceStrength?
        /// Keep papers of these study designs.
        public var designs: Set<StudyDesign> = []
        /// Keep papers with no recorded design (as well as those of `designs`, when it is not empty).
        public var designNotRecorded = false
        /// Keep papers issued in or after this year.
        public var since: Int?
        /// Keep papers issued in or before this year.
        public var until: Int?
        /// Keep works known only from reference lists too.
        public var includeCited = false
        /// Keep suggested (unconfirmed) links too.
        public var includeSuggested = true

        public init() {}

        /// SQL conditions over `l` (evidence_link) and `r` (reference), with their arguments.
        func sql() -> (conditions: [String], arguments: StatementArguments) {
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if !includeCited { conditions.append("r.is_member = 1") }
            if !includeSuggested { conditions.append("l.status = 'confirmed'") }
            if !relations.isEmpty {
                conditions.append("l.relation IN (" + Array(repeating: "?", count: relations.count).joined(separator: ", ") + ")")
                arguments += StatementArguments(relations.map(\.rawValue).sorted())
            }
            if let minimumStrength {
                let kept = EvidenceStrength.allCases.filter { $0 >= minimumStrength }.map(\.rawValue)
                conditions.append("l.strength IN (" + Array(repeating: "?", count: kept.count).joined(separator: ", ") + ")")
                arguments += StatementArguments(kept)
            }
            if !designs.isEmpty || designNotRecorded {
                var either: [String] = []
                if !designs.isEmpty {
                    either.append("r.study_design IN (" + Array(repeating: "?", count: designs.count).joined(separator: ", ") + ")")
                    arguments += StatementArguments(designs.map(\.rawValue).sorted())
                }
                if designNotRecorded { either.append("r.study_design IS NULL") }
                conditions.append("(" + either.joined(separator: " OR ") + ")")
            }
            if let since {
                conditions.append("r.year >= ?")
                arguments += [since]
            }
            if let until {
                conditions.append("r.year <= ?")
                arguments += [until]
            }
            return (conditions, arguments)
        }
    }

    /// A paper in a ranked answer, with its links to the concepts in scope (strongest first).
    public struct RankedPaper: Sendable {
        public var stored: StoredReference
        public var links: [EvidenceLink]
    }

    /// A ranked answer: the first papers and how many there are in all.
    public struct RankedEvidence: Sendable {
        public var papers: [RankedPaper]
        public var total: Int
    }

    /// The papers linked to any of `conceptIDs` through a link the filter keeps, ranked like `EvidenceRanking`
    /// (Tagging): by the paper's strongest link (strength, stated before inferred, relation), then study design,
    /// then the more recent year, then citation key. Only the first `limit` papers are read (all when nil).
    ///
    /// For one concept the links are read in `rank_key` order from the index (schema v2) and SQLite sorts only
    /// within a rank, stopping after `limit` papers; the total then comes from `link_tally` when no year bounds are
    /// set. Several concepts (a domain and its competencies) group their links by paper first.
    public func rankedEvidence(forConcepts conceptIDs: [String], filter: EvidenceFilter = EvidenceFilter(), limit: Int? = nil) throws -> RankedEvidence {
        guard !conceptIDs.isEmpty else { return RankedEvidence(papers: [], total: 0) }
        let (conditions, filterArguments) = filter.sql()
        func scope(_ column: String) -> String {
            conceptIDs.count == 1 ? "\(column) = ?" : "\(column) IN (" + Array(repeating: "?", count: conceptIDs.count).joined(separator: ", ") + ")"
        }
        let whereClause = ([scope("l.concept_id")] + conditions).joined(separator: " AND ")
        // The links of the papers found: the unary `+` keeps SQLite off the concept indexes, which would walk every
        // link of the concepts (13,539 for one competency of the benchmark store) to find those of 50 papers, and
        // makes it look the papers' links up by reference_id instead.
        let paperLinksWhere = ([scope("+l.concept_id")] + conditions).joined(separator: " AND ")
        let arguments = StatementArguments(conceptIDs) + filterArguments
        let order = "\(Self.designRankSQL) DESC, r.year IS NULL, r.year DESC, r.citation_key"
        let limitClause = limit.map { "LIMIT \(max(0, $0))" } ?? ""
        return try pool.read { db in
            var ids: [Int64] = []
            var total = 0
            if conceptIDs.count == 1 {
                let sql = """
                    SELECT l.reference_id FROM evidence_link l JOIN reference r INDEXED BY reference_rank ON r.id = l.reference_id
                    WHERE \(whereClause) ORDER BY l.rank_key, \(order) \(limitClause)
                    """
                ids = try Int64.fetchAll(db, sql: sql, arguments: arguments)
                if let limit, ids.count >= limit {
                    total = try Self.count(forConcept: conceptIDs[0], filter: filter, whereClause: whereClause, arguments: arguments, in: db)
                } else {
                    total = ids.count
                }
            } else if let limit {
                // The first `limit` papers of the union are among the first `limit` of each concept (a paper ranks
                // by its best link, and every paper ahead of it there is ahead of it overall), so each concept's
                // first page is read from the index and the pages are merged.
                var best: [Int64: PaperKey] = [:]
                let sql = """
                    SELECT l.reference_id, l.rank_key, \(Self.designRankSQL), r.year, r.citation_key
                    FROM evidence_link l JOIN reference r INDEXED BY reference_rank ON r.id = l.reference_id
                    WHERE \((["l.concept_id = ?"] + conditions).joined(separator: " AND ")) ORDER BY l.rank_key, \(order) LIMIT \(max(0, limit))
                    """
                for conceptID in conceptIDs {
                    for row in try Row.fetchAll(db, sql: sql, arguments: [conceptID] + filterArguments) {
                        let key = PaperKey(rank: row[1], design: row[2], year: row[3], citationKey: row[4])
                        let id: Int64 = row[0]
                        if let known = best[id], !(key < known) { continue }
                        best[id] = key
                    }
                }
                ids = best.sorted { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit).map(\.key)
                total = ids.count < limit ? ids.count : try Self.countPapers(forConcepts: conceptIDs, filter: filter, whereClause: whereClause, arguments: arguments, in: db)
            } else {
                let sql = """
                    SELECT b.reference_id, COUNT(*) OVER () AS total FROM (
                        SELECT l.reference_id, MIN(l.rank_key) AS k
                        FROM evidence_link l JOIN reference r INDEXED BY reference_rank ON r.id = l.reference_id
                        WHERE \(whereClause) GROUP BY l.reference_id
                    ) b JOIN reference r INDEXED BY reference_rank ON r.id = b.reference_id
                    ORDER BY b.k, \(order) \(limitClause)
                    """
                // COUNT(*) OVER () counts every paper before LIMIT applies.
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    ids.append(row[0])
                    total = row[1]
                }
                if ids.isEmpty && limit == 0 {
                    total = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT l.reference_id) FROM evidence_link l JOIN reference r ON r.id = l.reference_id WHERE \(whereClause)", arguments: arguments) ?? 0
                }
            }
            var papers: [Int64: RankedPaper] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT \(Self.referenceColumns) FROM reference WHERE id IN (\(marks))", arguments: StatementArguments(chunk)) {
                    let stored = try Self.storedReference(row)
                    papers[stored.id] = RankedPaper(stored: stored, links: [])
                }
                let linkSQL = """
                    SELECT l.*, r.citation_key FROM evidence_link l JOIN reference r ON r.id = l.reference_id
                    WHERE l.reference_id IN (\(marks)) AND \(paperLinksWhere) ORDER BY l.rank_key, l.concept_id
                    """
                for row in try Row.fetchAll(db, sql: linkSQL, arguments: StatementArguments(chunk) + arguments) {
                    let id: Int64 = row["reference_id"]
                    papers[id]?.links.append(Self.link(row, referenceKey: row["citation_key"]))
                }
            }
            return RankedEvidence(papers: ids.compactMap { papers[$0] }, total: total)
        }
    }

    /// A paper's place in a ranking: its best link's rank, then design (higher first), then year (recent first, none
    /// last), then citation key.
    struct PaperKey: Comparable {
        var rank: Int
        var design: Int
        var year: Int?
        var citationKey: String

        static func < (a: PaperKey, b: PaperKey) -> Bool {
            if a.rank != b.rank { return a.rank < b.rank }
            if a.design != b.design { return a.design > b.design }
            if (a.year == nil) != (b.year == nil) { return a.year != nil }
            if let left = a.year, let right = b.year, left != right { return left > right }
            return a.citationKey < b.citationKey
        }
    }

    /// How many different papers the filtered links of several concepts name. Without design or year bounds, and
    /// when no work outside the library is linked to these concepts (`link_tally` says), the reference rows are
    /// not needed for the count.
    static func countPapers(forConcepts conceptIDs: [String], filter: EvidenceFilter, whereClause: String, arguments: StatementArguments, in db: Database) throws -> Int {
        let marks = Array(repeating: "?", count: conceptIDs.count).joined(separator: ", ")
        var linkOnly = filter.designs.isEmpty && !filter.designNotRecorded && filter.since == nil && filter.until == nil
        if linkOnly && !filter.includeCited {
            let outside = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM link_tally WHERE is_member = 0 AND papers <> 0 AND concept_id IN (\(marks))", arguments: StatementArguments(conceptIDs)) ?? 0
            linkOnly = outside == 0
        }
        guard linkOnly else {
            return try Int.fetchOne(
                db, sql: "SELECT COUNT(DISTINCT l.reference_id) FROM evidence_link l JOIN reference r INDEXED BY reference_rank ON r.id = l.reference_id WHERE \(whereClause)",
                arguments: arguments) ?? 0
        }
        var filterOnLinks = EvidenceFilter()
        filterOnLinks.relations = filter.relations
        filterOnLinks.minimumStrength = filter.minimumStrength
        filterOnLinks.includeSuggested = filter.includeSuggested
        filterOnLinks.includeCited = true
        let (conditions, linkArguments) = filterOnLinks.sql()
        return try Int.fetchOne(
            db, sql: "SELECT COUNT(DISTINCT l.reference_id) FROM evidence_link l WHERE " + (["l.concept_id IN (\(marks))"] + conditions).joined(separator: " AND "),
            arguments: StatementArguments(conceptIDs) + linkArguments) ?? 0
    }

    /// How many papers one concept's filtered links name: from `link_tally` when the filter has no year bounds
    /// (every other condition is a tally column), else by counting the links.
    static func count(forConcept conceptID: String, filter: EvidenceFilter, whereClause: String, arguments: StatementArguments, in db: Database) throws -> Int {
        guard filter.since == nil && filter.until == nil else {
            return try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM evidence_link l JOIN reference r INDEXED BY reference_rank ON r.id = l.reference_id WHERE \(whereClause)",
                arguments: arguments) ?? 0
        }
        var conditions = ["concept_id = ?", "papers <> 0"]
        var tallyArguments: StatementArguments = [conceptID]
        func among(_ column: String, _ values: [String]) {
            conditions.append("\(column) IN (" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")")
            tallyArguments += StatementArguments(values)
        }
        if !filter.includeCited { conditions.append("is_member = 1") }
        if !filter.includeSuggested { conditions.append("status = 'confirmed'") }
        if !filter.relations.isEmpty { among("relation", filter.relations.map(\.rawValue)) }
        if let minimum = filter.minimumStrength { among("strength", EvidenceStrength.allCases.filter { $0 >= minimum }.map(\.rawValue)) }
        if !filter.designs.isEmpty || filter.designNotRecorded {
            among("study_design", filter.designs.map(\.rawValue) + (filter.designNotRecorded ? [""] : []))
        }
        return try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(papers), 0) FROM link_tally WHERE " + conditions.joined(separator: " AND "), arguments: tallyArguments) ?? 0
    }

    /// A paper's study design rank (higher first), 0 when unknown.
    static let designRankSQL: String = {
        "(CASE r.study_design " + StudyDesign.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank)" }.joined(separator: " ") + " ELSE 0 END)"
    }()

    /// What link tallies can be split by.
    public enum TallyFacet: Sendable, CaseIterable {
        case design, relation, strength, basis
    }

    /// The confirmed links to library members, counted by concept, study design, relation, strength and basis:
    /// the raw material of `evidence map` and `evidence gaps`, read from the `link_tally` table the schema's
    /// triggers keep (schema v2), so the cost does not grow with the number of links.
    ///
    /// `facets` chooses what the counts are split by besides the concept (all four by default); a facet left out
    /// reads as nil (design, basis) or as `supports` and `moderate` (relation, strength), so a map by design gets
    /// one row per concept and design instead of thousands.
    public func linkTallies(by facets: Set<TallyFacet> = Set(TallyFacet.allCases), includeCited: Bool = false, includeSuggested: Bool = false) throws -> [LinkTally] {
        var conditions = ["papers <> 0"]
        if !includeCited { conditions.append("is_member = 1") }
        if !includeSuggested { conditions.append("status = 'confirmed'") }
        let columns = [
            facets.contains(.design) ? "study_design" : "''", facets.contains(.relation) ? "relation" : "'supports'",
            facets.contains(.strength) ? "strength" : "'moderate'", facets.contains(.basis) ? "basis" : "''",
        ]
        let sql = """
            SELECT concept_id, \(columns.joined(separator: ", ")), SUM(papers) FROM link_tally
            WHERE \(conditions.joined(separator: " AND "))
            GROUP BY concept_id, \(columns.joined(separator: ", "))
            """
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                LinkTally(
                    conceptID: row[0], design: StudyDesign(rawValue: row[1]),
                    relation: EvidenceRelation(rawValue: row[2]) ?? .supports, strength: EvidenceStrength(rawValue: row[3]) ?? .emerging,
                    basis: EvidenceBasis(rawValue: row[4]), papers: row[5])
            }
        }
    }

    /// The same counts as `linkTallies`, grouped from the links themselves: what the tally table must always equal
    /// (tests compare the two), and the slow path it replaces.
    public func linkTalliesFromLinks(includeCited: Bool = false, includeSuggested: Bool = false) throws -> [LinkTally] {
        var conditions: [String] = []
        if !includeCited { conditions.append("r.is_member = 1") }
        if !includeSuggested { conditions.append("l.status = 'confirmed'") }
        let sql = """
            SELECT l.concept_id, COALESCE(r.study_design, ''), l.relation, l.strength, COALESCE(l.basis, ''), COUNT(*)
            FROM evidence_link l JOIN reference r ON r.id = l.reference_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            GROUP BY 1, 2, 3, 4, 5
            """
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                LinkTally(
                    conceptID: row[0], design: StudyDesign(rawValue: row[1]),
                    relation: EvidenceRelation(rawValue: row[2]) ?? .supports, strength: EvidenceStrength(rawValue: row[3]) ?? .emerging,
                    basis: EvidenceBasis(rawValue: row[4]), papers: row[5])
            }
        }
    }
}
