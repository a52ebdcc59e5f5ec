import CitationModel

/// A small JSON Schema (draft-07) validator for the keywords csl-data.json uses: `type`, `enum`, `properties`,
/// `additionalProperties: false`, `required`, `items`, `minItems`, `maxItems`, `anyOf` and local `$ref`.
struct JSONSchemaValidator {
    let root: JSONValue

    /// The problems found, each with a JSON path; empty when the value is valid.
    func validate(_ value: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, against: root, path: "$", problems: &problems)
        return problems
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard let reference = schema["$ref"]?.stringValue, reference.hasPrefix("#/") else { return schema }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    private func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private func check(_ value: JSONValue, against rawSchema: JSONValue, path: String, problems: inout [String]) {
        let schema = resolve(rawSchema)
        if case .array(let options)? = schema["anyOf"] {
            let passes = options.contains { option in
                var scratch: [String] = []
                check(value, against: option, path: path, problems: &scratch)
                return scratch.isEmpty
            }
            if !passes { problems.append("\(path): matches none of anyOf") }
        }
        if let type = schema["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap(\.stringValue)
            default: allowed = []
            }
            if !allowed.contains(typeName(value)) {
                problems.append("\(path): is \(typeName(value)), expected \(allowed.joined(separator: " or "))")
                return
            }
        }
        if case .array(let choices)? = schema["enum"], !choices.contains(value) {
            problems.append("\(path): \(value.serialized()) is not one of the allowed values")
        }
        if case .object(let object) = value {
            let properties: JSONObject
            if case .object(let declared)? = schema["properties"] { properties = declared } else { properties = JSONObject() }
            for member in object.members {
                if let propertySchema = properties[member.key] {
                    check(member.value, against: propertySchema, path: path + "." + member.key, problems: &problems)
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path): property '\(member.key)' is not allowed")
                }
            }
            if case .array(let required)? = schema["required"] {
                for key in required.compactMap(\.stringValue) where object[key] == nil {
                    problems.append("\(path): required property '\(key)' is missing")
                }
            }
        }
        if case .array(let items) = value {
            if let minimum = schema["minItems"]?.stringValue.flatMap(Int.init), items.count < minimum {
                problems.append("\(path): fewer than \(minimum) items")
            }
            if let maximum = schema["maxItems"]?.stringValue.flatMap(Int.init), items.count > maximum {
                problems.append("\(path): more than \(maximum) items")
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(item, against: itemSchema, path: "\(path)[\(index)]", problems: &problems)
                }
            }
        }
    }
}
