/// CSL-JSON, the model's canonical form (CSL 1.0.2, Appendix IV "Variables"; schema csl-data.json).
///
/// Every model field maps to a CSL variable where CSL has one; the rest go into the item's `custom` object
/// (`subtitle`, `studyDesign`, `extraFields`, further identifiers, ORCIDs), which the schema provides for exactly
/// this. Variables the model does not hold are kept in `Reference.csl` and written back as they came.
extension Reference {
    /// The scalar CSL variables the model holds, in output order, with their key paths.
    nonisolated(unsafe) private static let textVariables: [(String, WritableKeyPath<Reference, String?>)] = [
        ("title-short", \.shortTitle),
        ("container-title-short", \.containerTitleShort),
        ("collection-title", \.collectionTitle),
        ("collection-number", \.collectionNumber),
        ("volume", \.volume),
        ("issue", \.issue),
        ("page", \.page),
        ("number", \.articleNumber),
        ("edition", \.edition),
        ("publisher", \.publisher),
        ("publisher-place", \.publisherPlace),
        ("genre", \.genre),
        ("language", \.language),
    ]

    /// Keys of `custom` that the model reads and writes itself.
    private static let modelCustomKeys: Set<String> = [
        "subtitle", "studyDesign", "extraFields", "identifiers", "creatorOrcids", "keywords", "evidence",
    ]

    /// Keys of an item that the model reads itself; every other key is kept in `csl`.
    static let modelKeys: Set<String> = {
        var keys: Set<String> = [
            "id", "type", "title", "container-title", "issued", "accessed", "abstract", "keyword", "note", "URL", "DOI",
            "PMID", "PMCID", "ISBN", "ISSN", "custom", "evidence",
        ]
        keys.formUnion(textVariables.map(\.0))
        keys.formUnion(CreatorRole.cslNameVariables.map(\.rawValue))
        return keys
    }()

    // MARK: Encoding

    /// The CSL-JSON item for this reference, members in a conventional order.
    public func cslJSON() -> JSONObject {
        var item = JSONObject()
        item["id"] = .string(citationKey)
        item["type"] = .string(type.rawValue)
        if let title { item["title"] = .string(title.cslMarkup) }
        if let containerTitle { item["container-title"] = .string(containerTitle.cslMarkup) }
        var roles: [CreatorRole] = []
        for creator in creators where !roles.contains(creator.role) { roles.append(creator.role) }
        var orcids: [JSONValue] = []
        for role in roles {
            let group = creators(role)
            item[role.rawValue] = .array(group.map(Self.cslName))
            for (index, creator) in group.enumerated() {
                if let orcid = creator.orcid {
                    orcids.append(.object(["role": .string(role.rawValue), "index": .integer(index), "orcid": .string(orcid)]))
                }
            }
        }
        if let issued { item["issued"] = Self.cslDate(issued) }
        if let accessed { item["accessed"] = Self.cslDate(accessed) }
        for (key, path) in Self.textVariables {
            if let value = self[keyPath: path] { item[key] = .string(value) }
        }
        if !keywords.isEmpty { item["keyword"] = .string(keywords.joined(separator: ", ")) }
        if let abstract { item["abstract"] = .string(abstract.cslMarkup) }
        if let note { item["note"] = .string(note) }
        if let url { item["URL"] = .string(url) }
        var extraIdentifiers: [JSONValue] = []
        for identifier in identifiers {
            if let variable = identifier.kind.cslVariable, item[variable] == nil {
                item[variable] = .string(identifier.raw)
            } else {
                extraIdentifiers.append(.object(["kind": .string(identifier.kind.rawValue), "value": .string(identifier.raw)]))
            }
        }
        for key in csl.keys.sorted() where key != "custom" { item[key] = csl[key] }

        var custom = JSONObject()
        if case .object(let kept)? = csl["custom"] { custom = kept }
        if let subtitle { custom["subtitle"] = .string(subtitle.cslMarkup) }
        if let studyDesign { custom["studyDesign"] = .string(studyDesign.rawValue) }
        if keywords.contains(where: { $0.utf8.contains(0x2C) }) { custom["keywords"] = .array(keywords.map(JSONValue.string)) }
        if !extraIdentifiers.isEmpty { custom["identifiers"] = .array(extraIdentifiers) }
        if !orcids.isEmpty { custom["creatorOrcids"] = .array(orcids) }
        if !extraFields.isEmpty {
            custom["extraFields"] = .object(JSONObject(extraFields.keys.sorted().map { .init($0, .string(extraFields[$0]!)) }))
        }
        if !custom.isEmpty { item["custom"] = .object(custom) }
        return item
    }

