import CitationModel
import Testing

@Suite("JSON parser with locations")
struct JSONParserTests {
    @Test("values keep their line and character column")
    func locations() throws {
        let document = try JSONParser.parse("[\n  {\"title\": \"Ünïcode\", \"n\": 1},\n  {\"x\": true}\n]")
        guard case .array(let items) = document.kind else {
            Issue.record("expected an array")
            return
        }
        #expect(items.count == 2)
        #expect((items[0].line, items[0].column) == (2, 3))
        #expect((items[1].line, items[1].column) == (3, 3))
        #expect(items[0]["n"].map { ($0.line, $0.column) }! == (2, 29))
    }

    @Test("a syntax error names its line and column", arguments: [
        ("[\n  {\"a\": 1,}\n]", 2, 11, "member name"),
        ("[1, 2", 1, 6, "end of file"),
        ("{\"a\": \"b\nc\"}", 1, 9, "control character"),
        ("[1] x", 1, 5, "after the JSON value"),
        ("[01]", 1, 3, "expected ',' or ']'"),
    ])
    func syntaxErrors(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.line == line && error.column == column && error.message.contains(fragment)
        }
    }

    @Test("escapes and surrogate pairs decode")
    func escapes() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\n\u00e9\ud83d\ude00"]"#).value
        #expect(value == .array([.string("a\"b\\c\né😀")]))
    }

    @Test("serialising and parsing again gives the same value")
    func roundTrip() throws {
        let value = JSONValue.object(["b": .array([.number("1.50"), .null, .bool(false)]), "a": .string("x\u{1}\"y")])
        #expect(try JSONParser.parse(value.serialized()).value == value)
        #expect(try JSONParser.parse(value.serialized(pretty: true)).value == value)
    }

    @Test("deep nesting is an error, not a crash")
    func deepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(text) }
    }
}
