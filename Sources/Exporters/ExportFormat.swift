import CitationModel

/// The formats `evidence export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csljson, bibtex, biblatex

    /// The exporter for this format.
    public var exporter: any Exporter { exporter(ascii: false) }

    /// The exporter for this format; with `ascii`, formats that can escape non-ASCII text (BibTeX) do.
    public func exporter(ascii: Bool) -> any Exporter {
        switch self {
        case .csljson: CSLJSONExporter()
        case .bibtex: BibTeXExporter(dialect: .bibtex, ascii: ascii)
        case .biblatex: BibTeXExporter(dialect: .biblatex, ascii: ascii)
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
