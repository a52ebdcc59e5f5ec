/// The CSL-JSON text of a reference written directly, for the store's `csl` column.
///
/// `cslJSON().serialized()` builds a `JSONObject` of `JSONValue`s and then walks it; importing tens of thousands of
/// records spent a fifth of its time there. This writes the same members in the same order straight into one string,
/// so its output is byte for byte `cslJSON().serialized()` (a test compares them). Other CSL variables the reference
/// keeps (`csl`, such as a JATS article's `number-of-pages`) follow the model's members in key order, as
/// `cslJSON()` appends them; a reference whose kept variables would replace a member in place instead (a kept
/// `custom` object, or a key the model writes itself), or with extra name members (`Creator.extra`), takes the
/// `JSONObject` path.
extension Reference {
    /// The compact CSL-JSON text of this reference: the same bytes as `cslJSON().serialized()`.
    public func cslJSONText() -> String {
        guard writesCSLJSONDirectly else { return cslJSON().serialized() }
        var writer = CSLJSONTextWriter(capacity: 1024)
        writeCSLJSON(to: &writer)
        return writer.finish()
    }

    /// `cslJSONText()` as its UTF-8 bytes, with no `String` made (and its bytes checked) on the way: what the store
    /// binds to its `csl` column.
    public func cslJSONUTF8() -> [UInt8] {
        guard writesCSLJSONDirectly else { return Array(cslJSON().serialized().utf8) }
        var writer = CSLJSONTextWriter(capacity: 1024)
        writeCSLJSON(to: &writer)
        return writer.finishUTF8()
    }

    /// Whether `writeCSLJSON(to:)` gives `cslJSON()`'s text (see the extension's comment).
    private var writesCSLJSONDirectly: Bool {
        // Creators are read by index here and below, so that none is copied (a copy retains and releases each of its
        // strings).
        keptVariablesFollowModel && !creators.indices.contains(where: { !creators[$0].extra.isEmpty })
    }

    /// Writes the CSL-JSON object, member by member.
    private func writeCSLJSON(to writer: inout CSLJSONTextWriter) {
        writer.open()
        writer.member("id", citationKey)
        writer.member("type", type.rawValue)
        if let title { writer.member("title", title) }
        if let containerTitle { writer.member("container-title", containerTitle) }
        var roles: [CreatorRole] = []
        for index in creators.indices where !roles.contains(creators[index].role) { roles.append(creators[index].role) }
        for role in roles {
            writer.key(named: role.rawValue)
            writer.openArray()
            for index in creators.indices where creators[index].role == role { writeName(at: index, to: &writer) }
            writer.closeArray()
        }
        if let issued {
            writer.key("issued")
            Self.writeDate(issued, to: &writer)
        }
        if let accessed {
            writer.key("accessed")
            Self.writeDate(accessed, to: &writer)
        }
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
        if let abstract { writer.member("abstract", abstract) }
        if let note { writer.member("note", note) }
        if let url { writer.member("URL", url) }
        // The first identifier of each kind with a CSL variable goes there; the rest into custom.identifiers.
        var written: [String] = []
        var extraIdentifiers: [Identifier] = []
        for identifier in identifiers {
            if let variable = identifier.kind.cslVariable, !written.contains(variable) {
                written.append(variable)
                writer.member(named: variable, identifier.raw)
            } else {
                extraIdentifiers.append(identifier)
            }
        }
        for key in csl.keys.sorted() { writer.member(named: key, json: csl[key]!) }
        writeCustom(extraIdentifiers: extraIdentifiers, roles: roles, to: &writer)
        writer.close()
    }

    /// `text`, the CSL-JSON text of this reference as it was under the key `oldKey`, with its `id` made this
    /// reference's key: the same bytes as `cslJSONText()`, without writing the rest again (the key is in the text only
    /// as its first member). Nil when `text` does not start with that `id` member.
    public func cslJSONText(rekeying text: String, from oldKey: String) -> String? {
        func idMember(_ key: String) -> String {
            var writer = CSLJSONTextWriter(capacity: key.utf8.count + 16)
            writer.open()
            writer.member("id", key)
            return writer.finish()
        }
        let old = idMember(oldKey)
        guard text.utf8.starts(with: old.utf8) else { return nil }
        let rest = text.utf8.index(text.startIndex, offsetBy: old.utf8.count)
        guard rest < text.endIndex, text.utf8[rest] == UInt8(ascii: ",") || text.utf8[rest] == UInt8(ascii: "}") else { return nil }
        return idMember(citationKey) + text[rest...]
    }

