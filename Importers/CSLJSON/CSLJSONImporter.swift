import CitationModel

/// Reads CSL-JSON: an array of items (or one item), as written by Zotero, pandoc, citeproc tools and `evidence`.
///
/// A syntax error is reported at its line and column and nothing from that file is imported (the file is one
/// failed block); an item with an invalid value is one failed block and the other items still import. Evidence
/// links carried under an item's `evidence` (or `custom.evidence`) come along with the record.
public struct CSLJSONImporter: Importer {
    public init() {}

    public var format: ImportFormat { .csljson }

    public func parse<Sink: ImportSink>(_ source: SourceText, into sink: inout Sink) throws {
        var parser = JSONParser(bytes: source.bytes)
        let document: LocatedJSON
        do {
            document = try parser.parseDocument()
        } catch {
            sink.diagnose(.error("csljson.syntax", error.message, at: source.location(line: error.line, column: error.column)))
            sink.countFailed()
            return
        }
        let items: [LocatedJSON]
        switch document.kind {
        case .array(let list): items = list
        case .object: items = [document]
        default:
            sink.diagnose(.error("csljson.not-an-array", "expected an array of CSL-JSON items, found \(document.kindName)", at: source.location(line: document.line, column: document.column)))
            sink.countFailed()
            return
        }
        for (index, item) in items.enumerated() {
            let decoded = Reference.fromCSLJSON(item, file: source.file, fallbackKey: "item\(index + 1)")
            for diagnostic in decoded.diagnostics { sink.diagnose(diagnostic) }
            guard let reference = decoded.reference else {
                sink.countFailed()
                continue
            }
            var diagnostics: [Diagnostic] = []
            var links: [EvidenceLink] = []
            if let evidence = decoded.evidence {
                if case .array(let nodes) = evidence.kind {
                    links = nodes.compactMap { EvidenceLink.fromJSON($0, reference: reference.citationKey, file: source.file, diagnostics: &diagnostics) }
                } else {
                    diagnostics.append(.error("csljson.field-type", "'evidence' must be an array of links, found \(evidence.kindName)", at: source.location(line: evidence.line, column: evidence.column), entry: reference.citationKey))
                }
            }
            for diagnostic in diagnostics { sink.diagnose(diagnostic) }
            if diagnostics.contains(where: { $0.severity == .error }) {
                sink.countFailed()
                continue
            }
            try sink.accept(ImportedRecord(reference: reference, location: source.location(line: item.line, column: item.column), evidence: links))
        }
    }
}
