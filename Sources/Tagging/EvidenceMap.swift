import CitationModel

/// What the columns of an evidence-gap map are.
public enum MapAxis: String, Sendable, CaseIterable {
    case design, relation
}

/// The evidence-gap map: concepts (rows: principles, then each domain followed by its competencies) by study design
/// or relation (columns); a cell is the number of papers linked to the row's concept in that column.
///
/// A domain's own row counts the papers linked to the domain as a whole; its competencies have their own rows.
public struct EvidenceMap: Sendable {
    /// A column: a study design (or "not recorded"), or a relation.
    public struct Column: Sendable, Hashable {
        /// The stable key: the design's or relation's raw value, or `none` for papers with no recorded design.
        public var key: String
        public var label: String
    }

    /// A row: one concept with its counts, one per column.
    public struct Row: Sendable {
        public var concept: Concept
        /// The heading the row sits under: "Principles" or the domain's name.
        public var group: String
        public var counts: [Int]
        /// Papers linked to the concept (each paper once).
        public var total: Int
    }

    public var axis: MapAxis
    public var columns: [Column]
    public var rows: [Row]

    /// The largest cell, for colour scales.
    public var maximum: Int { rows.flatMap(\.counts).max() ?? 0 }

    /// The key of the column `tally` falls in.
    public static func columnKey(_ tally: LinkTally, axis: MapAxis) -> String {
        switch axis {
        case .design: tally.design?.rawValue ?? "none"
        case .relation: tally.relation.rawValue
        }
    }

    /// Every column of an axis, in ranking order: designs strongest first then "not recorded"; relations in
    /// ranking order.
    public static func columns(for axis: MapAxis) -> [Column] {
        switch axis {
        case .design:
            StudyDesign.allCases.sorted { $0.rank > $1.rank }.map { Column(key: $0.rawValue, label: $0.label) }
                + [Column(key: "none", label: "not recorded")]
        case .relation:
            EvidenceRelation.allCases.sorted { $0.rank < $1.rank }.map { Column(key: $0.rawValue, label: $0.rawValue) }
        }
    }

    /// Builds the map of `frameworks` from link tallies; tallies of concepts not in the frameworks are ignored.
    public static func build(frameworks: [Framework], tallies: [LinkTally], axis: MapAxis) -> EvidenceMap {
        let columns = columns(for: axis)
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.key, $0) })
        var counts: [String: [Int]] = [:]
        for tally in tallies {
            guard let index = columnIndex[columnKey(tally, axis: axis)] else { continue }
            counts[tally.conceptID, default: Array(repeating: 0, count: columns.count)][index] += tally.papers
        }
        var rows: [Row] = []
        func row(_ concept: Concept, group: String) -> Row {
            let cells = counts[concept.id] ?? Array(repeating: 0, count: columns.count)
            return Row(concept: concept, group: group, counts: cells, total: cells.reduce(0, +))
        }
        for framework in frameworks {
            for principle in framework.concepts where principle.kind == .principle {
                rows.append(row(principle, group: "Principles"))
            }
            for domain in framework.concepts where domain.kind == .domain {
                rows.append(row(domain, group: domain.name))
                for competency in framework.children(of: domain) {
                    rows.append(row(competency, group: domain.name))
                }
            }
            // Competencies without a domain still get a row.
            for competency in framework.concepts where competency.kind == .competency && (competency.parent.flatMap(framework.concept) == nil) {
                rows.append(row(competency, group: "Competencies"))
            }
        }
        return EvidenceMap(axis: axis, columns: columns, rows: rows)
    }

    /// The indexes of columns with at least one paper.
    public var nonEmptyColumns: [Int] {
        columns.indices.filter { index in rows.contains { $0.counts[index] > 0 } }
    }

    /// The JSON form: `{"axis", "columns": [{key, label}], "rows": [{concept, code, name, kind, group, total, counts: {key: n}}]}`.
    public func json() -> JSONValue {
        var object = JSONObject()
        object["axis"] = .string(axis.rawValue)
        object["columns"] = .array(columns.map { .object(["key": .string($0.key), "label": .string($0.label)]) })
        object["rows"] = .array(rows.map { row in
            var item = JSONObject()
            item["concept"] = .string(row.concept.id)
            if let code = row.concept.code { item["code"] = .string(code) }
            item["name"] = .string(row.concept.name)
            item["kind"] = .string(row.concept.kind.rawValue)
            item["group"] = .string(row.group)
            item["total"] = .integer(row.total)
            item["counts"] = .object(JSONObject(columns.indices.map { JSONObject.Member(columns[$0].key, .integer(row.counts[$0])) }))
            return .object(item)
        })
        return .object(object)
    }
}