    private static func cslName(_ creator: Creator) -> JSONValue {
        var name = JSONObject()
        if let family = creator.family { name["family"] = .string(family) }
        if let given = creator.given { name["given"] = .string(given) }
        if let particle = creator.droppingParticle { name["dropping-particle"] = .string(particle) }
        if let particle = creator.nonDroppingParticle { name["non-dropping-particle"] = .string(particle) }
        if let suffix = creator.suffix { name["suffix"] = .string(suffix) }
        if let literal = creator.literal { name["literal"] = .string(literal) }
        for key in creator.extra.keys.sorted() { name[key] = creator.extra[key] }
        return .object(name)
    }

    /// The CSL-JSON date object: `date-parts`, then `season`, `circa`, `literal`, `raw`.
    public static func cslDate(_ date: PartialDate) -> JSONValue {
        var object = JSONObject()
        if !date.parts.isEmpty {
            object["date-parts"] = .array(
                date.parts.map { parts in
                    .array([parts.year, parts.month, parts.day].compactMap { $0 }.map(JSONValue.integer))
                })
        }
        if let season = date.season { object["season"] = .string(season) }
        if date.circa { object["circa"] = .bool(true) }
        if let literal = date.literal { object["literal"] = .string(literal) }
        if let raw = date.raw { object["raw"] = .string(raw) }
        return .object(object)
    }

    // MARK: Decoding

    /// What reading one CSL-JSON item gave: the reference (nil when the item had an error), its diagnostics, and
    /// any evidence links it carried (under `evidence` or `custom.evidence`).
    public struct CSLJSONItem: Sendable {
        public var reference: Reference?
        public var diagnostics: [Diagnostic]
        public var evidence: LocatedJSON?
    }

