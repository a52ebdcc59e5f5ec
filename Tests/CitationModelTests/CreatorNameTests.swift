import CitationModel
import Testing

/// The name forms a reader sees in tables and sorted lists, and that the store's search and sort columns hold.
@Suite struct CreatorNameTests {
    @Test("sort names put the family (with a non-dropping particle) first and the given names and dropping particle after")
    func sortNames() {
        #expect(Creator(family: "Beethoven", given: "Ludwig", droppingParticle: "van").sortName == "Beethoven, Ludwig van")
        #expect(Creator(family: "Gaulle", given: "Charles", nonDroppingParticle: "de").sortName == "de Gaulle, Charles")
        #expect(Creator(family: "King", given: "Martin Luther", suffix: "Jr.").sortName == "King, Martin Luther, Jr.")
        #expect(Creator(family: "Okafor").sortName == "Okafor")
        #expect(Creator(family: "Okafor", given: "").sortName == "Okafor")
        #expect(Creator(family: "Humboldt", droppingParticle: "von").sortName == "Humboldt, von")
        #expect(Creator(given: "Plato").sortName == ", Plato")
        #expect(Creator.literal("World Health Organization").sortName == "World Health Organization")
    }

    @Test("family with particle joins the particle and the family name, whichever is there")
    func familyWithParticle() {
        #expect(Creator(family: "Gaulle", nonDroppingParticle: "de").familyWithParticle == "de Gaulle")
        #expect(Creator(family: "Okafor").familyWithParticle == "Okafor")
        #expect(Creator(nonDroppingParticle: "van").familyWithParticle == "van")
        #expect(Creator(given: "Plato").familyWithParticle == "")
        #expect(Creator.literal("UNESCO").familyWithParticle == "UNESCO")
    }

    @Test("appending a sort name to text gives the same name as sortName")
    func appendedSortName() {
        var text = "by "
        Creator(family: "Beethoven", given: "Ludwig", droppingParticle: "van", suffix: "II").appendSortName(to: &text)
        #expect(text == "by Beethoven, Ludwig van, II")
    }
}
