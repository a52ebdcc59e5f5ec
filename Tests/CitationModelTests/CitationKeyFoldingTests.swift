import CitationModel
import Testing

/// Citation keys fold names and titles to ASCII the same way whichever format made them.
@Suite struct CitationKeyFoldingTests {
    @Test func lettersWithDiacriticsBecomeTheirBaseLetters() {
        #expect(ASCIIFolding.fold("Müller") == "muller")
        #expect(ASCIIFolding.fold("Großmann") == "grossmann")
        #expect(ASCIIFolding.fold("Łódź") == "lodz")
        #expect(ASCIIFolding.fold("Æsop Œuvre Þór") == "aesopoeuvrethor")
        #expect(ASCIIFolding.fold("Şahin Nguyễn") == "sahinnguyen")
    }

    @Test func punctuationSymbolsAndOtherScriptsGiveNothing() {
        #expect(ASCIIFolding.fold("O'Brien-Smith, 2×3 (ed.)") == "obriensmith23ed")
        #expect(ASCIIFolding.fold("Ελληνικά 東京") == "")
    }

    @Test func generatedKeysUseTheSameFolding() {
        let reference = Reference(
            citationKey: "", title: "Über die Straße", issued: PartialDate(year: 2020),
            creators: [Creator(role: .author, family: "Großmann", given: "Ute")])
        #expect(CitationKeyGenerator.key(for: reference) == "grossmann2020uber")
        // A combining mark stays inside its word: "Mu" + U+0308 + "ller" is one word.
        #expect(CitationKeyGenerator.ascii("Mu\u{0308}ller Smith", maxWords: 1) == "muller")
        #expect(CitationKeyGenerator.ascii("van der Berg", maxWords: 2) == "vander")
    }
}
