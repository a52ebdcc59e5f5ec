import CitationModel
import Importers
import Testing

/// The title of a one-entry file whose title is `latex`.
func decodedTitle(_ latex: String) -> RichText? {
    bib("@misc{k, title = {\(latex)}}").references.first?.title
}

/// LaTeX to Unicode and rich text (importer step "Resolve").
@Suite struct LaTeXDecoderTests {
    @Test(arguments: [
        (#"{\"u}ber"#, "über"), (#"\"{u}ber"#, "über"), (#"\"uber"#, "über"), (#"Mar{\'\i}a"#, "María"),
        (#"\v{s}koda"#, "škoda"), (#"gar\c{c}on"#, "garçon"), (#"\k{a}"#, "ą"), (#"\r{a}"#, "å"), (#"Erd\H{o}s"#, "Erdős"),
        (#"\'{E}cole"#, "École"), (#"\^o\`e\~n\=a\.z"#, "ôèñāż"), (#"\v s"#, "š"), (#"{\'\i}"#, "í"), (#"\u{g}"#, "ğ"),
        (#"\d{s}"#, "ṣ"), (#"\b{k}"#, "ḵ"),
    ])
    func accentsInEveryForm(latex: String, expected: String) {
        #expect(decodedTitle(latex)?.plain == expected)
    }

    @Test func specialLetters() {
        #expect(decodedTitle(#"Stra{\ss}e {\o} {\O} {\ae} {\AE} {\aa} {\AA} {\l}{\L} {\i}{\j} {\oe}"#)?.plain == "Straße ø Ø æ Æ å Å łŁ ıȷ œ")
        #expect(decodedTitle(#"\ss{} und \o"#)?.plain == "ß und ø")
    }

    @Test func dashesSpacesAndEscapes() {
        #expect(decodedTitle("pages 1--2 --- yes")?.plain == "pages 1–2 — yes")
        #expect(decodedTitle("Dr.~Who")?.plain == "Dr.\u{00A0}Who")
        #expect(decodedTitle(##"\& \% \$ \_ \# \{ \}"##)?.plain == "& % $ _ # { }")
        #expect(decodedTitle("``quoted''")?.plain == "“quoted”")
        #expect(decodedTitle("spread   over\n   lines")?.plain == "spread over lines")
    }

    /// Markup and doubled bytes are found wherever they are in a long value: the plain-text test reads 16 bytes at a
    /// time after the first, so each place around those blocks is tried.
    @Test func markupIsFoundAtEveryPlaceInALongValue() {
        for length in 1...40 {
            for place in 0..<length {
                let before = String(repeating: "a", count: place)
                let after = String(repeating: "b", count: length - place - 1)
                #expect(decodedTitle(before + "x--y" + after)?.plain == before + "x–y" + after, "-- at \(place)")
                #expect(decodedTitle(before + "x\\&y" + after)?.plain == before + "x&y" + after, "\\& at \(place)")
                #expect(decodedTitle(before + "x  y" + after)?.plain == before + "x y" + after, "two spaces at \(place)")
                #expect(decodedTitle(before + "x~y" + after)?.plain == before + "x\u{00A0}y" + after, "~ at \(place)")
                #expect(decodedTitle(before + "x-y" + after)?.plain == before + "x-y" + after, "- at \(place)")
            }
        }
        #expect(decodedTitle("~" + String(repeating: "a", count: 20))?.plain == "\u{00A0}" + String(repeating: "a", count: 20))
    }

    @Test func stylesBecomeRuns() {
        #expect(decodedTitle(#"A \textit{B} \emph{C} \textbf{D}"#)?.runs == [.init("A "), .init("B", style: .italic), .init(" "), .init("C", style: .italic), .init(" "), .init("D", style: .bold)])
        #expect(decodedTitle(#"x\textsuperscript{2} H\textsubscript{2}O"#)?.runs == [.init("x"), .init("2", style: .superscript), .init(" H"), .init("2", style: .subscript), .init("O")])
        #expect(decodedTitle(#"{\em in vivo} study"#)?.runs == [.init("in vivo", style: .italic), .init(" study")])
        #expect(decodedTitle(#"\textsc{Unesco}"#)?.runs == [.init("Unesco", style: .smallCaps)])
    }

    @Test func protectiveBracesAreNoCaseRunsButSpecialCharactersAreNot() {
        #expect(decodedTitle("The {DNA} of {R}")?.runs == [.init("The "), .init("DNA", style: .noCase), .init(" of "), .init("R", style: .noCase)])
        #expect(decodedTitle(#"{\"U}ber"#)?.runs == [.init("Über")])
        #expect(decodedTitle("{{Whole Title}}")?.runs == [.init("Whole Title", style: .noCase)])
        #expect(decodedTitle(#"\textit{{DNA}}"#)?.runs == [.init("DNA", style: [.italic, .noCase])])
    }

    @Test func mathAndUnknownCommandsStay() {
        #expect(decodedTitle(#"$\alpha$-helix and $x^2$"#)?.runs == [.init("α-helix and x"), .init("2", style: .superscript)])
        #expect(decodedTitle(#"{Cu$_2$O}"#)?.runs == [.init("Cu", style: .noCase), .init("2", style: [.noCase, .subscript]), .init("O", style: .noCase)])
        // Math the reader does not know is kept as written, and so is an unknown command with its argument.
        #expect(decodedTitle(#"$\frac{a}{b}$ and \foo{bar}"#)?.plain == #"$\frac{a}{b}$ and \foo{bar}"#)
        #expect(decodedTitle(#"\LaTeX\ and \textendash"#)?.plain == "LaTeX and –")
        #expect(decodedTitle(#"see \url{http://x.org/a_b~c}"#)?.plain == "see http://x.org/a_b~c")
        #expect(decodedTitle(#"\href{http://x.org}{the site}"#)?.plain == "the site")
    }
}
