import CitationModel
import Testing

@Suite("Rich text in CSL-JSON markup")
struct RichTextTests {
    @Test("CSL inline tags become styled runs")
    func parsesTags() {
        let text = RichText(cslMarkup: "Effects of <i>E. coli</i> on H<sub>2</sub>O and <span class=\"nocase\">DNA</span>")
        #expect(text.plain == "Effects of E. coli on H2O and DNA")
        #expect(text.runs.contains(RichText.Run("E. coli", style: .italic)))
        #expect(text.runs.contains(RichText.Run("2", style: .subscript)))
        #expect(text.runs.contains(RichText.Run("DNA", style: .noCase)))
    }

    @Test("plain text is one unstyled run, or none when empty")
    func plainText() {
        #expect(RichText("Plain title").runs == [RichText.Run("Plain title")])
        #expect(RichText("").runs.isEmpty)
        #expect(RichText("x") == RichText(runs: [RichText.Run("x")]))
        #expect(RichText("") == RichText(runs: [RichText.Run("")]))
    }

    @Test("nested tags combine their styles")
    func nestedStyles() {
        let text = RichText(cslMarkup: "<b>bold <i>both</i></b>")
        #expect(text.runs == [RichText.Run("bold ", style: .bold), RichText.Run("both", style: [.bold, .italic])])
    }

    @Test("text that looks like markup survives a round trip", arguments: [
        "p < 0.05 & q > 1", "literal <i> in a title", "AT&amp;T", "&lt;tag&gt;", "unclosed <b>bold", "",
    ])
    func roundTripsLiterals(_ plain: String) {
        let text = RichText(plain)
        #expect(RichText(cslMarkup: text.cslMarkup) == text)
    }

    @Test("styled runs survive a round trip")
    func roundTripsStyles() {
        let text = RichText(runs: [
            .init("A "), .init("small caps", style: .smallCaps), .init(" and "), .init("x", style: .superscript),
            .init(" <i>", style: .italic),
        ])
        #expect(RichText(cslMarkup: text.cslMarkup) == text)
    }

    @Test("an unclosed tag keeps its text")
    func unclosedTag() {
        #expect(RichText(cslMarkup: "a <i>b").plain == "a b")
    }

    @Test("the same text is equal and hashes alike however it was made")
    func equalityAcrossForms() {
        let plain = RichText("A title")
        let fromRuns = RichText(runs: [RichText.Run("A "), RichText.Run(""), RichText.Run("title")])
        #expect(plain == fromRuns)
        #expect(plain.hashValue == fromRuns.hashValue)
        #expect(Set([plain, fromRuns, RichText(cslMarkup: "A title")]).count == 1)
        #expect(!plain.isStyled && !plain.isEmpty)
        let styled = RichText(runs: [RichText.Run("A "), RichText.Run("title", style: .italic)])
        #expect(styled != plain)
        #expect(styled.plain == plain.plain)
        #expect(styled.isStyled && !styled.isEmpty)
        #expect(RichText(runs: [RichText.Run("x", style: .bold)]) != RichText("x"))
        #expect(RichText(runs: []) == RichText("") && RichText("").isEmpty)
        #expect(plain + RichText(" two") == RichText("A title two"))
    }
}
