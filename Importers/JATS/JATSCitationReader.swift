internal import CLibXML2
import CitationModel

/// Reads one `ref` of a reference list into the `Reference` of the cited work.
///
/// JATS tag library, "ref" and "Citation elements": a `ref` holds an `element-citation` (tagged parts only),
/// `mixed-citation` (tagged parts with the punctuation and text between them), or in NLM 2.x `nlm-citation` /
/// `citation`. The tagged parts are read the same way in all four: `publication-type` (or NLM 2.x
/// `citation-type`), `person-group` by `person-group-type` with `etal`, `collab`, `article-title`/`chapter-title`/
/// `source`, `year`, `volume`, `issue`, pages, `elocation-id`, `publisher-name`/`-loc`, `pub-id` and
/// `object-id`, `ext-link`, `comment`.
///
/// The literal form: a `mixed-citation`, and any citation with untagged text of its own, keeps its whole text,
/// white space collapsed, in `note`, so a citation nobody tagged is never lost. An `element-citation`'s `comment`
/// goes to `note` instead. When the tagged parts give no year or no creator, the literal's author-year form is read
/// for them (`JATSLiteralCitation`), and `extraFields["from-literal"]` says which were. A `ref` with several citations gives one reference, the first, with the other citations'
/// text added to its note; a `ref` with no citation element is a literal of its text.
struct JATSCitationReader {
    let text: JATSText
    let names: JATSNames
    let dates: JATSDates

    init(text: JATSText) {
        self.text = text
        self.names = JATSNames(text: text)
        self.dates = JATSDates(text: text)
    }

    /// The cited work a `ref` describes, without its citation key, or nil when the ref holds no text at all.
    func reference(_ ref: JATSNode) -> (reference: Reference, literal: String?)? {
        let citations = ref.elements.filter { $0.isAny("element-citation", "mixed-citation", "nlm-citation", "citation") }
        guard let first = citations.first else {
            guard let literal = text.plain(ref, skipping: ["label"]) else { return nil }  // a ref of free text
            var reference = Reference(citationKey: "", type: .document, note: literal)
            if let doi = JATSIdentifiers.doi(inText: literal) { reference.addIdentifier(doi) }
            return (reference, literal)
        }
        var (reference, literal) = read(first)
        var notes = reference.note.map { [$0] } ?? []
        for other in citations.dropFirst() {
            if let otherText = text.literal(other) { notes.append(otherText) }
        }
        if let refNote = text.plain(ref.child("note")) { notes.append(refNote) }
        reference.note = notes.isEmpty ? nil : notes.joined(separator: "\n")
        if literal == nil, citations.count > 1 { literal = reference.note }
        return (reference, literal)
    }

    // MARK: One citation

