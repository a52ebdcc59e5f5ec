import CitationModel

/// Reads one `article` (its `front` metadata and every `ref` it holds) into a `Reference` and the works it cites.
///
/// Implements issue 5, "Article metadata", from the JATS tag library (1.3) and NLM Journal Archiving 2.3/3.0:
/// `journal-meta` (journal title in `journal-title-group` or, NLM 2.x, directly; abbreviation; ISSN by
/// `pub-type`/`publication-format`; publisher) and `article-meta` (`article-id`, `title-group`, `contrib-group`,
/// `pub-date`, volume, issue, pages, `elocation-id`, `permissions`, `abstract`, `kwd-group`, `article-categories`).
/// What the model has no field for is kept in `extraFields` under the JATS element's name: `article-type`,
/// `publisher-id`, `trans-title` (CSL markup), `license`, `license-type`, `license-p`, `copyright-statement`,
/// `copyright-year`, `copyright-holder`, `subject`, `issn-print`/`issn-electronic`/`issn-l`, other `pub-date`s as
/// `pub-date.<type>`, `history` dates as `date.<type>`, other abstracts as `abstract.<type>`.
struct JATSArticleReader {
    let text: JATSText
    let names: JATSNames
    let dates: JATSDates
    let citations: JATSCitationReader

    init(text: JATSText) {
        self.text = text
        citations = JATSCitationReader(text: text)
        names = citations.names
        dates = citations.dates
    }

    /// The article and its reference list (one entry per `ref`, in document order, each with the line of its `ref`).
    func read(_ article: JATSNode) -> (reference: Reference, cites: [(reference: Reference, line: Int)], emptyRefs: [Int]) {
        var reference = Reference(citationKey: "", type: .articleJournal)
        let articleType = article.keyword("article-type")
        let typing = JATSTypes.article(articleType)
        reference.type = typing.type
        reference.studyDesign = typing.design
        if let articleType { reference.extraFields["article-type"] = articleType }
        if let language = article.keyword("lang") { reference.language = language }

        let front = article.child("front")
        if let journal = front?.child("journal-meta") { readJournal(journal, into: &reference) }
        if let meta = front?.child("article-meta") { readArticleMeta(meta, into: &reference) }
        reference.citationKey = JATSCitationKey.key(for: reference)

        var cites: [(Reference, Int)] = []
        var emptyRefs: [Int] = []
        for ref in article.descendants("ref", stoppingAt: ["article", "front"]) {
            guard let (cited, literal) = citations.reference(ref) else {
                emptyRefs.append(ref.line)
                continue
            }
            var keyed = cited
            keyed.citationKey = JATSCitationKey.key(forCited: cited, literal: literal)
            cites.append((keyed, ref.line))
        }
        return (reference, cites, emptyRefs)
    }

    // MARK: journal-meta

    private func readJournal(_ journal: JATSNode, into reference: inout Reference) {
        let group = journal.child("journal-title-group")
        reference.containerTitle = text.rich(group?.child("journal-title") ?? journal.child("journal-title"))
        let abbreviations = (group?.children("abbrev-journal-title") ?? []) + journal.children("abbrev-journal-title")
        let abbreviation = abbreviations.first { $0.keyword("abbrev-type") == "nlm-ta" } ?? abbreviations.first
        reference.containerTitleShort =
            text.plain(abbreviation) ?? text.plain(journal.children("journal-id").first { $0.keyword("journal-id-type") == "nlm-ta" })
        if reference.containerTitle == nil, let short = reference.containerTitleShort { reference.containerTitle = RichText(short) }

        var issns: [(kind: String, identifier: Identifier)] = []
        for node in journal.children("issn") {
            guard let value = text.plain(node), let identifier = Identifier(.issn, value) else { continue }
            let kind = node.keyword("pub-type") ?? node.keyword("publication-format") ?? "print"
            issns.append((kind == "epub" || kind == "electronic" ? "electronic" : "print", identifier))
        }
        for (kind, identifier) in issns.sorted(by: { $0.kind == "print" && $1.kind != "print" }) {
            reference.addIdentifier(identifier)
            reference.extraFields["issn-" + kind] = identifier.value
        }
        if let linking = text.plain(journal.child("issn-l")) { reference.extraFields["issn-l"] = linking }
        if let publisher = journal.child("publisher") {
            reference.publisher = text.plain(publisher.children("publisher-name"), separator: "; ")
            reference.publisherPlace = text.plain(publisher.children("publisher-loc"), separator: "; ")
        }
    }