    /// Reads one CSL-JSON item. `fallbackKey` names an item that has no `id`.
    public static func fromCSLJSON(_ item: LocatedJSON, file: String, fallbackKey: String) -> CSLJSONItem {
        var diagnostics: [Diagnostic] = []
        func location(_ node: LocatedJSON) -> SourceLocation { SourceLocation(file: file, line: node.line, column: node.column) }
        guard case .object(let members) = item.kind else {
            return CSLJSONItem(
                reference: nil,
                diagnostics: [.error("csljson.not-an-object", "expected an object for a CSL-JSON item, found \(item.kindName)", at: location(item))],
                evidence: nil)
        }
        var key = fallbackKey
        switch item["id"]?.kind {
        case .string(let text)? where !text.isEmpty: key = text
        case .number(let text)?: key = text
        case nil:
            diagnostics.append(.warning("csljson.missing-id", "item has no 'id'; using generated key '\(fallbackKey)'", at: location(item), entry: fallbackKey))
        default:
            diagnostics.append(.error("csljson.field-type", "'id' must be a string or a number", at: location(item["id"]!), entry: fallbackKey))
        }
        var reference = Reference(citationKey: key)
        var failed = false
        func fail(_ node: LocatedJSON, _ field: String, expected: String) {
            failed = true
            diagnostics.append(.error("csljson.field-type", "'\(field)' must be \(expected), found \(node.kindName)", at: location(node), entry: key))
        }
        func text(_ node: LocatedJSON, _ field: String, numberAllowed: Bool = true) -> String? {
            switch node.kind {
            case .string(let value): return value
            case .number(let value) where numberAllowed: return value
            default:
                fail(node, field, expected: numberAllowed ? "a string or a number" : "a string")
                return nil
            }
        }

        if let typeNode = item["type"] {
            if let type = text(typeNode, "type", numberAllowed: false) {
                if ReferenceType(rawValue: type).isCSLType {
                    reference.type = ReferenceType(rawValue: type)
                } else {
                    reference.type = .document
                    reference.extraFields["type"] = type
                    diagnostics.append(.warning("csljson.unknown-type", "unknown CSL type '\(type)'; imported as 'document', the original kept", at: location(typeNode), entry: key))
                }
            }
        } else {
            diagnostics.append(.warning("csljson.missing-type", "item has no 'type'; imported as 'document'", at: location(item), entry: key))
        }

        var evidence: LocatedJSON?
        for member in members {
            let node = member.value
            switch member.key {
            case "id", "type":
                continue
            case "title":
                if let value = text(node, "title") { reference.title = RichText(cslMarkup: value) }
            case "container-title":
                if let value = text(node, "container-title") { reference.containerTitle = RichText(cslMarkup: value) }
            case "abstract":
                if let value = text(node, "abstract") { reference.abstract = RichText(cslMarkup: value) }
            case "note":
                reference.note = text(node, "note")
            case "URL":
                reference.url = text(node, "URL")
            case "keyword":
                if let value = text(node, "keyword") {
                    reference.keywords = value.split(separator: ",").map { String($0).trimmingCharacters(in: " \t\n") }.filter { !$0.isEmpty }
                }
            case "issued", "accessed":
                guard let date = decodeDate(node, field: member.key, file: file, entry: key, diagnostics: &diagnostics) else {
                    failed = true
                    continue
                }
                if member.key == "issued" { reference.issued = date } else { reference.accessed = date }
            case "DOI", "PMID", "PMCID", "ISBN", "ISSN":
                guard let value = text(node, member.key) else { continue }
                let kind = IdentifierKind.allCases.first { $0.cslVariable == member.key }!
                if let identifier = Identifier(kind, value) {
                    reference.identifiers.append(identifier)
                } else if !value.trimmingCharacters(in: " ").isEmpty {
                    reference.csl[member.key] = .string(value)
                    diagnostics.append(.warning("csljson.malformed-identifier", "'\(value)' is not a valid \(member.key); kept as given", at: location(node), entry: key))
                }
            case "evidence":
                evidence = node
            case "custom":
                guard case .object(let customMembers) = node.kind else {
                    fail(node, "custom", expected: "an object")
                    continue
                }
                var kept = JSONObject()
                for custom in customMembers {
                    let value = custom.value
                    switch custom.key {
                    case "subtitle":
                        if let text = text(value, "custom.subtitle") { reference.subtitle = RichText(cslMarkup: text) }
                    case "studyDesign":
                        if let text = text(value, "custom.studyDesign") {
                            if let design = StudyDesign(rawValue: text) {
                                reference.studyDesign = design
                            } else {
                                diagnostics.append(.warning("csljson.unknown-study-design", "unknown study design '\(text)'; one of \(StudyDesign.allCases.map(\.rawValue).joined(separator: ", "))", at: location(value), entry: key))
                                kept[custom.key] = value.value
                            }
                        }
                    case "keywords":
                        if case .array(let items) = value.kind { reference.keywords = items.compactMap { $0.value.stringValue } }
                    case "extraFields":
                        if case .object(let fields) = value.kind {
                            for field in fields { if let text = field.value.value.stringValue { reference.extraFields[field.key] = text } }
                        }
                    case "identifiers":
                        if case .array(let items) = value.kind {
                            for entry in items {
                                if let kindName = entry["kind"]?.value.stringValue, let kind = IdentifierKind(rawValue: kindName),
                                    let raw = entry["value"]?.value.stringValue, let identifier = Identifier(kind, raw)
                                {
                                    reference.identifiers.append(identifier)
                                }
                            }
                        }
                    case "creatorOrcids":
                        continue
                    case "evidence":
                        evidence = value
                    default:
                        kept[custom.key] = value.value
                    }
                }
                if !kept.isEmpty { reference.csl["custom"] = .object(kept) }
            default:
                if let path = textVariables.first(where: { $0.0 == member.key })?.1 {
                    reference[keyPath: path] = text(node, member.key)
                } else if CreatorRole.cslNameVariables.contains(CreatorRole(rawValue: member.key)) {
                    guard case .array(let names) = node.kind else {
                        fail(node, member.key, expected: "an array of names")
                        continue
                    }
                    for name in names {
                        guard let creator = decodeName(name, role: CreatorRole(rawValue: member.key), file: file, entry: key, diagnostics: &diagnostics) else {
                            failed = true
                            continue
                        }
                        reference.creators.append(creator)
                    }
                } else {
                    reference.csl[member.key] = node.value
                }
            }
        }
        if case .array(let orcids)? = item["custom"]?["creatorOrcids"]?.kind {
            for entry in orcids {
                guard let role = entry["role"]?.value.stringValue, let indexText = entry["index"]?.value.stringValue,
                    let index = Int(indexText), let orcid = entry["orcid"]?.value.stringValue
                else { continue }
                let positions = reference.creators.indices.filter { reference.creators[$0].role.rawValue == role }
                if index < positions.count { reference.creators[positions[index]].orcid = orcid }
            }
        }
        return CSLJSONItem(reference: failed ? nil : reference, diagnostics: diagnostics, evidence: evidence)
    }

