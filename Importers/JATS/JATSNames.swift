import CitationModel

/// Reads people and organisations: `name`, `string-name`, `name-alternatives`, `collab`, `collab-name`.
///
/// JATS tag library: `name` has `surname`, `given-names`, `prefix` and `suffix`; its `name-style` is `western`
/// (the default), `eastern` (family name first, kept in that order: CSL's `static-ordering`), `given-only` (one
/// name, kept whole as a literal) or `islensk`. A `string-name` with tagged parts is read like `name`, otherwise it
/// is a literal. Of a `name-alternatives`, the first western or English `name` is taken, else the first name.
/// `collab` (or its `collab-name`) is an organisation, without any member `contrib-group` it holds.
struct JATSNames {
    let text: JATSText

    /// The person or organisation an element names, or nil when it is not a name or is empty.
    func creator(_ node: JATSNode, role: CreatorRole) -> Creator? {
        if node.is("name") { return person(node, role: role) }
        if node.is("string-name") {
            if node.child("surname") != nil || node.child("given-names") != nil { return person(node, role: role) }
            return text.plain(node).map { Creator.literal($0, role: role) }
        }
        if node.is("name-alternatives") {
            let names = node.children("name")
            let western = names.first { ($0.keyword("name-style") ?? "western") == "western" && ($0.keyword("lang").map { $0.hasPrefix("en") } ?? true) }
            guard let chosen = western ?? names.first ?? node.child("string-name") else { return nil }
            return creator(chosen, role: role)
        }
        if node.isAny("collab", "collab-name", "collab-alternatives", "institution") {
            return organisation(node).map { Creator.literal($0, role: role) }
        }
        if node.is("anonymous") {
            return Creator.literal(text.plain(node) ?? "Anonymous", role: role)
        }
        return nil
    }

    /// Whether an element is one `creator` reads.
    static func isName(_ node: JATSNode) -> Bool {
        node.isAny("name", "string-name", "name-alternatives", "collab", "collab-name", "collab-alternatives", "anonymous")
    }

    private func person(_ node: JATSNode, role: CreatorRole) -> Creator? {
        let family = text.plain(node.child("surname"))
        let given = text.plain(node.child("given-names"))
        let suffix = text.plain(node.child("suffix"))
        let prefix = text.plain(node.child("prefix"))
        guard family != nil || given != nil else {
            return text.plain(node).map { Creator.literal($0, role: role) }
        }
        let style = node.keyword("name-style") ?? "western"
        var creator: Creator
        if style == "given-only" || family == nil {
            creator = Creator(role: role, literal: [given, family].compactMap { $0 }.joined(separator: " "))
        } else {
            creator = Creator(role: role, family: family, given: given, suffix: suffix)
            if style == "eastern" { creator.extra["static-ordering"] = .bool(true) }
        }
        if let prefix { creator.extra["prefix"] = .string(prefix) }
        return creator
    }

    /// An organisation's name: its `collab-name` if it has one, else its text without members and notes.
    private func organisation(_ node: JATSNode) -> String? {
        if node.is("collab-alternatives") {
            return node.firstElement.flatMap { organisation($0) }
        }
        if let name = node.child("collab-name") { return text.plain(name) }
        return text.plain(node, skipping: ["contrib-group", "address", "aff", "email", "fn", "xref", "uri", "ext-link"])
    }

    /// An ORCID iD from a `contrib-id`: `0000-0002-1825-0097`, whether given bare or as an orcid.org URL.
    static func orcid(_ value: String) -> String? {
        var id = JATSText.collapse(value)
        if let range = id.firstRange(of: "orcid.org/") { id = String(id[range.upperBound...]) }
        while id.hasSuffix("/") { id.removeLast() }
        let digits = id.filter { $0 != "-" }
        guard digits.count == 16, digits.dropLast().allSatisfy(\.isASCIIDigit), let last = digits.last, last.isASCIIDigit || last == "X" else {
            return nil
        }
        return id.uppercased()
    }
}
