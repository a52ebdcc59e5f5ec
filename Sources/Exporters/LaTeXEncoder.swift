import CitationModel
import Foundation

/// Writes text as LaTeX for a braced BibTeX value, the inverse of the importer's LaTeX decoding.
///
/// The characters LaTeX treats specially are escaped (`\&`, `\%`, `\$`, `\#`, `\_`, `\{`, `\}`, `\textbackslash{}`,
/// `\textasciitilde{}`, `\textasciicircum{}`), and the ligatures the importer reads (`--`, `` ` ` ``, `''`) are broken
/// with `{}` where the text really has two hyphens or quotes. With `ascii`, every other non-ASCII character is
/// written as a LaTeX command: accents (`{\"u}`), special letters (`{\ss}`), symbols (`\textendash` as `--`), math
/// symbols (`$\alpha$`); a character with no command is left as it is.
struct LaTeXEncoder {
    let ascii: Bool

    /// The escaped text.
    func encode(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        var previous: Unicode.Scalar = " "
        if !ascii || text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Scalar by scalar: a brace followed by a combining mark is still a brace to BibTeX.
            for scalar in text.unicodeScalars {
                append(scalar, after: previous, to: &output)
                previous = scalar
            }
            return output
        }
        for character in text {
            let scalars = character.unicodeScalars
            if character.isASCII || Self.isSpecial(scalars.first!) {
                for scalar in scalars {
                    if scalar.isASCII {
                        append(scalar, after: previous, to: &output)
                    } else {
                        output += Self.command(for: Character(scalar))
                    }
                    previous = scalar
                }
            } else {
                output += Self.command(for: character)
                previous = scalars.first!
            }
        }
        return output
    }

    private static func isSpecial(_ scalar: Unicode.Scalar) -> Bool {
        "\\{}$&%#_~^-`'".unicodeScalars.contains(scalar)
    }

    private func append(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar, to output: inout String) {
        switch scalar {
        case "\\": output += "\\textbackslash{}"
        case "{": output += "\\{"
        case "}": output += "\\}"
        case "$", "&", "%", "#", "_":
            output += "\\"
            output.unicodeScalars.append(scalar)
        case "~": output += "\\textasciitilde{}"
        case "^": output += "\\textasciicircum{}"
        case "-" where previous == "-", "`" where previous == "`", "'" where previous == "'":
            output += "{}"
            output.unicodeScalars.append(scalar)
        default:
            output.unicodeScalars.append(scalar)
        }
    }

    /// The LaTeX for one non-ASCII character.
    static func command(for character: Character) -> String {
        switch character {
        case "\u{00A0}": return "~"
        case "–": return "--"
        case "—": return "---"
        case "“": return "``"
        case "”": return "''"
        default: break
        }
        if let command = LaTeXVocabulary.commandsForCharacters[character] {
            return command.hasPrefix("$") ? command : "{" + command + "}"
        }
        // A letter with accents: the base letter (or a special letter) under one accent command per mark.
        let scalars = Array(String(character).decomposedScalars)
        if scalars.count > 1, scalars.dropFirst().allSatisfy({ LaTeXVocabulary.accentCommands[$0] != nil }) {
            var base = String(scalars[0])
            if base == "i" && scalars.count > 1 { base = "\\i" } else if base == "j" && scalars.count > 1 { base = "\\j" }
            if !scalars[0].isASCII {
                guard let command = LaTeXVocabulary.commandsForCharacters[Character(scalars[0])] else { return String(character) }
                base = command
            }
            for mark in scalars.dropFirst() {
                let accent = LaTeXVocabulary.accentCommands[mark]!
                let separator = accent.first!.isLetter ? " " : ""
                base = base.hasPrefix("\\") || separator.isEmpty ? "\\" + accent + "{" + base + "}" : "\\" + accent + separator + base
            }
            return "{" + base + "}"
        }
        return String(character)
    }
}

extension String {
    /// The canonical decomposition (NFD) of the text, as scalars: `ü` is `u` and U+0308.
    var decomposedScalars: [Unicode.Scalar] { Array(decomposedStringWithCanonicalMapping.unicodeScalars) }
}
