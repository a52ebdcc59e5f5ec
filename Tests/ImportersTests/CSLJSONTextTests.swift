import CitationModel
import Foundation
import Importers
import Testing

/// `Reference.cslJSONText()` (the store's fast writer) gives exactly the bytes of `cslJSON().serialized()`: the
/// store's `csl` column and every export read from it depend on that.
@Suite struct CSLJSONTextTests {
    /// A reference that uses every member the writer handles, including the rarely filled ones.
    @Test func everyMemberAsTheObjectPathWritesIt() {
        var reference = Reference(
            citationKey: "key \"q\"", type: .articleJournal, title: RichText(runs: [.init("A "), .init("b", style: .italic)]),
            subtitle: "sub, title", shortTitle: "Short", containerTitle: "J & K <i>not a tag</i> &amp; <b", containerTitleShort: "JK", collectionTitle: "Series",
            collectionNumber: "4", volume: "1", issue: "2", page: "3-4", articleNumber: "e5", edition: "2", publisher: "P",
            publisherPlace: "Place", genre: "Thesis", issued: PartialDate(parts: [.init(year: 2001, month: 2), .init(year: 2002, day: 3)], season: "Spring", circa: true, literal: "lit", raw: "raw"),
            accessed: PartialDate(year: 2020, month: 1, day: 2), abstract: "Tab\tnew\nline \\ \u{1}", language: "en",
            keywords: ["a, b", "c"], note: "note", url: "https://x.org/?a=1&b=2",
            identifiers: [
                Identifier(kind: .doi, value: "10.1/a", raw: "10.1/A"), Identifier(kind: .doi, value: "10.1/b", raw: "10.1/b"),
                Identifier(kind: .pmid, value: "1", raw: "1"), Identifier(kind: .arxiv, value: "2101.1", raw: "2101.1"),
            ],
            creators: [
                Creator(role: .editor, family: "E", given: "F", orcid: "0000-0002-1825-0097"),
                Creator(family: "Beethoven", given: "Ludwig", droppingParticle: "van", suffix: "Jr"),
                Creator(literal: "WHO", orcid: "0000-0001-0000-0001"),
                Creator(role: .editor, family: "G", nonDroppingParticle: "de"),
            ],
            studyDesign: .trial, extraFields: ["zeta": "z", "alpha": "a \"quoted\""])
        #expect(reference.cslJSONText() == reference.cslJSON().serialized())
        // The bytes the store binds are the text's.
        #expect(reference.cslJSONUTF8() == Array(reference.cslJSON().serialized().utf8))
        reference.identifiers = []
        reference.extraFields = [:]
        reference.issued = PartialDate()
        #expect(reference.cslJSONText() == reference.cslJSON().serialized())
        let bare = Reference(citationKey: "bare")
        #expect(bare.cslJSONText() == bare.cslJSON().serialized())
        #expect(bare.cslJSONText() == #"{"id":"bare","type":"document"}"#)
    }

    /// CSL variables the model does not hold (kept in `csl`) come after the model's members in key order, whatever
    /// their JSON; one that names a member the model writes, or a kept `custom`, is merged as `cslJSON()` merges it.
    @Test func keptVariablesAsTheObjectPathWritesThem() {
        var reference = Reference(
            citationKey: "kept", type: .articleJournal, title: "T", abstract: "Line\none \"quoted\"",
            creators: [Creator(family: "A", given: "B"), Creator(role: "composer", family: "C")])
        let kept: [String: JSONValue] = [
            "number-of-pages": .string("12"), "event-title": .string("Conf \"x\""), "zeta": .array([.integer(1), .null, .bool(true)]),
            "alpha": .object(JSONObject([.init("b", .string("c\n")), .init("a", .number("1.5"))])),
        ]
        reference.addIdentifier(Identifier(.doi, "10.1/kept")!)
        reference.addIdentifier(Identifier(.doi, "10.1/second")!)
        reference.extraFields = ["x": "y"]
        reference.csl = kept
        #expect(reference.cslJSONText() == reference.cslJSON().serialized())
        #expect(reference.cslJSONText().contains(#""DOI":"10.1/kept","alpha":{"b":"c\n","a":1.5},"event-title""#))
        for colliding in ["custom", "composer", "title", "DOI", "evidence"] {
            var other = reference
            other.csl[colliding] = colliding == "custom" ? .object(JSONObject([.init("mine", .string("kept"))])) : .string("kept")
            #expect(other.cslJSONText() == other.cslJSON().serialized(), "\(colliding)")
            #expect(other.cslJSONUTF8() == Array(other.cslJSON().serialized().utf8), "\(colliding)")
        }
    }

