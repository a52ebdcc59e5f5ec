/// The part a person or organisation played in a work, named by its CSL name variable (CSL 1.0.2, Appendix IV
/// "Name variables"): `author`, `editor`, `translator`, `collection-editor`, `container-author` ...
public struct CreatorRole: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let author: CreatorRole = "author"
    public static let editor: CreatorRole = "editor"
    public static let translator: CreatorRole = "translator"
    public static let collectionEditor: CreatorRole = "collection-editor"
    public static let containerAuthor: CreatorRole = "container-author"
    public static let editorialDirector: CreatorRole = "editorial-director"
    public static let director: CreatorRole = "director"
    public static let interviewer: CreatorRole = "interviewer"
    public static let recipient: CreatorRole = "recipient"
    public static let reviewedAuthor: CreatorRole = "reviewed-author"
    public static let composer: CreatorRole = "composer"
    public static let illustrator: CreatorRole = "illustrator"
    public static let originalAuthor: CreatorRole = "original-author"
    public static let contributor: CreatorRole = "contributor"

    /// Every name variable of the CSL-JSON schema (csl-data.json), in the order CSL-JSON writers use.
    public static let cslNameVariables: [CreatorRole] = [
        "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
        "director", "editor", "editorial-director", "executive-producer", "guest", "host", "illustrator", "interviewer",
        "narrator", "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
        "script-writer", "series-creator", "translator",
    ]

    public static func < (lhs: CreatorRole, rhs: CreatorRole) -> Bool {
        let order = cslNameVariables
        let left = order.firstIndex(of: lhs) ?? order.count
        let right = order.firstIndex(of: rhs) ?? order.count
        return left == right ? lhs.rawValue < rhs.rawValue : left < right
    }
}

/// A person or organisation who made a work, with the name parts of CSL 1.0.2 ("Name-part order").
///
/// An organisation, or a name that must not be split, is a `literal`. Particles follow CSL: a `droppingParticle`
/// ("van" in "Ludwig van Beethoven") and a `nonDroppingParticle` ("de" in "de Gaulle").
public struct Creator: Hashable, Sendable {
    public var role: CreatorRole
    public var family: String?
    public var given: String?
    public var droppingParticle: String?
    public var nonDroppingParticle: String?
    public var suffix: String?
    /// The whole name of an organisation, or of a person whose name is not split.
    public var literal: String?
    /// An ORCID iD, as `0000-0002-1825-0097`.
    public var orcid: String?
    /// Name keys a source gave that the model has no field for (`comma-suffix`, `static-ordering` ...), kept as given.
    public var extra: [String: JSONValue]

    public init(
        role: CreatorRole = .author, family: String? = nil, given: String? = nil, droppingParticle: String? = nil,
        nonDroppingParticle: String? = nil, suffix: String? = nil, literal: String? = nil, orcid: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.role = role
        self.family = family
        self.given = given
        self.droppingParticle = droppingParticle
        self.nonDroppingParticle = nonDroppingParticle
        self.suffix = suffix
        self.literal = literal
        self.orcid = orcid
        self.extra = extra
    }

    /// An organisation or unsplit name.
    public static func literal(_ name: String, role: CreatorRole = .author) -> Creator {
        Creator(role: role, literal: name)
    }

    /// The family name with its non-dropping particle ("de Gaulle"), or the literal name.
    public var familyWithParticle: String {
        if let literal { return literal }
        var name = ""
        appendFamilyWithParticle(to: &name)
        return name
    }

    /// Appends `familyWithParticle` to `text`, without a string of its own (an import builds one for every creator).
    func appendFamilyWithParticle(to text: inout String) {
        if let literal {
            text += literal
            return
        }
        if let nonDroppingParticle {
            text += nonDroppingParticle
            if family != nil { text += " " }
        }
        if let family { text += family }
    }

    /// The name as read aloud: "Ludwig van Beethoven", "Charles de Gaulle", "World Health Organization".
    public var displayName: String {
        if let literal { return literal }
        let parts = [given, droppingParticle, nonDroppingParticle, family].compactMap { $0 }
        let name = parts.joined(separator: " ")
        if let suffix { return name + ", " + suffix }
        return name
    }

    /// The name as sorted: "Beethoven, Ludwig van".
    public var sortName: String {
        if let literal { return literal }
        var name = ""
        appendSortName(to: &name)
        return name
    }

    /// Appends `sortName` to `text`, without a string of its own or the arrays a join would make.
    public func appendSortName(to text: inout String) {
        appendFamilyWithParticle(to: &text)
        guard literal == nil else { return }
        // "given droppingParticle", the parts that are there, after a comma when not empty.
        if let given, !given.isEmpty || droppingParticle != nil {
            text += ", "
            text += given
            if let droppingParticle { text += " " + droppingParticle }
        } else if given == nil, let droppingParticle, !droppingParticle.isEmpty {
            text += ", "
            text += droppingParticle
        }
        if let suffix {
            text += ", "
            text += suffix
        }
    }
}
