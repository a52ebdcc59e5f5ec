import CitationModel
import Foundation
import Importers
import Testing

/// Reads a fixture of `Fixtures/bibtex/`.
func bibFixture(_ name: String) throws -> CollectingSink {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/bibtex/\(name)")
    return BibTeXImporter().parseAll(SourceText(file: name, data: try Data(contentsOf: url)))
}

/// Reads BibTeX given as text.
func bib(_ text: String) -> CollectingSink {
    BibTeXImporter().parseAll(SourceText(file: "test.bib", text: text))
}

/// `line:column code` of each diagnostic, for asserting where it points.
func placed(_ sink: CollectingSink) -> [String] {
    sink.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.severity.rawValue) \($0.code)" }
}

/// Syntax, recovery and keys ("Tame the BeaST" section 2; bibtexparser v2's failed blocks).
@Suite struct BibTeXImporterTests {
    @Test func brokenEntriesBecomeFailedBlocksAndParsingResumesAtTheNextEntry() throws {
        let sink = try bibFixture("recovery.bib")
        #expect(sink.references.map(\.citationKey) == ["good1", "good2", "good3", "good4"])
        #expect(sink.failed == 4)
        #expect(
            placed(sink) == [
                "3:30 error bibtex.unbalanced-braces",  // the value's `{` that never closes
                "5:34 error bibtex.missing-comma",  // `year` where a comma should be
                "7:26 error bibtex.expected-equals",  // `{` where `=` should be
                "9:1 error bibtex.unterminated-entry",  // the entry the file ends inside
            ])
        #expect(sink.diagnostics.map(\.entry) == ["unbalanced", "nocomma", "noequals", "eof"])
        #expect(sink.diagnostics[1].message == "expected ',' or '}' after the value of 'title', found 'y'")
    }

    @Test func syntaxFormsAreRead() throws {
        let sink = try bibFixture("syntax.bib")
        // @STRING, @string(...), @preamble, braced and unbraced @comment: skipped blocks; `%@article` is no block.
        #expect(sink.skipped == 5)
        #expect(sink.failed == 0)
        let paren = try #require(sink.references.first)
        #expect(paren.citationKey == "paren:key\\2020")
        #expect(paren.type == .articleJournal)
        #expect(paren.containerTitle?.plain == "Journal of Pragmatic Studies")
        #expect(paren.title?.runs == [.init("Quoted "), .init("Braced", style: .noCase), .init(" Title")])
        #expect(paren.volume == "12")
        #expect(paren.issue == "3")
        #expect(paren.issued == PartialDate(year: 2020, month: 9))
        #expect(paren.creators == [Creator(family: "Metz", given: "Allison")])
    }

    @Test func missingKeysAreGeneratedAndDuplicateKeysRenamedWithWarnings() throws {
        let sink = try bibFixture("syntax.bib")
        #expect(sink.references.map(\.citationKey) == ["paren:key\\2020", "key1999entry", "dup", "dup-2", "undef"])
        #expect(sink.references[2].title?.plain == "First")
        #expect(sink.references[3].title?.plain == "Second")
        #expect(
            placed(sink) == [
                "16:8 warning bibtex.missing-key",  // where the key should have been
                "18:7 warning bibtex.duplicate-key",  // the second `dup`
                "19:26 warning bibtex.undefined-macro",  // `nowhere`
            ])
        #expect(sink.diagnostics[1].message == "duplicate citation key 'dup' (first at line 17); imported as 'dup-2'")
        // The undefined macro stays as its name.
        #expect(sink.references[4].publisher == "nowhere Press")
    }

    @Test func duplicateKeysAreRenamedDeterministically() {
        let sink = bib("@misc{a, title={1}}\n@misc{a, title={2}}\n@misc{a-2, title={3}}\n@misc{a, title={4}}\n")
        #expect(sink.references.map(\.citationKey) == ["a", "a-2", "a-2-2", "a-3"])
        #expect(placed(sink) == ["2:7 warning bibtex.duplicate-key", "3:7 warning bibtex.duplicate-key", "4:7 warning bibtex.duplicate-key"])
    }

    @Test func crossrefAndXDataInheritInEitherOrder() throws {
        let sink = try bibFixture("crossref.bib")
        #expect(sink.skipped == 1)  // the @xdata block
        let byKey = Dictionary(uniqueKeysWithValues: sink.references.map { ($0.citationKey, $0) })
        let child1 = try #require(byKey["child1"])
        // The parent comes after the child; its title becomes the child's container, the child's own fields win.
        #expect(child1.containerTitle?.plain == "Proceedings of the Conference")
        #expect(child1.title?.plain == "Child Paper")
        #expect(child1.publisher == "ACM")
        #expect(child1.year == 2020)
        #expect(child1.creators.map(\.role) == [.author, .editor])
        let child2 = try #require(byKey["child2"])
        #expect(child2.year == 2021)
        #expect(child2.containerTitle?.plain == "Proceedings of the Conference")
        let xbook = try #require(byKey["xbook"])
        #expect(xbook.publisher == "Springer")
        #expect(xbook.publisherPlace == "Berlin")
        #expect(placed(sink) == ["20:36 warning bibtex.missing-crossref"])
        #expect(byKey["orphan"] != nil)
    }

    @Test func entryTypesAndFieldNamesAreCaseInsensitiveAndUnknownTypesAreKept() {
        let sink = bib("@ARTICLE{a, TITLE = {T}, Journal = {J}}\n@Wrong{b, title = {U}}\n")
        #expect(sink.references[0].type == .articleJournal)
        #expect(sink.references[0].containerTitle?.plain == "J")
        #expect(sink.references[1].type == .document)
        #expect(sink.references[1].extraFields["entrytype"] == "wrong")
        #expect(placed(sink) == ["2:2 warning bibtex.unknown-type"])
    }

    /// Names of up to 16 bytes are lower-cased eight bytes at a time, longer ones byte by byte: every length, with
    /// capitals in either half and the bytes next to A-Z (`@`, `[`, `` ` ``) and non-ASCII ones left as they are, so
    /// `f@` and `` f` `` stay two names.
    @Test func fieldNamesOfEveryLengthAreLowerCasedAlike() {
        let sink = bib("""
            @article{a, JournalTitle = {J}, URLDATE = {2020-01-02}, Custom_Field-9X = {s}, ABCDEFGHIJKLMNOP = {p}, Ab@[`Zé = {e}, MyVeryLongCustomFieldName = {l}, f@ = {at}, f` = {grave}}
            @article{b, journaltitle = {K}, urldate = {2021}, custom_field-9x = {t}, abcdefghijklmnop = {q}, ab@[`zé = {f}, myverylongcustomfieldname = {m}}

            """)
        #expect(sink.references.map { $0.containerTitle?.plain } == ["J", "K"])
        #expect(sink.references.map { $0.accessed?.parts.first?.year } == [2020, 2021])
        for name in ["custom_field-9x", "abcdefghijklmnop", "ab@[`zé", "myverylongcustomfieldname"] {
            #expect(sink.references.allSatisfy { $0.extraFields[name] != nil }, "\(name)")
        }
        #expect(sink.references[0].extraFields["ab@[`zé"] == "e")
        #expect(sink.references[0].extraFields["f@"] == "at")
        #expect(sink.references[0].extraFields["f`"] == "grave")
        #expect(sink.references[1].extraFields.count == sink.references[0].extraFields.count - 2)
    }

    @Test func namesAndMacrosTakeEveryByteBibTeXAllows() {
        // A field name is any printable byte but `"#%(),={}`; a macro name is letters, digits and `!$&'*+-./:;<>?[]^_`|`.
        let sink = bib(#"""
            @string{M0!$&'*+-./:;<>?[]^_`|z = {expanded}}
            @misc{k, N!$&'*+-./:;<>?@[\]^_`|~é = {v}, note = m0!$&'*+-./:;<>?[]^_`|z # {!}, Q = {q}}
            """#)
        #expect(sink.references.count == 1)
        #expect(sink.references.first?.extraFields["n!$&'*+-./:;<>?@[\\]^_`|~é"] == "v")
        #expect(sink.references.first?.extraFields["q"] == "q")
        #expect(sink.references.first?.note == "expanded!")
        #expect(sink.diagnostics.isEmpty)
    }

    /// Braces, quotes, escapes and line ends are found wherever they are in a value: the value's reader skips 16
    /// bytes at a time to the next of them, so each place around those blocks is tried.
    @Test func valueDelimitersAreFoundAtEveryPlace() {
        for place in 0..<40 {
            let a = String(repeating: "a", count: place)
            let sink = bib("@misc{k, title = {\(a){X}y}, note = \"\(a){\"}z\"}\n@misc{m, title = {\(a)\\{w\nv}}")
            #expect(sink.references.map { $0.title?.plain } == [a + "Xy", a + "{w v"], "at \(place)")
            #expect(sink.references.first?.note == a + "\"z", "at \(place)")
            let broken = bib("@misc{k, title = {\(a){X}\n@misc{m, title = {ok}}")
            #expect(broken.references.map(\.citationKey) == ["m"], "at \(place)")
            #expect(placed(broken) == ["1:18 error bibtex.unbalanced-braces"], "at \(place)")
        }
    }

    @Test func blocksAlwaysAddUpToTheAtEntries() {
        let text = "@comment{x}\n@string{a = {b}}\n@misc{k1, title = {ok}}\n@misc{k2, title = {bad}\n@misc{k3, title = {ok}}\n@preamble{\"p\"}\n"
        let sink = bib(text)
        #expect(sink.references.count + sink.failed + sink.skipped == 6)
        #expect(sink.references.count == 2)
        #expect(placed(sink) == ["4:24 error bibtex.missing-comma"])  // just after `{bad}`, where the comma belongs
    }
}