    /// Both writers share one escaping (`JSONStringEscaping`), so the tests above cannot see a mistake in it: the
    /// escaped forms are RFC 8259's, written out here.
    @Test func escapedFormsAreTheJSONOnes() {
        let text = "q\" b\\ n\n r\r t\t b\u{8} f\u{C} one\u{1} us\u{1F} del\u{7F} é—😀 0123456789abcdef"
        let expected = #""q\" b\\ n\n r\r t\t b\b f\f one\u0001 us\u001f del"# + "\u{7F} é—😀 0123456789abcdef\""
        #expect(JSONValue.string(text).serialized() == expected)
        #expect(Reference(citationKey: text).cslJSONText() == #"{"id":"# + expected + #","type":"document"}"#)
    }

    /// The writer skips text eight bytes at a time until a byte needs escaping: every escaped character, at every
    /// position of a word and across word boundaries, next to multi-byte UTF-8 and the characters around the ones
    /// escaped (0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F).
    @Test func escapesAtEveryPositionOfAWord() {
        let specials = ["\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", " ", "!", "#", "[", "]", "\u{7F}", "é", "—", "😀"]
        for special in specials {
            for position in 0..<20 {
                let text = String(repeating: "x", count: position) + special + String(repeating: "y", count: 19 - position) + special
                let reference = Reference(citationKey: "k", title: RichText(text), note: text)
                #expect(reference.cslJSONText() == reference.cslJSON().serialized(), "\(special.unicodeScalars.map(\.value)) at \(position)")
            }
        }
    }

    /// Every record of the BibTeX fixtures and of the small corpus files.
    @Test func everyImportedRecordAsTheObjectPathWritesIt() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/bibtex")
        var files = try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil).filter { $0.pathExtension == "bib" }
        if corporaExist {
            files += corpusFiles("bibtex/bibtexparser")
            files += corpusFiles("bibtex/zbb-import").filter { ((try? Data(contentsOf: $0))?.count ?? 0) < 60_000 }
        }
        var compared = 0
        for file in files {
            let sink = BibTeXImporter().parseAll(SourceText(file: file.lastPathComponent, data: try Data(contentsOf: file)))
            for record in sink.records {
                #expect(record.reference.cslJSONText() == record.reference.cslJSON().serialized(), "\(file.lastPathComponent): \(record.reference.citationKey)")
                compared += 1
            }
        }
        #expect(compared > 0)
    }

    /// A record stored under another key than the one its text was written with (a duplicate key renamed `key-2`, or
    /// a record matched to a stored one) gets the text `cslJSONText()` gives under the new key, whatever either key
    /// holds; text that does not start with the old key's `id` is not rekeyed.
    @Test func rekeyedTextIsTheTextUnderTheNewKey() {
        var reference = Reference(
            citationKey: "smith2020", type: .articleJournal, title: "T", abstract: "A \"quoted\" smith2020",
            creators: [Creator(family: "Smith", given: "A")], extraFields: ["id": "smith2020"])
        let written = reference.cslJSONText()
        for key in ["smith2020-2", "", "k\"q\\b\u{1}", "Müller–2020", "smith2020"] {
            reference.citationKey = key
            #expect(reference.cslJSONText(rekeying: written, from: "smith2020") == reference.cslJSONText(), "\(key)")
        }
        let bare = Reference(citationKey: "bare")
        var renamed = bare
        renamed.citationKey = "bare-2"
        #expect(renamed.cslJSONText(rekeying: bare.cslJSONText(), from: "bare") == #"{"id":"bare-2","type":"document"}"#)
        #expect(renamed.cslJSONText(rekeying: bare.cslJSONText(), from: "bar") == nil)
        #expect(renamed.cslJSONText(rekeying: #"{"type":"document","id":"bare"}"#, from: "bare") == nil)
    }
}
