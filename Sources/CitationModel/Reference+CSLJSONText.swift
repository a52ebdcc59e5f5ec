/// The CSL-JSON text of a reference written directly, for the store's `csl` column.
///
/// `cslJSON().serialized()` builds a `JSONObject` of `JSONValue`s and then walks it; importing tens of thousands of
/// records spent a fifth of its time there. This writes the same members in the same order straight into one string,
/// so its output is byte for byte `cslJSON().serialized()` (a test compares them). A reference that keeps other CSL
/// variables (`csl`) or extra name members (`Creator.extra`), where member order depends on replacing members in
/// place, takes the `JSONObject` path.
extension Reference {
    /// The compact CSL-JSON text of this reference: the same bytes as `cslJSON().serialized()`.
    public func cslJSONText() -> String {
        if !csl.isEmpty || creators.contains(where: { !$0.extra.isEmpty }) { return cslJSON().serialized() }
        var writer = CSLJSONTextWriter()
        writer.output.reserveCapacity(512)
        writer.member("id", citationKey)
        writer.member("type", type.rawValue)
        if let title { writer.member("title", title.cslMarkup) }
        if let containerTitle { writer.member("container-title", containerTitle.cslMarkup) }
        var roles: [CreatorRole] = []
        for creator in creators where !roles.contains(creator.role) { roles.append(creator.role) }
        for role in roles {
            writer.key(role.rawValue)
            writer.output += "["
            var first = true
            for creator in creators where creator.role == role {
                if !first { writer.output += "," }
                first = false
                Self.writeName(creator, to: &writer)
            }
            writer.output += "]"
        }
        if let issued { writer.key("issued"); Self.writeDate(issued, to: &writer) }
        if let accessed { writer.key("accessed"); Self.writeDate(accessed, to: &writer) }
        if let shortTitle { writer.member("title-short", shortTitle) }
        if let containerTitleShort { writer.member("container-title-short", containerTitleShort) }
        if let collectionTitle { writer.member("collection-title", collectionTitle) }
        if let collectionNumber { writer.member("collection-number", collectionNumber) }
        if let volume { writer.member("volume", volume) }
        if let issue { writer.member("issue", issue) }
        if let page { writer.member("page", page) }
        if let articleNumber { writer.member("number", articleNumber) }
        if let edition { writer.member("edition", edition) }
        if let publisher { writer.member("publisher", publisher) }
        if let publisherPlace { writer.member("publisher-place", publisherPlace) }
        if let genre { writer.member("genre", genre) }
        if let language { writer.member("language", language) }
        if !keywords.isEmpty { writer.member("keyword", keywords.joined(separator: ", ")) }
        if let abstract { writer.member("abstract", abstract.cslMarkup) }
        if let note { writer.member("note", note) }
        if let url { writer.member("URL", url) }
        // The first identifier of each kind with a CSL variable goes there; the rest into custom.identifiers.
        var written: [String] = []
        var extraIdentifiers: [Identifier] = []
        for identifier in identifiers {
            if let variable = identifier.kind.cslVariable, !written.contains(variable) {
                written.append(variable)
                writer.member(variable, identifier.raw)
            } else {
                extraIdentifiers.append(identifier)
            }
        }
        writeCustom(extraIdentifiers: extraIdentifiers, roles: roles, to: &writer)
        writer.output += "}"
        return writer.output
    }

