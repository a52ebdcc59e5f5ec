import CitationModel

/// Writes creators as a BibTeX name list that the importer (and BibTeX, "Tame the BeaST" section 11) reads back
/// into the same name parts.
///
/// Persons are written `von Last, Jr, First` (or `von Last, First`). Parts are braced where the BibTeX rules would
/// otherwise split them differently: a family name of several words with a lower-case one (`{van Gogh}` when `van` is
/// not a particle), any part with a comma or the word `and`. An organisation is one brace group, `{World Health
/// Organization}`. A list that ended in `and others` gets it back.
struct BibTeXNameWriter {
    let encoder: LaTeXEncoder

    /// The value of a name field.
    func nameList(_ creators: [Creator], others: Bool) -> String {
        var names = creators.map(name)
        if others { names.append("others") }
        return names.joined(separator: " and ")
    }

    func name(_ creator: Creator) -> String {
        if let literal = creator.literal { return group(encoder.encode(literal)) }
        let particle = [creator.droppingParticle, creator.nonDroppingParticle].compactMap { $0 }.joined(separator: " ")
        var text = creator.family.map(protectFamily) ?? "{}"
        if !particle.isEmpty {
            let words = particle.split(separator: " ")
            // The von part reads back from its first to its last lower-case word.
            let protectable = words.first?.first?.isLowercase == true && words.last?.first?.isLowercase == true
            text = (protectable ? encoder.encode(particle) : group(encoder.encode(particle))) + " " + text
        }
        if let suffix = creator.suffix { text += ", " + protectPart(suffix) }
        if let given = creator.given {
            text += ", " + protectPart(given)
        } else if creator.suffix != nil {
            text += ", "
        } else if text.contains(" ") || text.hasPrefix("{") {
            // A family name alone that `First Last` would split, or that is braced: `Last,` keeps it whole and a person.
            text += ","
        }
        return text
    }

    /// A family name, braced when its words would not all read back as the family: several words of which one is
    /// not capitalised (the von rule would take it), or a comma or `and` in it.
    private func protectFamily(_ family: String) -> String {
        let encoded = encoder.encode(family)
        let words = family.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" })
        let risky = words.count > 1 && words.contains { $0.first.map { !$0.isUppercase } ?? false }
        return risky || needsGroup(family) ? group(encoded) : encoded
    }

    private func protectPart(_ part: String) -> String {
        let encoded = encoder.encode(part)
        return needsGroup(part) ? group(encoded) : encoded
    }

    /// Whether a part holds a comma or the word `and`, which would split it.
    private func needsGroup(_ part: String) -> Bool {
        if part.contains(",") { return true }
        return part.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).contains { $0.lowercased() == "and" }
    }

    /// `{text}`, with an empty group first when the text starts with a command, so the group is not a special character.
    private func group(_ encoded: String) -> String {
        encoded.hasPrefix("\\") ? "{{}" + encoded + "}" : "{" + encoded + "}"
    }
}
