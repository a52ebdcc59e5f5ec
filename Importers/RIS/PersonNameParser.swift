import CitationModel

/// Splits the personal names of RIS and MEDLINE into CSL name parts.
///
/// Forms read (RIS specification, "Author" fields; NLM MEDLINE `AU`/`FAU` elements): `Last, First`,
/// `Last, F.M.`, `Last, First, Suffix`, `Last FM` and `Last F M` (initials after the family name, as MEDLINE's `AU`
/// and several RIS exporters write them). A name without a comma whose last words are not initials is an
/// organisation or an unsplit name and stays `literal`; a single word is a family name. Lower-case words that open a
/// family name (`van der`, `de`) are its non-dropping particle (CSL 1.0.2, "Name-part order").
enum PersonNameParser {
    /// The creator for one name, or nil when the text is empty.
    static func parse(_ text: String, role: CreatorRole) -> Creator? {
        let name = RISText.trim(text)
        guard !name.isEmpty else { return nil }
        let utf8 = name.utf8
        if let comma = utf8.firstIndex(of: 0x2C) {
            var creator = Creator(role: role)
            setFamily(RISText.string(Substring(name).utf8[..<comma]), of: &creator)
            let afterComma = utf8.index(after: comma)
            if let second = utf8[afterComma...].firstIndex(of: 0x2C) {
                let given = RISText.string(Substring(name).utf8[afterComma..<second])
                if !given.isEmpty { creator.given = given }
                let rest = utf8[utf8.index(after: second)...].split(separator: 0x2C)
                    .map { RISText.trim(String(Substring($0))) }.filter { !$0.isEmpty }
                if !rest.isEmpty { creator.suffix = rest.joined(separator: ", ") }
            } else {
                let given = RISText.string(Substring(name).utf8[afterComma...])
                if !given.isEmpty { creator.given = given }
            }
            if creator.family == nil && creator.nonDroppingParticle == nil {
                return creator.given.map { Creator(role: role, family: $0) }
            }
            return creator
        }
        if !name.utf8.contains(0x20) { return Creator(role: role, family: name) }
        let words = name.utf8.split(separator: 0x20).map { Substring($0) }
        var initialsStart = words.count
        while initialsStart > 1, isInitials(words[initialsStart - 1]) { initialsStart -= 1 }
        guard initialsStart < words.count else { return .literal(name, role: role) }
        var creator = Creator(role: role)
        setFamily(words[..<initialsStart].joined(separator: " "), of: &creator)
        creator.given = words[initialsStart...].map(expandInitials).joined(separator: " ")
        return creator
    }

    /// Every name in one field value: names separated by `;` (several authors on one line).
    static func parseList(_ text: String, role: CreatorRole) -> [Creator] {
        var creators: [Creator] = []
        parseList(text, role: role, into: &creators)
        return creators
    }

    /// Appends every name in one field value to `creators`.
    static func parseList(_ text: String, role: CreatorRole, into creators: inout [Creator]) {
        if !text.utf8.contains(0x3B) {
            if let creator = parse(text, role: role) { creators.append(creator) }
            return
        }
        for piece in text.utf8.split(separator: 0x3B) {
            if let creator = parse(String(Substring(piece)), role: role) { creators.append(creator) }
        }
    }

    private static func setFamily(_ family: String, of creator: inout Creator) {
        guard family.utf8.contains(0x20), let first = family.first, first.isLowercase else {
            if !family.isEmpty { creator.family = family }
            return
        }
        let words = family.utf8.split(separator: 0x20).map { Substring($0) }
        var particleEnd = 0
        while particleEnd < words.count - 1, let first = words[particleEnd].first, first.isLowercase { particleEnd += 1 }
        if particleEnd > 0 {
            creator.nonDroppingParticle = words[..<particleEnd].joined(separator: " ")
            creator.family = words[particleEnd...].joined(separator: " ")
        } else if !family.isEmpty {
            creator.family = family
        }
    }

    /// `FM`, `F.M.`, `F`, `J.-P.`: one to three capital letters, with optional dots and hyphens.
    private static func isInitials(_ word: Substring) -> Bool {
        var letters = 0
        for character in word {
            if character.isUppercase && character.isLetter {
                letters += 1
            } else if character != "." && character != "-" {
                return false
            }
        }
        return (1...3).contains(letters)
    }

    /// `FM` -> `F. M.`; a word that already has dots stays as it is.
    private static func expandInitials(_ word: Substring) -> String {
        if word.utf8.contains(0x2E) || word.utf8.contains(0x2D) { return String(word) }
        return word.map { "\($0)." }.joined(separator: " ")
    }
}