    /// The `custom` object, in `cslJSON()`'s member order; nothing when it would be empty.
    private func writeCustom(extraIdentifiers: [Identifier], roles: [CreatorRole], to writer: inout CSLJSONTextWriter) {
        let listsKeywords = keywords.contains(where: { $0.utf8.contains(0x2C) })
        let hasOrcids = creators.contains { $0.orcid != nil }
        guard subtitle != nil || studyDesign != nil || listsKeywords || !extraIdentifiers.isEmpty || hasOrcids || !extraFields.isEmpty else { return }
        writer.key("custom")
        var custom = CSLJSONTextWriter(output: "")
        if let subtitle { custom.member("subtitle", subtitle.cslMarkup) }
        if let studyDesign { custom.member("studyDesign", studyDesign.rawValue) }
        if listsKeywords {
            custom.key("keywords")
            CSLJSONTextWriter.writeArray(keywords, to: &custom.output)
        }
        if !extraIdentifiers.isEmpty {
            custom.key("identifiers")
            custom.output += "["
            for (index, identifier) in extraIdentifiers.enumerated() {
                if index > 0 { custom.output += "," }
                var object = CSLJSONTextWriter()
                object.member("kind", identifier.kind.rawValue)
                object.member("value", identifier.raw)
                custom.output += object.output + "}"
            }
            custom.output += "]"
        }
        if hasOrcids {
            custom.key("creatorOrcids")
            custom.output += "["
            var first = true
            for role in roles {
                var index = 0
                for creator in creators where creator.role == role {
                    defer { index += 1 }
                    guard let orcid = creator.orcid else { continue }
                    if !first { custom.output += "," }
                    first = false
                    var object = CSLJSONTextWriter()
                    object.member("role", role.rawValue)
                    object.key("index")
                    object.output += String(index)
                    object.member("orcid", orcid)
                    custom.output += object.output + "}"
                }
            }
            custom.output += "]"
        }
        if !extraFields.isEmpty {
            custom.key("extraFields")
            var fields = CSLJSONTextWriter()
            for key in extraFields.keys.sorted() { fields.member(key, extraFields[key]!) }
            custom.output += fields.output + "}"
        }
        writer.output += "{" + custom.output + "}"
    }

    private static func writeName(_ creator: Creator, to writer: inout CSLJSONTextWriter) {
        var name = CSLJSONTextWriter()
        if let family = creator.family { name.member("family", family) }
        if let given = creator.given { name.member("given", given) }
        if let particle = creator.droppingParticle { name.member("dropping-particle", particle) }
        if let particle = creator.nonDroppingParticle { name.member("non-dropping-particle", particle) }
        if let suffix = creator.suffix { name.member("suffix", suffix) }
        if let literal = creator.literal { name.member("literal", literal) }
        writer.output += name.output + "}"
    }

    /// `cslDate` as text: `date-parts`, then `season`, `circa`, `literal`, `raw`.
    private static func writeDate(_ date: PartialDate, to writer: inout CSLJSONTextWriter) {
        var object = CSLJSONTextWriter()
        if !date.parts.isEmpty {
            object.key("date-parts")
            object.output += "["
            for (index, parts) in date.parts.enumerated() {
                if index > 0 { object.output += "," }
                object.output += "[" + [parts.year, parts.month, parts.day].compactMap { $0 }.map(String.init).joined(separator: ",") + "]"
            }
            object.output += "]"
        }
        if let season = date.season { object.member("season", season) }
        if date.circa {
            object.key("circa")
            object.output += "true"
        }
        if let literal = date.literal { object.member("literal", literal) }
        if let raw = date.raw { object.member("raw", raw) }
        writer.output += object.output + "}"
    }
}

/// Members of one JSON object written as compact text (RFC 8259): `{` is written with the first member, and the
/// owner writes the closing `}` (an object with no member comes out as `{}`).
struct CSLJSONTextWriter {
    var output: String
    private var empty = true

    init(output: String = "{") {
        self.output = output
    }

    /// Writes `"key":`, after a comma when a member came before.
    mutating func key(_ key: String) {
        if !empty { output += "," }
        empty = false
        JSONValue.writeString(key, to: &output)
        output += ":"
    }

    /// Writes `"key":"value"`.
    mutating func member(_ key: String, _ value: String) {
        self.key(key)
        JSONValue.writeString(value, to: &output)
    }

    /// Writes an array of strings.
    static func writeArray(_ items: [String], to output: inout String) {
        output += "["
        for (index, item) in items.enumerated() {
            if index > 0 { output += "," }
            JSONValue.writeString(item, to: &output)
        }
        output += "]"
    }
}
