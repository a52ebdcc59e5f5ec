/// The RIS reference types and their CSL types, shared by the RIS importer and exporter.
///
/// Types follow the RIS specification (Research Information Systems, "RIS Format Specifications", 2011 revision,
/// "Reference Type Field (TY)"), plus the long names some tools write instead of the codes (`Journal Article`).
/// A round-trip test keeps the two directions in step: every CSL type exports to a code that imports back to it.
public enum RISVocabulary {
    /// Every RIS type code and the CSL type it maps to.
    public static let cslTypeByRISType: [String: ReferenceType] = [
        "ABST": .articleJournal,  // abstract
        "ADVS": "motion_picture",  // audiovisual material
        "AGGR": .dataset,  // aggregated database
        "ANCIENT": "classic",
        "ART": "graphic",  // art work
        "BILL": "bill",
        "BLOG": "post-weblog",
        "BOOK": .book,
        "CASE": "legal_case",
        "CHAP": .chapter,
        "CHART": "figure",
        "CLSWK": "classic",
        "COMP": .software,
        "CONF": .paperConference,  // conference proceeding
        "CPAPER": .paperConference,
        "CTLG": .book,  // catalogue
        "DATA": .dataset,
        "DBASE": .dataset,  // online database
        "DICT": "entry-dictionary",
        "EBOOK": .book,
        "ECHAP": .chapter,
        "EDBOOK": .book,
        "EJOUR": .articleJournal,
        "ELEC": .webpage,
        "ENCYC": .entryEncyclopedia,
        "EQUA": "figure",  // equation
        "FIGURE": "figure",
        "GEN": .document,
        "GOVDOC": .report,
        "GRANT": .document,
        "HEAR": "hearing",
        "ICOMM": "personal_communication",  // internet communication
        "INPR": .articleJournal,  // in press
        "JFULL": "periodical",  // a whole journal
        "JOUR": .articleJournal,
        "LEGAL": "legislation",  // legal rule or regulation
        "MANSCPT": .manuscript,
        "MAP": "map",
        "MGZN": .articleMagazine,
        "MPCT": "motion_picture",
        "MULTI": .webpage,  // online multimedia
        "MUSIC": "musical_score",
        "NEWS": .articleNewspaper,
        "PAMP": "pamphlet",
        "PAT": .patent,
        "PCOMM": "personal_communication",
        "RPRT": .report,
        "SER": "periodical",  // serial publication
        "SLIDE": "speech",
        "SOUND": "song",
        "STAND": "standard",
        "STAT": "legislation",  // statute
        "STD": "standard",
        "THES": .thesis,
        "UNBILL": "bill",
        "UNPB": .manuscript,
        "UNPD": .manuscript,
        "VIDEO": "motion_picture",
        "WEB": .webpage,
    ]

    /// Long type names some exporters write in `TY` (EndNote's and Citavi's labels), lower-cased, to their codes.
    public static let risTypeByName: [String: String] = [
        "journal article": "JOUR", "electronic article": "EJOUR", "book": "BOOK", "edited book": "EDBOOK",
        "electronic book": "EBOOK", "book section": "CHAP", "book chapter": "CHAP", "electronic book section": "ECHAP",
        "conference paper": "CPAPER", "conference proceedings": "CONF", "report": "RPRT", "thesis": "THES",
        "web page": "ELEC", "webpage": "ELEC", "generic": "GEN", "newspaper article": "NEWS",
        "magazine article": "MGZN", "patent": "PAT", "dataset": "DATA", "computer program": "COMP",
        "statute": "STAT", "unpublished work": "UNPB", "manuscript": "MANSCPT", "abstract": "ABST",
        "government document": "GOVDOC", "encyclopedia": "ENCYC", "dictionary": "DICT", "map": "MAP",
        "film or broadcast": "MPCT", "personal communication": "PCOMM", "standard": "STAND", "case": "CASE",
        "bill": "BILL", "hearing": "HEAR", "blog": "BLOG", "serial": "SER", "pamphlet": "PAMP", "figure": "FIGURE",
    ]

    /// The RIS code for each CSL type, as the exporter writes it. Each imports back to the same CSL type.
    public static let risTypeByCSLType: [ReferenceType: String] = [
        .articleJournal: "JOUR", "motion_picture": "MPCT", .dataset: "DATA", "classic": "CLSWK", "graphic": "ART",
        "bill": "BILL", "post-weblog": "BLOG", .book: "BOOK", "legal_case": "CASE", .chapter: "CHAP", "figure": "FIGURE",
        .software: "COMP", .paperConference: "CPAPER", "entry-dictionary": "DICT", .webpage: "ELEC",
        .entryEncyclopedia: "ENCYC", .document: "GEN", .report: "RPRT", "hearing": "HEAR",
        "personal_communication": "PCOMM", "periodical": "JFULL", "legislation": "STAT", .manuscript: "MANSCPT",
        "map": "MAP", .articleMagazine: "MGZN", "musical_score": "MUSIC", .articleNewspaper: "NEWS",
        "pamphlet": "PAMP", .patent: "PAT", "speech": "SLIDE", "song": "SOUND", "standard": "STAND", .thesis: "THES",
    ]

    /// The CSL type of a `TY` value (a code or a long name), or nil when it is neither.
    public static func cslType(forRISType value: String) -> ReferenceType? {
        if let type = cslTypeByRISType[value] { return type }
        let upper = value.uppercased()
        if let type = cslTypeByRISType[upper] { return type }
        if let code = risTypeByName[value.lowercased()] { return cslTypeByRISType[code] }
        return nil
    }

    /// The RIS code to write for a CSL type (`GEN` for types RIS has no code for).
    public static func risType(for type: ReferenceType) -> String {
        risTypeByCSLType[type] ?? "GEN"
    }

    /// Whether the container of a work of this RIS type is a book, so `BT` names the container (a chapter's book)
    /// rather than the work itself (RIS specification, `BT` "Book Title").
    public static func containerIsBook(_ risType: String) -> Bool {
        bookContainedTypes.contains(risType)
    }

    private static let bookContainedTypes: Set<String> = ["CHAP", "ECHAP", "CONF", "CPAPER", "ENCYC", "DICT"]
}
