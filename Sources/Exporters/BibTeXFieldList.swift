/// The fields of one entry being written, in order, each name once; renders the `@type{key, ...}` block.
struct BibTeXFieldList {
    private var fields: [(name: String, value: String, bare: Bool)] = []

    /// Adds a field unless one of that name is already there. `bare` values (month macros) are written unbraced.
    mutating func add(_ name: String, _ value: String, bare: Bool = false) {
        guard !contains(name) else { return }
        fields.append((name, value, bare))
    }

    func contains(_ name: String) -> Bool { fields.contains { $0.name == name } }

    /// The entry, one field a line, values in braces.
    func render(type: String, key: String) -> String {
        var output = "@\(type){\(key)"
        for field in fields {
            output += ",\n  \(field.name) = "
            output += field.bare ? field.value : "{\(field.value)}"
        }
        output += "\n}\n"
        return output
    }
}