    private func read(_ citation: JATSNode) -> (Reference, String?) {
        var reference = Reference(citationKey: "", type: .document)
        let publicationType = citation.keyword("publication-type") ?? citation.keyword("citation-type")
        if let publicationType { reference.extraFields["publication-type"] = publicationType }

        var etal = false
        var extraNames: [String: [String]] = [:]
        for child in citation.elements {
            if child.is("person-group") {
                let groupType = child.keyword("person-group-type") ?? "author"
                for member in child.elements {
                    if member.is("etal") {
                        etal = true
                    } else if let role = Self.role(groupType) {
                        if let creator = names.creator(member, role: role) { reference.creators.append(creator) }
                    } else if let creator = names.creator(member, role: .author) {
                        extraNames[groupType, default: []].append(creator.sortName)
                    }
                }
            } else if child.is("etal") {
                etal = true
            } else if JATSNames.isName(child), let creator = names.creator(child, role: .author) {
                reference.creators.append(creator)
            }
        }
        if etal { reference.extraFields["etal"] = "yes" }
        for (groupType, list) in extraNames { reference.extraFields["person-group." + groupType] = list.joined(separator: "; ") }

        let articleTitle = text.rich(citation.child("article-title"))
        let chapterTitle = text.rich(citation.child("chapter-title"))
        let partTitle = text.rich(citation.child("part-title"))
        let dataTitle = text.rich(citation.child("data-title"))
        let source = text.rich(citation.child("source"))
        let publisher = text.plain(citation.children("publisher-name"), separator: "; ")
        let volume = text.plain(citation.child("volume"))
        let fpage = text.plain(citation.child("fpage"))
        let elocation = text.plain(citation.child("elocation-id"))

        var type = JATSTypes.citation(publicationType)
        if type == .book, chapterTitle != nil || articleTitle != nil || partTitle != nil { type = .chapter }
        if type == nil {
            if chapterTitle != nil {
                type = .chapter
            } else if articleTitle != nil, source != nil {
                type = volume != nil || fpage != nil || elocation != nil ? .articleJournal : .chapter
            } else if source != nil, publisher != nil {
                type = .book
            }
        }
        reference.type = type ?? .document

        switch reference.type {
        case .chapter, .paperConference:
            reference.title = chapterTitle ?? articleTitle ?? partTitle ?? dataTitle
            reference.containerTitle = source
        case .book, .thesis, .report, .software, .dataset, .webpage, .patent, "standard":
            let own = articleTitle ?? dataTitle ?? chapterTitle ?? partTitle
            reference.title = own ?? source
            reference.containerTitle = own == nil ? nil : source
        default:
            reference.title = articleTitle ?? dataTitle ?? chapterTitle ?? partTitle
            reference.containerTitle = source
        }
        if let title = text.plain(citation.child("trans-title")) { reference.extraFields["trans-title"] = title }
        if let title = text.plain(citation.child("trans-source")) { reference.extraFields["trans-source"] = title }

        reference.issued = dates.date(citation)
        if reference.issued == nil, let date = citation.child("date") { reference.issued = dates.date(date) }
        for accessed in citation.children("date-in-citation") {
            let kind = accessed.keyword("content-type") ?? "access-date"
            guard kind.contains("access") else { continue }
            let iso = accessed.attribute("iso-8601-date").flatMap { PartialDate.iso8601(JATSText.collapse($0)) }
            let raw = text.plain(accessed)
            reference.accessed = iso.map { var date = $0; date.raw = raw; return date } ?? raw.map { PartialDate(literal: $0) }
        }

        reference.volume = volume
        reference.issue = text.plain(citation.children("issue"), separator: ", ")
        if let supplement = text.plain(citation.child("supplement")) { reference.extraFields["supplement"] = supplement }
        reference.page = Self.pages(first: fpage, last: text.plain(citation.child("lpage")), range: text.plain(citation.child("page-range")))
        reference.articleNumber = elocation
        if let size = citation.child("size"), (size.keyword("units") ?? "pages").hasPrefix("page"), let pages = text.plain(size) {
            reference.csl["number-of-pages"] = .string(pages)
        }
        reference.edition = text.plain(citation.child("edition"))
        reference.publisher = publisher
        reference.publisherPlace = text.plain(citation.children("publisher-loc"), separator: "; ")
        if let institution = text.plain(citation.children("institution"), separator: "; ") {
            if reference.publisher == nil { reference.publisher = institution } else { reference.extraFields["institution"] = institution }
        }
        reference.collectionTitle = text.plain(citation.child("series"))
        if let conference = text.plain(citation.child("conf-name")) { reference.csl["event-title"] = .string(conference) }
        if let place = text.plain(citation.child("conf-loc")) { reference.csl["event-place"] = .string(place) }
        if let date = text.plain(citation.child("conf-date")) { reference.extraFields["conf-date"] = date }
        if let version = text.plain(citation.child("version")) { reference.csl["version"] = .string(version) }
        if let patent = citation.child("patent"), let number = text.plain(patent) {
            reference.articleNumber = reference.articleNumber ?? number
            if let country = patent.keyword("country") { reference.extraFields["patent-country"] = country }
        }
        for (name, key) in [("gov", "gov"), ("std", "std"), ("role", "role")] as [(StaticString, String)] {
            if let value = text.plain(citation.child(name)) { reference.extraFields[key] = value }
        }

        readIdentifiers(of: citation, into: &reference)

        var notes: [String] = []
        let literal = citation.is("mixed-citation") || Self.hasUntaggedText(citation) ? text.literal(citation) : nil
        if let literal {
            notes.append(literal)
        } else {
            for comment in citation.children("comment") { if let value = text.plain(comment) { notes.append(value) } }
            for annotation in citation.children("annotation") { if let value = text.plain(annotation) { notes.append(value) } }
        }
        reference.note = notes.isEmpty ? nil : notes.joined(separator: " ")
        if let literal, reference.issued == nil || reference.creators.isEmpty, let parsed = JATSLiteralCitation.authorYear(literal) {
            var inferred: [String] = []
            if reference.issued == nil {
                reference.issued = parsed.year
                inferred.append("issued")
            }
            if reference.creators.isEmpty, !parsed.creators.isEmpty {
                reference.creators = parsed.creators
                inferred.append("author")
                if parsed.etal { reference.extraFields["etal"] = "yes" }
            }
            if !inferred.isEmpty { reference.extraFields["from-literal"] = inferred.joined(separator: ",") }
        }
        if reference.doi == nil, let note = reference.note, let doi = JATSIdentifiers.doi(inText: note) {
            reference.addIdentifier(doi)
        }
        return (reference, literal)
    }

