import Foundation

import CitationModel

/// Reads a framework file (schema `evidence-framework/1`, JSON): the format of `Data/frameworks/*.json` and of
/// `evidence framework add FILE`.
///
/// ```json
/// {"schema": "evidence-framework/1", "id": "isp", "title": "...", "version": "4.0", "summary": "...",
///  "sources": [{"reference": "metz2020profile", "role": "profile"}],
///  "concepts": [{"id": "competency/co-design", "kind": "competency", "code": "C4", "name": "Co-design",
///                "parent": "domain/co-creation-and-engagement", "aliases": ["co-designing"], "summary": "..."}]}
/// ```
public enum FrameworkFile {
    /// The schema identifier a framework file must declare.
    public static let schema = "evidence-framework/1"

    /// Parses and checks a framework file; returns nil with error diagnostics when it is not usable.
    public static func read(_ source: SourceText) -> (framework: Framework?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let document: LocatedJSON
        do {
            var parser = JSONParser(bytes: source.bytes)
            document = try parser.parseDocument()
        } catch {
            return (nil, [.error("framework.syntax", error.message, at: source.location(line: error.line, column: error.column))])
        }
        func at(_ node: LocatedJSON) -> SourceLocation { source.location(line: node.line, column: node.column) }
        func string(_ node: LocatedJSON?, _ key: String) -> String? {
            guard let value = node?[key]?.value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        guard case .object = document.kind else {
            return (nil, [.error("framework.not-an-object", "a framework file holds one JSON object", at: at(document))])
        }
        if let declared = string(document, "schema"), declared != schema {
            diagnostics.append(.error("framework.schema", "unsupported schema '\(declared)'; expected '\(schema)'", at: at(document["schema"]!)))
        }
        guard let id = string(document, "id"), let title = string(document, "title") else {
            diagnostics.append(.error("framework.missing-field", "a framework needs an 'id' and a 'title'", at: at(document)))
            return (nil, diagnostics)
        }
        if id.contains(":") || id.contains(" ") {
            diagnostics.append(.error("framework.invalid-id", "framework id '\(id)' may not contain ':' or spaces", at: at(document["id"]!)))
        }
        var framework = Framework(
            id: id, title: title, version: string(document, "version"), publisher: string(document, "publisher"),
            summary: string(document, "summary"))
        if case .array(let sources)? = document["sources"]?.kind {
            framework.sources = sources.compactMap { node in
                string(node, "reference").map { Framework.Source(reference: $0, role: string(node, "role")) }
            }
        }
        guard case .array(let conceptNodes)? = document["concepts"]?.kind else {
            diagnostics.append(.error("framework.missing-field", "a framework needs a 'concepts' array", at: at(document)))
            return (nil, diagnostics)
        }
        var seen: Set<String> = []
        var nodes: [LocatedJSON] = []
        for (position, node) in conceptNodes.enumerated() {
            guard let localID = string(node, "id"), let name = string(node, "name") else {
                diagnostics.append(.error("framework.concept", "a concept needs an 'id' and a 'name'", at: at(node)))
                continue
            }
            guard let kindText = string(node, "kind"), let kind = ConceptKind(rawValue: kindText) else {
                diagnostics.append(.error("framework.concept-kind", "concept '\(localID)' needs a 'kind' of principle, domain or competency", at: at(node), entry: localID))
                continue
            }
            if !seen.insert(localID).inserted {
                diagnostics.append(.error("framework.duplicate-concept", "concept id '\(localID)' is used twice", at: at(node), entry: localID))
                continue
            }
            var aliases: [String] = []
            if case .array(let items)? = node["aliases"]?.kind { aliases = items.compactMap { $0.value.stringValue } }
            framework.concepts.append(
                Concept(
                    frameworkID: id, localID: localID, kind: kind, code: string(node, "code"), name: name,
                    parent: string(node, "parent"), aliases: aliases, summary: string(node, "summary"), position: position))
            nodes.append(node)
        }
        for (index, concept) in framework.concepts.enumerated() {
            if let parent = concept.parent, framework.concept(parent) == nil {
                diagnostics.append(.error("framework.unknown-parent", "concept '\(concept.localID)' names parent '\(parent)', which is not in the file", at: at(nodes[index]), entry: concept.localID))
            }
        }
        let failed = diagnostics.contains { $0.severity == .error }
        return (failed ? nil : framework, diagnostics)
    }
}
