import CitationModel
import Importers
import Testing

/// The authors of a one-entry file whose author field is `names`.
func authors(_ names: String) -> [Creator] {
    bib("@misc{k, author = {\(names)}}").references.first?.creators ?? []
}

/// Names by the rules of "Tame the BeaST", section 11.
@Suite struct BibTeXNameParserTests {
    @Test func theThreeForms() {
        #expect(authors("Ludwig van Beethoven") == [Creator(family: "Beethoven", given: "Ludwig", nonDroppingParticle: "van")])
        #expect(authors("van Beethoven, Ludwig") == [Creator(family: "Beethoven", given: "Ludwig", nonDroppingParticle: "van")])
        #expect(authors("Ford, Jr, Henry") == [Creator(family: "Ford", given: "Henry", suffix: "Jr")])
        #expect(authors("de la Fontaine, Jean") == [Creator(family: "Fontaine", given: "Jean", nonDroppingParticle: "de la")])
        #expect(authors("Jean de la Fontaine") == [Creator(family: "Fontaine", given: "Jean", nonDroppingParticle: "de la")])
        #expect(authors("Aristotle") == [Creator(family: "Aristotle")])
    }

    @Test func andSplitsOnlyAtDepthZeroAndOthersIsEtAl() {
        let sink = bib("@misc{k, author = {{Barnes and Noble} AND Smith, John and others}}")
        let reference = sink.references[0]
        #expect(reference.creators == [Creator.literal("Barnes and Noble"), Creator(family: "Smith", given: "John")])
        #expect(reference.extraFields["author+others"] == "true")
        #expect(authors("Anderson, Sandy and Andrews, Ann").map(\.family) == ["Anderson", "Andrews"])
    }

    @Test func bracedNamesAreLiterals() {
        #expect(authors("{World Health Organization}") == [Creator.literal("World Health Organization")])
        #expect(authors("{van Gogh}, Vincent") == [Creator(family: "van Gogh", given: "Vincent")])
    }

    @Test func hyphensInitialsAndAccents() {
        #expect(authors("Jean-Paul Sartre") == [Creator(family: "Sartre", given: "Jean-Paul")])
        #expect(authors("Abu-Zeid, M. E.") == [Creator(family: "Abu-Zeid", given: "M. E.")])
        #expect(authors("A.~B. Cee") == [Creator(family: "Cee", given: "A. B.")])
        #expect(authors(#"{\"O}zt{\"u}rk, Ay{\c{s}}e"#) == [Creator(family: "Öztürk", given: "Ayşe")])
        // `{\'E}mile` is capitalised (a special character's letter decides), so it is a given name, not a particle.
        #expect(authors(#"{\'E}mile Zola"#) == [Creator(family: "Zola", given: "Émile")])
    }

    @Test func editorsAndOtherRoles() {
        let reference = bib("@book{k, editor = {Doe, Jane}, author = {Roe, Rick}, translator = {Poe, Pat}}").references[0]
        #expect(reference.creators.map(\.role) == [.author, .editor, .translator])
    }
}
