import CitationModel

/// The formats `evidence export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csljson, bibtex, biblatex, ris

    /// The exporter for this format.
    public var exporter: any Exporter { exporter() }

    /// The exporter for this format; with `ascii`, formats that can escape non-ASCII text (BibTeX) do; with `crlf`,
    /// line-based formats (RIS) end lines with CRLF.
    public func exporter(ascii: Bool = false, crlf: Bool = false) -> any Exporter {
        switch self {
        case .csljson: CSLJSONExporter()
        case .bibtex: BibTeXExporter(dialect: .bibtex, ascii: ascii)
        case .biblatex: BibTeXExporter(dialect: .biblatex, ascii: ascii)
        case .ris: RISExporter(lineEnd: crlf ? "\r\n" : "\n")
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
