import CitationModel
import Testing

/// A record's extra fields read and write like a dictionary, keep the source's order, and compare as a dictionary.
@Suite struct ExtraFieldsTests {
    @Test func keepsTheOrderFieldsWereAddedIn() {
        var fields = ExtraFields()
        fields["lgcode"] = "abc"
        fields["hhtype"] = "grammar"
        fields["inlg"] = "English"
        #expect(fields.keys == ["lgcode", "hhtype", "inlg"])
        #expect(fields.map(\.key) == ["lgcode", "hhtype", "inlg"])
        #expect(fields.count == 3)
    }

    @Test func setsReplacesAndRemovesByName() {
        var fields: ExtraFields = ["a": "1", "b": "2", "c": "3"]
        fields["b"] = "two"
        #expect(fields["b"] == "two")
        #expect(fields.keys == ["a", "b", "c"])
        fields["a"] = nil
        #expect(fields["a"] == nil)
        #expect(fields.keys == ["b", "c"])
        fields["missing"] = nil
        #expect(fields.count == 2)
        fields["b"] = nil
        fields["c"] = nil
        #expect(fields.isEmpty)
        #expect(fields == [:])
    }

    @Test func equalityAndHashIgnoreTheOrder() {
        let one: ExtraFields = ["hhtype": "grammar", "lgcode": "abc"]
        let other: ExtraFields = ["lgcode": "abc", "hhtype": "grammar"]
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        #expect(Set([one, other]).count == 1)
        #expect(one != ["hhtype": "grammar", "lgcode": "abd"])
        #expect(one != ["hhtype": "grammar"])
        #expect(one != ["hhtype": "grammar", "lgcode": "abc", "inlg": "English"])
    }

    @Test func referencesWithTheSameFieldsInAnotherOrderAreEqual() {
        var first = Reference(citationKey: "k")
        first.extraFields["x"] = "1"
        first.extraFields["y"] = "2"
        var second = Reference(citationKey: "k")
        second.extraFields["y"] = "2"
        second.extraFields["x"] = "1"
        #expect(first == second)
    }
}
