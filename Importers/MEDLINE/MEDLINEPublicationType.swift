import CitationModel

/// What MEDLINE publication types (`PT`) say about a record: its study design and its CSL type.
///
/// Publication types are NLM's controlled list ("Publication Characteristics (Publication Types) with Scope
/// Notes"). Only types that name a design set one; when several do, the design that ranks highest wins
/// (`Meta-Analysis` and `Randomized Controlled Trial` together make a systematic review).
enum MEDLINEPublicationType {
    private static let designs: [String: StudyDesign] = [
        "systematic review": .systematicReview,
        "meta-analysis": .systematicReview,
        "randomized controlled trial": .trial,
        "controlled clinical trial": .trial,
        "clinical trial": .trial,
        "clinical trial, phase i": .trial,
        "clinical trial, phase ii": .trial,
        "clinical trial, phase iii": .trial,
        "clinical trial, phase iv": .trial,
        "pragmatic clinical trial": .trial,
        "equivalence trial": .trial,
        "adaptive clinical trial": .trial,
        "observational study": .cohort,
        "practice guideline": .guidance,
        "guideline": .guidance,
        "consensus development conference": .guidance,
        "consensus development conference, nih": .guidance,
        "case reports": .caseStudy,
        "validation study": .measurement,
    ]

    /// The design the publication types name, or nil when none does.
    static func studyDesign(_ types: [String]) -> StudyDesign? {
        types.compactMap { designs[$0.lowercased()] }.max { $0.rank < $1.rank }
    }

    /// The CSL type: a book or chapter when PubMed says so (`Book`, a `BTI` book title), else a journal article.
    static func cslType(_ types: [String], hasBookTitle: Bool, hasTitle: Bool) -> ReferenceType {
        if hasBookTitle { return hasTitle ? .chapter : .book }
        if types.contains(where: { $0.lowercased() == "preprint" }) { return .article }
        return .articleJournal
    }
}