    private static func decodeName(_ node: LocatedJSON, role: CreatorRole, file: String, entry: String, diagnostics: inout [Diagnostic]) -> Creator? {
        guard case .object(let members) = node.kind else {
            diagnostics.append(.error("csljson.field-type", "a name in '\(role.rawValue)' must be an object, found \(node.kindName)", at: SourceLocation(file: file, line: node.line, column: node.column), entry: entry))
            return nil
        }
        var creator = Creator(role: role)
        for member in members {
            let value = member.value.value
            let text = value.stringValue
            switch member.key {
            case "family": creator.family = text
            case "given": creator.given = text
            case "dropping-particle": creator.droppingParticle = text
            case "non-dropping-particle": creator.nonDroppingParticle = text
            case "suffix": creator.suffix = text
            case "literal": creator.literal = text
            default: creator.extra[member.key] = value
            }
        }
        return creator
    }

    private static func decodeDate(_ node: LocatedJSON, field: String, file: String, entry: String, diagnostics: inout [Diagnostic]) -> PartialDate? {
        let location = SourceLocation(file: file, line: node.line, column: node.column)
        switch node.kind {
        case .string(let text):
            return PartialDate.iso8601(text) ?? PartialDate(literal: text)
        case .object:
            var date = PartialDate()
            if let parts = node["date-parts"] {
                guard case .array(let ends) = parts.kind else {
                    diagnostics.append(.error("csljson.date", "'date-parts' in '\(field)' must be an array of arrays", at: location, entry: entry))
                    return nil
                }
                for end in ends {
                    guard case .array(let numbers) = end.kind, !numbers.isEmpty, numbers.count <= 3 else {
                        diagnostics.append(.error("csljson.date", "each 'date-parts' entry in '\(field)' must hold 1 to 3 numbers", at: SourceLocation(file: file, line: end.line, column: end.column), entry: entry))
                        return nil
                    }
                    let values = numbers.map { $0.value.stringValue.flatMap { Int($0.trimmingCharacters(in: " ")) } }
                    guard let year = values[0] else {
                        diagnostics.append(.error("csljson.date", "the year in '\(field)' is not a number", at: SourceLocation(file: file, line: end.line, column: end.column), entry: entry))
                        return nil
                    }
                    date.parts.append(PartialDate.Parts(year: year, month: values.count > 1 ? values[1] : nil, day: values.count > 2 ? values[2] : nil))
                }
            }
            date.season = node["season"]?.value.stringValue
            if let circa = node["circa"]?.value {
                switch circa {
                case .bool(let value): date.circa = value
                case .number(let text), .string(let text): date.circa = !(text == "0" || text.isEmpty || text == "false")
                default: break
                }
            }
            date.literal = node["literal"]?.value.stringValue
            date.raw = node["raw"]?.value.stringValue
            if date.parts.isEmpty, let raw = date.raw, let parsed = PartialDate.iso8601(raw) { date.parts = parsed.parts }
            return date
        default:
            diagnostics.append(.error("csljson.field-type", "'\(field)' must be a date object or an EDTF string, found \(node.kindName)", at: location, entry: entry))
            return nil
        }
    }
}
