/// A bibliographic record: one work with its creators, titles, dates and identifiers.
///
/// CSL-JSON is the canonical vocabulary: every field here has a CSL-JSON form (see `Reference+CSLJSON.swift`), and
/// fields a source gives that the model does not hold are kept in `extraFields` (source-format fields) or `csl`
/// (other CSL variables), so an import loses nothing.
public struct Reference: Hashable, Sendable {
    /// The citation key, unique in a store (CSL-JSON `id`).
    public var citationKey: String
    public var type: ReferenceType
    public var title: RichText?
    public var subtitle: RichText?
    /// A short form of the title (CSL `title-short`).
    public var shortTitle: String?
    /// The journal, book or proceedings the work appeared in (CSL `container-title`).
    public var containerTitle: RichText?
    /// The container's abbreviation (CSL `container-title-short`).
    public var containerTitleShort: String?
    /// The series (CSL `collection-title`) and its number.
    public var collectionTitle: String?
    public var collectionNumber: String?
    public var volume: String?
    public var issue: String?
    /// A page or page range, `147-170`.
    public var page: String?
    /// An article number or electronic locator (`e0267533`), or a report's number (CSL `number`).
    public var articleNumber: String?
    public var edition: String?
    public var publisher: String?
    public var publisherPlace: String?
    /// The kind of thesis or report, or another sub-type (CSL `genre`).
    public var genre: String?
    public var issued: PartialDate?
    public var accessed: PartialDate?
    public var abstract: RichText?
    public var language: String?
    /// The source's own keywords.
    public var keywords: [String]
    public var note: String?
    public var url: String?
    public var identifiers: [Identifier]
    /// Creators in the order the source gave them, all roles together.
    public var creators: [Creator]
    /// The study design (systematic review, survey, ...), set by a curator or inferred from the source.
    public var studyDesign: StudyDesign?
    /// Fields of the source format that have no place in the model, by the source's field name.
    public var extraFields: ExtraFields
    /// Other CSL-JSON variables the source gave (`archive`, `event`, `medium` ...), kept as given.
    public var csl: [String: JSONValue]

    /// A reference with an empty key and nothing else, for importers to fill in field by field: copying it costs
    /// about 650 instructions, the initialiser with its 29 arguments about 1,600.
    public static let blank = Reference(citationKey: "")

    public init(
        citationKey: String, type: ReferenceType = .document, title: RichText? = nil, subtitle: RichText? = nil,
        shortTitle: String? = nil, containerTitle: RichText? = nil, containerTitleShort: String? = nil,
        collectionTitle: String? = nil, collectionNumber: String? = nil, volume: String? = nil, issue: String? = nil,
        page: String? = nil, articleNumber: String? = nil, edition: String? = nil, publisher: String? = nil,
        publisherPlace: String? = nil, genre: String? = nil, issued: PartialDate? = nil, accessed: PartialDate? = nil,
        abstract: RichText? = nil, language: String? = nil, keywords: [String] = [], note: String? = nil,
        url: String? = nil, identifiers: [Identifier] = [], creators: [Creator] = [], studyDesign: StudyDesign? = nil,
        extraFields: ExtraFields = [:], csl: [String: JSONValue] = [:]
    ) {
        self.citationKey = citationKey
        self.type = type
        self.title = title
        self.subtitle = subtitle
        self.shortTitle = shortTitle
        self.containerTitle = containerTitle
        self.containerTitleShort = containerTitleShort
        self.collectionTitle = collectionTitle
        self.collectionNumber = collectionNumber
        self.volume = volume
        self.issue = issue
        self.page = page
        self.articleNumber = articleNumber
        self.edition = edition
        self.publisher = publisher
        self.publisherPlace = publisherPlace
        self.genre = genre
        self.issued = issued
        self.accessed = accessed
        self.abstract = abstract
        self.language = language
        self.keywords = keywords
        self.note = note
        self.url = url
        self.identifiers = identifiers
        self.creators = creators
        self.studyDesign = studyDesign
        self.extraFields = extraFields
        self.csl = csl
    }

    /// The first identifier of `kind`, normalised.
    public func identifier(_ kind: IdentifierKind) -> String? {
        identifiers.first { $0.kind == kind }?.value
    }

    /// Adds an identifier unless one of the same kind and value is already there.
    public mutating func addIdentifier(_ identifier: Identifier) {
        if !identifiers.contains(where: { $0.kind == identifier.kind && $0.value == identifier.value }) {
            identifiers.append(identifier)
        }
    }

    public var doi: String? { identifier(.doi) }
    public var pmid: String? { identifier(.pmid) }
    public var pmcid: String? { identifier(.pmcid) }

    /// The creators with one role, in order.
    public func creators(_ role: CreatorRole) -> [Creator] { creators.filter { $0.role == role } }

    /// The authors, or when there are none the editors: the names a citation leads with.
    public var leadCreators: [Creator] {
        let authors = creators(.author)
        return authors.isEmpty ? creators(.editor) : authors
    }

    /// The first of `leadCreators`, found without building the list: what citation keys start with.
    public var leadCreator: Creator? {
        creators.first { $0.role == .author } ?? creators.first { $0.role == .editor }
    }

    /// The title with its subtitle, as plain text ("Title: Subtitle").
    public var fullTitle: String {
        let main = title?.plain ?? ""
        guard let subtitle = subtitle?.plain, !subtitle.isEmpty else { return main }
        return main.isEmpty ? subtitle : main + ": " + subtitle
    }

    /// The year of publication, if known.
    public var year: Int? { issued?.year }
}