    // MARK: article-meta

    private func readArticleMeta(_ meta: JATSNode, into reference: inout Reference) {
        for node in meta.children("article-id") {
            guard let type = node.keyword("pub-id-type"), let value = text.plain(node) else { continue }
            if let identifier = JATSIdentifiers.identifier(type: type, value: value) {
                reference.addIdentifier(identifier)
            } else {
                reference.extraFields[type == "publisher-id" ? "publisher-id" : "article-id." + type] = value
            }
        }
        if let categories = meta.child("article-categories") {
            let headings = categories.descendants("subject").compactMap { text.plain($0) }
            if !headings.isEmpty { reference.extraFields["subject"] = headings.joined(separator: "; ") }
            if reference.studyDesign == nil {
                let headingGroups = categories.descendants("subj-group").filter { $0.keyword("subj-group-type") == "heading" }
                for group in headingGroups {
                    for subject in group.children("subject") {
                        if let design = text.plain(subject).flatMap(JATSTypes.design(fromHeading:)) { reference.studyDesign = design }
                    }
                }
            }
        }
        readTitles(meta, into: &reference)
        readContributors(meta, into: &reference)

        let publication = dates.publicationDate(meta.children("pub-date"))
        reference.issued = publication.issued
        for (label, date) in publication.all where date != publication.issued {
            reference.extraFields["pub-date." + label] = JATSDates.text(date)
        }
        if let history = meta.child("history") {
            for node in history.children("date") {
                guard let date = dates.date(node) else { continue }
                reference.extraFields["date." + (node.keyword("date-type") ?? "other")] = JATSDates.text(date)
            }
        }

        reference.volume = text.plain(meta.child("volume"))
        reference.issue = text.plain(meta.children("issue"), separator: ", ")
        reference.page = JATSCitationReader.pages(
            first: text.plain(meta.child("fpage")), last: text.plain(meta.child("lpage")), range: text.plain(meta.child("page-range")))
        reference.articleNumber = text.plain(meta.child("elocation-id"))
        if let count = meta.child("counts")?.child("page-count")?.attribute("count") {
            reference.csl["number-of-pages"] = .string(JATSText.collapse(count))
        }
        if let uri = meta.children("self-uri").first(where: { $0.attribute("href") != nil && $0.keyword("content-type") != "pdf" }) {
            reference.url = uri.attribute("href").map(JATSText.collapse)
        }
        readPermissions(meta.child("permissions") ?? meta, into: &reference)
        readAbstracts(meta, into: &reference)

        var keywords: [String] = []
        for group in meta.children("kwd-group") {
            for keyword in group.elements where keyword.isAny("kwd", "compound-kwd") {
                guard let value = keyword.is("kwd") ? text.plain(keyword) : text.plain(keyword.children("compound-kwd-part"), separator: " ") else {
                    continue
                }
                if !keywords.contains(value) { keywords.append(value) }
            }
        }
        reference.keywords = keywords
    }

    private func readTitles(_ meta: JATSNode, into reference: inout Reference) {
        guard let group = meta.child("title-group") else { return }
        reference.title = text.rich(group.child("article-title"))
        reference.subtitle = text.rich(group.child("subtitle"))
        if let translated = group.child("trans-title-group") ?? group.child("trans-title") {
            let title = translated.is("trans-title") ? translated : translated.child("trans-title")
            if let value = text.rich(title) { reference.extraFields["trans-title"] = value.cslMarkup }
            if let value = text.rich(translated.child("trans-subtitle")) { reference.extraFields["trans-subtitle"] = value.cslMarkup }
            if let language = translated.keyword("lang") ?? title?.keyword("lang") { reference.extraFields["trans-title-lang"] = language }
        }
        let alternatives = group.children("alt-title")
        if let short = alternatives.first(where: { ["short", "running-head", "right-running", "running-title"].contains($0.keyword("alt-title-type") ?? "") })
            ?? alternatives.first
        {
            reference.shortTitle = text.plain(short)
        }
    }