    /// Whether `cslJSON()` puts every kept variable after the model's own members: none of them is `custom` or a
    /// member the model writes (one of its keys, or the name variable of a role among the creators).
    private var keptVariablesFollowModel: Bool {
        csl.keys.allSatisfy { key in !Self.modelKeys.contains(key) && !creators.contains { $0.role.rawValue == key } }
    }

    /// The `custom` object, in `cslJSON()`'s member order; nothing when it would be empty.
    private func writeCustom(extraIdentifiers: [Identifier], roles: [CreatorRole], to writer: inout CSLJSONTextWriter) {
        let listsKeywords = keywords.contains(where: { $0.utf8.contains(0x2C) })
        let hasOrcids = creators.indices.contains { creators[$0].orcid != nil }
        guard subtitle != nil || studyDesign != nil || listsKeywords || !extraIdentifiers.isEmpty || hasOrcids || !extraFields.isEmpty else { return }
        writer.key("custom")
        writer.open()
        if let subtitle { writer.member("subtitle", subtitle) }
        if let studyDesign { writer.member("studyDesign", studyDesign.rawValue) }
        if listsKeywords {
            writer.key("keywords")
            writer.openArray()
            for keyword in keywords { writer.element(keyword) }
            writer.closeArray()
        }
        if !extraIdentifiers.isEmpty {
            writer.key("identifiers")
            writer.openArray()
            for identifier in extraIdentifiers {
                writer.open()
                writer.member("kind", identifier.kind.rawValue)
                writer.member("value", identifier.raw)
                writer.close()
            }
            writer.closeArray()
        }
        if hasOrcids {
            writer.key("creatorOrcids")
            writer.openArray()
            for role in roles {
                var index = 0
                for creator in creators where creator.role == role {
                    defer { index += 1 }
                    guard let orcid = creator.orcid else { continue }
                    writer.open()
                    writer.member("role", role.rawValue)
                    writer.member("index", literal: String(index))
                    writer.member("orcid", orcid)
                    writer.close()
                }
            }
            writer.closeArray()
        }
        if !extraFields.isEmpty {
            writer.key("extraFields")
            writer.open()
            // Sorted as pairs, so that no value is looked up again by its key.
            for (key, value) in extraFields.sorted(by: { $0.key < $1.key }) { writer.member(named: key, value) }
            writer.close()
        }
        writer.close()
    }

    /// The name of `creators[index]`, read in place (a `Creator` passed as a value was copied, each of its strings
    /// retained and released).
    private func writeName(at index: Int, to writer: inout CSLJSONTextWriter) {
        writer.open()
        if let family = creators[index].family { writer.member("family", family) }
        if let given = creators[index].given { writer.member("given", given) }
        if let particle = creators[index].droppingParticle { writer.member("dropping-particle", particle) }
        if let particle = creators[index].nonDroppingParticle { writer.member("non-dropping-particle", particle) }
        if let suffix = creators[index].suffix { writer.member("suffix", suffix) }
        if let literal = creators[index].literal { writer.member("literal", literal) }
        writer.close()
    }

    /// `cslDate` as text: `date-parts`, then `season`, `circa`, `literal`, `raw`.
    private static func writeDate(_ date: PartialDate, to writer: inout CSLJSONTextWriter) {
        writer.open()
        if !date.parts.isEmpty {
            writer.key("date-parts")
            writer.openArray()
            for parts in date.parts {
                writer.openArray()
                writer.element(parts.year)
                if let month = parts.month { writer.element(month) }
                if let day = parts.day { writer.element(day) }
                writer.closeArray()
            }
            writer.closeArray()
        }
        if let season = date.season { writer.member("season", season) }
        if date.circa {
            writer.member("circa", literal: "true")
        }
        if let literal = date.literal { writer.member("literal", literal) }
        if let raw = date.raw { writer.member("raw", raw) }
        writer.close()
    }
}