    /// `pub-id`, `object-id`, `isbn`, `issn`, `ext-link` and `uri` anywhere in the citation (a `comment` often holds
    /// the DOI link).
    private func readIdentifiers(of citation: JATSNode, into reference: inout Reference) {
        for node in citation.descendants(anyOf: ["pub-id", "object-id", "isbn", "issn", "ext-link", "uri"]) {
            if node.isAny("pub-id", "object-id") {
                guard let type = node.keyword("pub-id-type"), let value = text.plain(node) else { continue }
                if let identifier = JATSIdentifiers.identifier(type: type, value: value) {
                    reference.addIdentifier(identifier)
                } else {
                    reference.extraFields["pub-id." + type] = value
                }
            } else if node.is("isbn") {
                if let value = text.plain(node), let isbn = Identifier(.isbn, value) { reference.addIdentifier(isbn) }
            } else if node.is("issn") {
                if let value = text.plain(node), let issn = Identifier(.issn, value) { reference.addIdentifier(issn) }
            } else {
                link(node, into: &reference)
            }
        }
    }

    /// An `ext-link` or `uri`: a DOI or PubMed link becomes an identifier, the first other link the URL.
    private func link(_ node: JATSNode, into reference: inout Reference) {
        let target = node.attribute("href").map(JATSText.collapse) ?? text.plain(node) ?? ""
        guard !target.isEmpty else { return }
        let linkType = node.keyword("ext-link-type")
        if linkType == "doi", let doi = JATSIdentifiers.doi(fromLink: target) ?? Identifier(.doi, target) {
            reference.addIdentifier(doi)
        } else if linkType == "pmid" || linkType == "pubmed", let pmid = Identifier(.pmid, target) {
            reference.addIdentifier(pmid)
        } else if let doi = JATSIdentifiers.doi(fromLink: target) {
            reference.addIdentifier(doi)
        } else if let pmid = JATSIdentifiers.pmid(fromLink: target) {
            reference.addIdentifier(pmid)
        } else if reference.url == nil {
            reference.url = target
        }
    }

    /// The CSL role of a `person-group-type`, or nil for types that are no CSL name variable (`assignee`, `sponsor`).
    static func role(_ groupType: String) -> CreatorRole? {
        switch groupType {
        case "author", "allauthors", "inventor", "contrib": .author
        case "editor", "guest-editor", "chief-editor", "editors": .editor
        case "translator", "transed": .translator
        case "series-editor": .collectionEditor
        case "compiler", "curator", "director", "illustrator", "composer", "interviewer", "recipient": CreatorRole(rawValue: groupType)
        default: nil
        }
    }

    /// `fpage-lpage`, a `page-range`, or the first page alone.
    static func pages(first: String?, last: String?, range: String?) -> String? {
        if let first, let last, last != first { return first + "-" + last }
        return first ?? range
    }

    /// Whether the element has text of its own (not only white space and punctuation between tagged parts).
    static func hasUntaggedText(_ element: JATSNode) -> Bool {
        var cursor = element.pointer.pointee.children
        while let node = cursor {
            cursor = node.pointee.next
            guard node.pointee.type == XML_TEXT_NODE, let content = node.pointee.content else { continue }
            var index = 0
            while content[index] != 0 {
                let byte = content[index]
                if byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { return true }
                index += 1
            }
        }
        return false
    }
}
