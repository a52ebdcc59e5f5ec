/// The BibTeX and BibLaTeX vocabulary shared by the importer and the exporter: entry types, name fields and months.
///
/// Entry types follow the BibTeX standard styles ("BibTeXing", section 3.1) and the biblatex manual (section 2.1,
/// "Entry Types", with its aliases in 2.1.2); each maps to one CSL 1.0.2 type (Appendix III). The reverse table gives
/// the entry type an exporter writes for a CSL type. Keeping both in one place lets a round-trip test catch drift.
public enum BibTeXVocabulary {
    /// The CSL type of every BibTeX and BibLaTeX entry type (lower case).
    public static let entryTypes: [String: ReferenceType] = [
        "article": .articleJournal,
        "book": .book, "mvbook": .book, "bookinbook": .chapter, "booklet": "pamphlet",
        "collection": .book, "mvcollection": .book, "proceedings": .book, "mvproceedings": .book,
        "reference": .book, "mvreference": .book, "periodical": "periodical",
        "inbook": .chapter, "incollection": .chapter, "suppbook": .chapter, "suppcollection": .chapter,
        "inproceedings": .paperConference, "conference": .paperConference,
        "inreference": .entryEncyclopedia,
        "manual": .report, "techreport": .report, "report": .report,
        "phdthesis": .thesis, "mastersthesis": .thesis, "thesis": .thesis,
        "misc": .document, "unpublished": .manuscript,
        "online": .webpage, "electronic": .webpage, "www": .webpage, "webpage": .webpage,
        "patent": .patent, "dataset": .dataset, "data": .dataset, "software": .software, "standard": "standard",
        "artwork": "graphic", "image": "graphic", "audio": "song", "music": "song", "video": "motion_picture",
        "movie": "motion_picture", "letter": "personal_communication", "review": "review", "suppperiodical": "article-magazine",
        "jurisdiction": "legal_case", "legislation": "legislation", "legal": "legislation", "performance": "performance",
        "presentation": "speech", "commentary": "document", "mvcommentary": "book",
        // Mendeley's and biblatex-apa's own types.
        "web_page": .webpage, "newspaper_article": .articleNewspaper, "magazine_article": .articleMagazine,
        "book_section": .chapter, "journal_article": .articleJournal, "conference_proceedings": .paperConference,
        "legadminmaterial": "legislation", "legmaterial": "legislation", "constitution": "legislation",
        "hearing": "hearing", "newsarticle": .articleNewspaper, "film": "motion_picture",
    ]

    /// Entry types the classic BibTeX styles know (the exporter's `bibtex` mode writes only these).
    public static let classicTypes: Set<String> = [
        "article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings", "manual",
        "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished",
    ]

    /// Block types that are not records: `@string`, `@preamble`, `@comment` (and biblatex's data-only `@xdata`, `@set`).
    public static let nonRecordTypes: Set<String> = ["string", "preamble", "comment", "xdata"]

    /// The entry type written for a CSL type: `(bibtex, biblatex)`.
    ///
    /// The two differ only where classic BibTeX has its own name (`techreport`); a CSL type with no classic entry type
    /// is written with its biblatex type in both dialects (BibTeX reads an unknown type as `misc`, with a warning), so
    /// the type survives a round trip.
    public static func entryType(for type: ReferenceType, genre: String?) -> (bibtex: String, biblatex: String) {
        let name: String =
            switch type.rawValue {
            case "article-journal", "article-magazine", "article-newspaper", "article", "review", "review-book": "article"
            case "book", "classic", "collection": "book"
            case "periodical": "periodical"
            case "chapter": "incollection"
            case "paper-conference": "inproceedings"
            case "entry-encyclopedia", "entry-dictionary", "entry": "inreference"
            case "report": "report"
            case "thesis": (genre?.lowercased().contains("master") ?? false) ? "mastersthesis" : "phdthesis"
            case "manuscript": "unpublished"
            case "webpage", "post", "post-weblog": "online"
            case "patent": "patent"
            case "dataset": "dataset"
            case "software": "software"
            case "pamphlet": "booklet"
            case "standard": "standard"
            case "graphic": "artwork"
            case "song": "audio"
            case "motion_picture", "broadcast": "video"
            case "personal_communication": "letter"
            case "legal_case": "jurisdiction"
            case "legislation", "bill", "regulation", "treaty": "legislation"
            case "performance": "performance"
            case "speech": "presentation"
            default: "misc"
            }
        return (name == "report" ? "techreport" : name, name)
    }

    /// Types whose `number` is the work's own number (a report's, a patent's), CSL `number`.
    public static let ownNumberTypes: Set<ReferenceType> = [.report, .patent, "standard", .dataset, .software, "legislation", "legal_case"]

    /// Types whose `number` is the volume's number in its `series` (when there is a series), CSL `collection-number`.
    public static let seriesNumberTypes: Set<ReferenceType> = [.book, .chapter, .paperConference, "pamphlet", .thesis]

    /// Types whose container is a book (`booktitle`); for the others it is a journal (`journal`, `journaltitle`).
    public static let bookContainerTypes: Set<ReferenceType> = [.chapter, .paperConference, .entryEncyclopedia, "entry-dictionary", "entry", .book, .report]

    /// Name fields and the CSL role each maps to (biblatex manual 2.2.2 "Name lists"; BibTeX `author`, `editor`).
    public static let nameFields: [String: CreatorRole] = [
        "author": .author, "editor": .editor, "translator": .translator, "bookauthor": .containerAuthor,
        "director": .director, "composer": .composer, "illustrator": .illustrator, "origauthor": .originalAuthor,
        "holder": "contributor", "commentator": "contributor", "annotator": "contributor",
        "collaborator": .contributor, "interviewer": .interviewer, "recipient": .recipient,
    ]

    /// The field the exporter writes for a CSL role (only roles that round-trip).
    public static func nameField(for role: CreatorRole) -> String? {
        switch role {
        case .author: "author"
        case .editor: "editor"
        case .translator: "translator"
        case .containerAuthor: "bookauthor"
        case .director: "director"
        case .composer: "composer"
        case .illustrator: "illustrator"
        case .originalAuthor: "origauthor"
        case .contributor: "collaborator"
        case .interviewer: "interviewer"
        case .recipient: "recipient"
        default: nil
        }
    }

    /// The month macros every BibTeX style defines (`jan` ... `dec`), with their numbers.
    public static let monthMacros: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// The macro name of a month number.
    public static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The full English month names the standard styles expand the macros to.
    public static let monthFullNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// Field names of `Reference.extraFields` that the BibTeX importer uses for data that is not a source field.
    public enum ExtraKey {
        /// The source entry type, kept when it is not the one the exporter would write for the CSL type.
        public static let entryType = "entrytype"
        /// Suffix of a name field's key whose list ended in `and others` (`author+others`).
        public static let othersSuffix = "+others"
    }
}