    /// Contributors of `contrib-group`s directly under `article-meta`, as authors, editors or translators.
    private func readContributors(_ meta: JATSNode, into reference: inout Reference) {
        for group in meta.children("contrib-group") {
            let groupIsEditors = group.keyword("content-type")?.contains("editor") ?? false
            for contrib in group.children("contrib") {
                let contribType = contrib.keyword("contrib-type") ?? (groupIsEditors ? "editor" : "author")
                let role: CreatorRole
                switch contribType {
                case "author": role = .author
                case "editor", "guest-editor", "section-editor", "academic-editor", "reviewing-editor", "senior-editor": role = .editor
                case "translator": role = .translator
                default: continue
                }
                guard let nameNode = contrib.elements.first(where: JATSNames.isName), var creator = names.creator(nameNode, role: role) else {
                    continue
                }
                for id in contrib.children("contrib-id") where (id.keyword("contrib-id-type") ?? "orcid") == "orcid" {
                    if let orcid = text.plain(id).flatMap(JATSNames.orcid) { creator.orcid = orcid }
                }
                if creator.orcid == nil, let uri = contrib.children("uri").compactMap({ $0.attribute("href") ?? text.plain($0) }).first(where: { $0.contains("orcid.org") }) {
                    creator.orcid = JATSNames.orcid(uri)
                }
                reference.creators.append(creator)
            }
        }
    }

    private func readPermissions(_ permissions: JATSNode, into reference: inout Reference) {
        for (name, key) in [("copyright-statement", "copyright-statement"), ("copyright-year", "copyright-year"), ("copyright-holder", "copyright-holder")]
            as [(StaticString, String)]
        {
            if let value = text.plain(permissions.child(name)) { reference.extraFields[key] = value }
        }
        guard let license = permissions.child("license") else { return }
        let target = license.attribute("href").map(JATSText.collapse) ?? text.plain(license.child("license_ref"))
        if let target, !target.isEmpty { reference.extraFields["license"] = target }
        if let type = license.keyword("license-type") { reference.extraFields["license-type"] = type }
        if let statement = text.plain(license.children("license-p"), separator: " ") { reference.extraFields["license-p"] = statement }
    }

    // MARK: Abstracts

    /// The main abstract (the one with no `abstract-type`, else the first) as rich text; structured abstracts keep
    /// their section titles (`Background: ...`), one paragraph a line. Other abstracts go to `extraFields`.
    private func readAbstracts(_ meta: JATSNode, into reference: inout Reference) {
        let abstracts = meta.children("abstract")
        let main = abstracts.first { $0.attribute("abstract-type") == nil } ?? abstracts.first
        for abstract in abstracts {
            guard let value = blocks(abstract) else { continue }
            if let main, abstract.pointer == main.pointer {
                reference.abstract = value
            } else {
                reference.extraFields["abstract." + (abstract.keyword("abstract-type") ?? "other")] = value.plain
            }
        }
        for translated in meta.children("trans-abstract") {
            if let value = blocks(translated) { reference.extraFields["trans-abstract"] = value.plain }
        }
    }

    /// The paragraphs of a block container, joined by line feeds; a `sec` gives its title before its first paragraph.
    private func blocks(_ container: JATSNode) -> RichText? {
        var lines: [RichText] = []
        collectBlocks(container, heading: nil, into: &lines)
        guard !lines.isEmpty else { return nil }
        var result = lines[0]
        for line in lines.dropFirst() { result = result + RichText("\n") + line }
        return result
    }

    private func collectBlocks(_ container: JATSNode, heading: String?, into lines: inout [RichText]) {
        var pendingHeading = heading
        for child in container.elements {
            if child.is("sec") {
                collectBlocks(child, heading: text.plain(child.child("title")), into: &lines)
            } else if child.isAny("p", "list-item", "disp-quote", "statement") && child.child("p") == nil {
                guard var paragraph = text.rich(child) else { continue }
                if let title = pendingHeading {
                    paragraph = RichText(title.hasSuffix(":") || title.hasSuffix(".") ? title + " " : title + ": ") + paragraph
                    pendingHeading = nil
                }
                lines.append(paragraph)
            } else if child.isAny("list", "list-item", "disp-quote", "statement", "boxed-text") {
                collectBlocks(child, heading: pendingHeading, into: &lines)
                pendingHeading = nil
            }
        }
    }
}
