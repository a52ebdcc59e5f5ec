import CitationModel

/// A readable one-paragraph citation in an author-date style close to APA 7, for terminal output.
///
/// "Metz, A., Louison, L., & Ward, C. (2020). Title: Subtitle. Container, 20(3), 147-170. https://doi.org/10.x/y"
public enum CitationFormatter {
    /// The full citation.
    public static func citation(_ reference: Reference) -> String {
        var parts: [String] = []
        let names = reference.leadCreators
        if !names.isEmpty { parts.append(creatorList(names)) }
        parts.append("(\(year(reference))).")
        let title = reference.fullTitle
        if !title.isEmpty { parts.append(title.hasSuffix(".") || title.hasSuffix("?") ? title : title + ".") }
        var source = reference.containerTitle?.plain ?? ""
        if let volume = reference.volume {
            source += (source.isEmpty ? "" : ", ") + volume
            if let issue = reference.issue { source += "(\(issue))" }
        }
        if let page = reference.page ?? reference.articleNumber { source += (source.isEmpty ? "" : ", ") + page }
        if source.isEmpty, let publisher = reference.publisher { source = publisher }
        if !source.isEmpty { parts.append(source + ".") }
        if let doi = reference.doi {
            parts.append("https://doi.org/" + doi)
        } else if let url = reference.url {
            parts.append(url)
        }
        return parts.joined(separator: " ")
    }

    /// "Metz & Albers, 2020" or "Metz et al., 2021": the short in-text form.
    public static func shortCitation(_ reference: Reference) -> String {
        let names = reference.leadCreators
        let lead: String
        switch names.count {
        case 0: lead = reference.fullTitle.split(separator: " ").prefix(3).joined(separator: " ")
        case 1: lead = names[0].familyWithParticle
        case 2: lead = names[0].familyWithParticle + " & " + names[1].familyWithParticle
        default: lead = names[0].familyWithParticle + " et al."
        }
        return "\(lead), \(year(reference))"
    }

    static func year(_ reference: Reference) -> String {
        if let year = reference.year { return String(year) }
        return reference.issued?.literal ?? "n.d."
    }

    /// "Metz, A., Louison, L., & Ward, C." with APA's 20-name rule shortened to 19 names, an ellipsis and the last.
    static func creatorList(_ creators: [Creator]) -> String {
        let names = creators.map(apaName)
        switch names.count {
        case 1: return names[0]
        case 2...20: return names.dropLast().joined(separator: ", ") + ", & " + names.last!
        default: return names.prefix(19).joined(separator: ", ") + ", … " + names.last!
        }
    }

    static func apaName(_ creator: Creator) -> String {
        if let literal = creator.literal { return literal }
        var name = creator.familyWithParticle
        if let given = creator.given, !given.isEmpty { name += ", " + initials(given) }
        if let suffix = creator.suffix { name += ", " + suffix }
        return name
    }

    /// "Allison Jane" -> "A. J.", "T. M." stays, "Jean-Paul" -> "J.-P."
    static func initials(_ given: String) -> String {
        given.split(separator: " ").map { word -> String in
            word.split(separator: "-", omittingEmptySubsequences: true).map { part -> String in
                guard let first = part.first else { return "" }
                return part.count <= 2 && part.hasSuffix(".") ? String(part) : String(first) + "."
            }.joined(separator: "-")
        }.joined(separator: " ")
    }
}
