import CitationModel

/// The formats `evidence export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csljson, ris

    /// The exporter for this format.
    public var exporter: any Exporter {
        switch self {
        case .csljson: CSLJSONExporter()
        case .ris: RISExporter()
        }
    }
}

/// A reference with the evidence links to write along with it (empty when the format has no place for them).
public struct ExportItem: Sendable {
    public var reference: Reference
    public var evidence: [EvidenceLink]
    public init(reference: Reference, evidence: [EvidenceLink] = []) {
        self.reference = reference
        self.evidence = evidence
    }
}

/// Writes references in one format. Exporters see only the model, never importers or the store.
public protocol Exporter: Sendable {
    func export(_ items: [ExportItem]) -> String
}
