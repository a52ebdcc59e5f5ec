import CitationModel

/// Reads the year and the authors out of an untagged author-year citation, `Horvath MP, Smith J (2008) Evolution of
/// ...`, the form PLOS and many others write when they could not tag a reference.
///
/// Only the plain pattern is trusted: the first `(YYYY)` (optionally `(2008a)`) gives the year; the text before it
/// gives the authors when every comma-separated part is `Family INITIALS` (`et al` ends the list), and otherwise one
/// organisation. Anything else is left alone: the literal text stays in `note` either way.
enum JATSLiteralCitation {
    /// The year and creators of `literal`, or nil when it does not have the author-year shape.
    static func authorYear(_ literal: String) -> (year: PartialDate, creators: [Creator], etal: Bool)? {
        let scalars = Array(literal.unicodeScalars)
        var index = 0
        while index + 5 < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "(" else { continue }
            var end = index + 1
            while end < scalars.count, end - index <= 4, ("0"..."9").contains(scalars[end]) { end += 1 }
            guard end - index == 5 else { continue }
            let yearText = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            if end < scalars.count, ("a"..."z").contains(scalars[end]) { end += 1 }
            guard end < scalars.count, scalars[end] == ")", let year = Int(yearText), (1500...2100).contains(year) else { continue }
            let prefix = JATSText.trimPunctuation(String(String.UnicodeScalarView(scalars[0..<index])))
            guard !prefix.isEmpty, prefix.count <= 400 else { return nil }
            let raw = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
            var date = PartialDate(year: year)
            if raw != yearText { date.raw = raw }
            let (creators, etal) = names(prefix)
            return (date, creators, etal)
        }
        return nil
    }

    /// `Family INITIALS, Family INITIALS, et al` as people, or the whole text as one organisation.
    private static func names(_ text: String) -> ([Creator], Bool) {
        var parts = text.split(separator: ",").map { JATSText.trimPunctuation(String($0)) }.filter { !$0.isEmpty }
        var etal = false
        if let last = parts.last, last.lowercased().hasPrefix("et al") {
            etal = true
            parts.removeLast()
        }
        var people: [Creator] = []
        for part in parts {
            let words = part.split(separator: " ")
            guard words.count >= 2, let initials = words.last, (1...4).contains(initials.count),
                initials.allSatisfy({ $0.isUppercase || $0 == "-" }), words.dropLast().allSatisfy({ $0.first?.isLetter ?? false })
            else {
                return (etal || parts.count != 1 ? [] : [Creator.literal(text)], etal)
            }
            people.append(Creator(family: words.dropLast().joined(separator: " "), given: String(initials)))
        }
        return (people, etal)
    }
}
