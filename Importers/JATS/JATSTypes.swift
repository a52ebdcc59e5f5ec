import CitationModel

/// JATS type vocabularies mapped to CSL types (CSL 1.0.2, Appendix III) and study designs.
///
/// `article-type` values are the JATS tag library's suggested list ("article-type", JATS 1.3) plus the common
/// publisher extensions; `publication-type` values are the tag library's suggestions for citations plus the
/// NLM 2.x `citation-type` values. A value not in a table maps to `article-journal` (articles) or is decided from
/// the citation's elements, and the source value is always kept in `extraFields`.
enum JATSTypes {
    /// The CSL type and, where the type says it, the study design of an `article-type`.
    ///
    /// Only types that name a design give one: `systematic-review` and `meta-analysis` are systematic reviews,
    /// `case-report` a case study, a guideline guidance. A `review-article` is not necessarily systematic, and a
    /// `research-article` says nothing about its design: both give nil.
    static func article(_ articleType: String?) -> (type: ReferenceType, design: StudyDesign?) {
        switch articleType ?? "" {
        case "systematic-review", "systematic-review-article", "meta-analysis":
            (.articleJournal, .systematicReview)
        case "case-report", "case-reports", "case-study":
            (.articleJournal, .caseStudy)
        case "guideline", "practice-guideline", "consensus-statement":
            (.articleJournal, .guidance)
        case "book-review":
            ("review-book", nil)
        case "product-review":
            ("review", nil)
        case "dissertation":
            (.thesis, nil)
        case "meeting-report", "abstract":
            (.articleJournal, nil)
        case "news":
            (.articleJournal, nil)
        case "preprint":
            (.article, nil)
        case "data-paper":
            (.articleJournal, nil)
        default:
            (.articleJournal, nil)
        }
    }

    /// The study design a subject heading names (`article-categories` with `subj-group-type="heading"`), where it
    /// names one outright ("Systematic Review", "Meta-Analysis", "Case Report", "Guidelines and Guidance").
    static func design(fromHeading heading: String) -> StudyDesign? {
        let lowered = heading.lowercased()
        if lowered.contains("systematic review") || lowered.contains("meta-analysis") || lowered.contains("meta analysis") {
            return .systematicReview
        }
        if lowered == "case report" || lowered == "case reports" { return .caseStudy }
        if lowered.contains("guideline") { return .guidance }
        return nil
    }

    /// The CSL type of a citation's `publication-type` (or NLM 2.x `citation-type`), or nil when the value does not
    /// decide it (`other`, absent, unknown).
    static func citation(_ publicationType: String?) -> ReferenceType? {
        switch publicationType ?? "" {
        case "journal", "journal-article", "article": .articleJournal
        case "book", "book-edited", "monograph": .book
        case "book-chapter", "chapter": .chapter
        case "confproc", "conf-proc", "conference", "conf-paper", "proceedings", "paper-conference": .paperConference
        case "thesis", "dissertation": .thesis
        case "report", "gov", "government", "working-paper", "technical-report": .report
        case "patent": .patent
        case "web", "webpage", "website", "blog", "web-page": .webpage
        case "data", "dataset", "database": .dataset
        case "software", "program", "computer-program": .software
        case "preprint", "eprint": .article
        case "newspaper": .articleNewspaper
        case "magazine", "periodical": .articleMagazine
        case "standard", "std": "standard"
        case "letter", "personal-communication", "communication": "personal_communication"
        case "legal-doc", "legislation": "legislation"
        case "discussion", "list": "post"
        default: nil
        }
    }
}
