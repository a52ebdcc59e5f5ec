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
        if name.contains(",") {
            let parts = name.split(separator: ",", omittingEmptySubsequences: false).map { RISText.trim(String($0)) }
            var creator = Creator(role: role)
            setFamily(parts[0], of: &creator)
            if parts.count > 1, !parts[1].isEmpty { creator.given = parts[1] }
            let rest = parts.dropFirst(2).filter { !$0.isEmpty }
            if !rest.isEmpty { creator.suffix = rest.joined(separator: ", ") }
            if creator.family == nil && creator.nonDroppingParticle == nil {
                return creator.given.map { Creator(role: role, family: $0) }
            }
            return creator
        }
        let words = name.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 1 { return Creator(role: role, family: name) }
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
        if !text.contains(";") { return parse(text, role: role).map { [$0] } ?? [] }
        return text.split(separator: ";").compactMap { parse(String($0), role: role) }
    }

    private static func setFamily(_ family: String, of creator: inout Creator) {
        let words = family.split(separator: " ", omittingEmptySubsequences: true)
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
        if word.contains(".") || word.contains("-") { return String(word) }
        return word.map { "\($0)." }.joined(separator: " ")
    }
}
