import CitationModel

/// Writes CSL-JSON that validates against csl-data.json: an array of items, `id` = citation key.
///
/// Evidence links go under `custom.evidence` (the schema allows no other extra key), which the CSL-JSON importer
/// reads back, so export -> import keeps the links.
public struct CSLJSONExporter: Exporter {
    public init() {}

    public func export(_ items: [ExportItem]) -> String {
        JSONValue.array(items.map { .object(Self.item($0, evidenceKey: .custom)) }).serialized(pretty: true) + "\n"
    }

    /// Where an item's evidence links go.
    public enum EvidencePlacement: Sendable {
        /// `custom.evidence`: schema-valid CSL-JSON (export).
        case custom
        /// A top-level `evidence` key: the `--json` output of read commands (architecture "CLI contract").
        case topLevel
    }

    /// One item with its links.
    public static func item(_ item: ExportItem, evidenceKey: EvidencePlacement) -> JSONObject {
        var object = item.reference.cslJSON()
        guard !item.evidence.isEmpty else { return object }
        let links = JSONValue.array(item.evidence.map { .object($0.json(includeReference: false)) })
        switch evidenceKey {
        case .topLevel:
            object["evidence"] = links
        case .custom:
            var custom: JSONObject
            if case .object(let existing)? = object["custom"] { custom = existing } else { custom = JSONObject() }
            custom["evidence"] = links
            object["custom"] = .object(custom)
        }
        return object
    }
}
