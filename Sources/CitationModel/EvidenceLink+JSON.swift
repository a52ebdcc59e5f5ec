/// The JSON form of an evidence link: the object `evidence tag --from FILE.json`, the seed's `links.json` and the
/// `evidence` array of exported items share. Keys: `reference`, `concept`, `relation`, `strength`, `basis`,
/// `locator`, `quote`, `rationale`, `curator`, `status`, `created`, `updated`.
extension EvidenceLink {
    /// The JSON object, members in a fixed order, absent fields left out.
    public func json(includeReference: Bool = true) -> JSONObject {
        var object = JSONObject()
        if includeReference { object["reference"] = .string(reference) }
        object["concept"] = .string(concept)
        object["relation"] = .string(relation.rawValue)
        object["strength"] = .string(strength.rawValue)
        if let basis { object["basis"] = .string(basis.rawValue) }
        if let locator { object["locator"] = .string(locator) }
        if let quote { object["quote"] = .string(quote) }
        if let rationale { object["rationale"] = .string(rationale) }
        if let curator { object["curator"] = .string(curator) }
        object["status"] = .string(status.rawValue)
        if let created { object["created"] = .string(created) }
        if let updated { object["updated"] = .string(updated) }
        return object
    }

    /// Reads a link from a JSON object; `reference` is used when the object has no `reference` key (links nested
    /// in an item). Returns nil with an error diagnostic for a missing or invalid value.
    public static func fromJSON(_ node: LocatedJSON, reference: String?, file: String, diagnostics: inout [Diagnostic]) -> EvidenceLink? {
        let location = SourceLocation(file: file, line: node.line, column: node.column)
        guard case .object = node.kind else {
            diagnostics.append(.error("link.not-an-object", "expected an object for an evidence link, found \(node.kindName)", at: location, entry: reference))
            return nil
        }
        func string(_ key: String) -> String? {
            guard let text = node[key]?.value.stringValue?.trimmingCharacters(in: " \t\n"), !text.isEmpty else { return nil }
            return text
        }
        guard let referenceKey = string("reference") ?? reference else {
            diagnostics.append(.error("link.missing-reference", "evidence link has no 'reference'", at: location))
            return nil
        }
        guard let concept = string("concept") else {
            diagnostics.append(.error("link.missing-concept", "evidence link has no 'concept'", at: location, entry: referenceKey))
            return nil
        }
        var link = EvidenceLink(reference: referenceKey, concept: concept)
        var valid = true
        func vocabulary<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let text = string(key) else { return nil }
            if let value = T(rawValue: text.lowercased()) { return value }
            let choices = T.allCases.map(\.rawValue).joined(separator: ", ")
            let place = node[key].map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? location
            diagnostics.append(.error("link.invalid-\(key)", "unknown \(key) '\(text)'; expected one of \(choices)", at: place, entry: referenceKey))
            valid = false
            return nil
        }
        if let relation = vocabulary("relation", EvidenceRelation.self) { link.relation = relation }
        if let strength = vocabulary("strength", EvidenceStrength.self) { link.strength = strength }
        link.basis = vocabulary("basis", EvidenceBasis.self)
        if let status = vocabulary("status", LinkStatus.self) { link.status = status }
        link.locator = string("locator")
        link.quote = string("quote")
        link.rationale = string("rationale")
        link.curator = string("curator")
        link.created = string("created")
        link.updated = string("updated")
        return valid ? link : nil
    }
}
