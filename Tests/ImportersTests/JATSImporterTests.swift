import CitationModel
import Foundation
import Importers
import Testing

/// Parsing and safety: libxml2 options, entities, malformed input, encodings, several articles in one file.
@Suite struct JATSImporterTests {
    @Test func externalEntitiesNeverReadFilesOrTheNetwork() throws {
        let secret = JATSFixtures.folder.appendingPathComponent("external-secret.txt")
        let marker = "TOP-SECRET-MARKER"
        #expect(try String(contentsOf: secret, encoding: .utf8).contains(marker))
        let template = try String(contentsOf: JATSFixtures.folder.appendingPathComponent("external-entity.xml"), encoding: .utf8)
        let xml = template.replacingOccurrences(of: "@SECRET_PATH@", with: secret.path)
        let start = Date()
        let sink = JATSFixtures.parse(text: xml, file: "external-entity.xml")
        #expect(Date().timeIntervalSince(start) < 1)
        let reference = try #require(sink.references.first)
        #expect(reference.title?.plain == "Before middle after")
        let everything = sink.records.map { JSONValue.object($0.reference.cslJSON()).serialized() }.joined()
            + sink.diagnostics.map(\.description).joined()
        #expect(!everything.contains(marker))
        let warned = sink.diagnostics.filter { $0.code == "jats.external-entity" }.map(\.message)
        #expect(warned.contains("external entity '&secret;' was not read"))
        #expect(warned.contains("external entity '&remote;' was not read"))
        #expect(sink.errors.isEmpty)
    }

    /// Runs `body` and returns its result with the processor time this thread spent in it: "fails within a second"
    /// means a second of work, which a busy machine does not stretch as it stretches the wall clock.
    static func cpuSeconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        let result = try body()
        return (result, now() - start)
    }

    @Test func entityExpansionBombFailsFastWithAClearError() throws {
        let (sink, seconds) = try Self.cpuSeconds { try JATSFixtures.parse("billion-laughs.xml") }
        #expect(seconds < 1)
        #expect(sink.records.isEmpty)
        #expect(sink.failed == 1)
        #expect(sink.errors.count == 1)
        let error = try #require(sink.errors.first)
        #expect(error.code == "jats.entity-expansion")
        #expect(error.message.contains("entity bomb"))
        #expect(error.location?.line == 15)
    }

    @Test func quadraticBlowupFailsFastToo() throws {
        // One 100 kB entity referenced 2,000 times (200 MB if expanded): libxml2 keeps references, the reader stops.
        let big = String(repeating: "abcdefghij", count: 10_000)
        let references = String(repeating: "&big;", count: 2_000)
        let xml = "<!DOCTYPE article [<!ENTITY big \"\(big)\">]>\n<article><front><article-meta><title-group><article-title>\(references)</article-title></title-group></article-meta></front></article>"
        let (sink, seconds) = Self.cpuSeconds { JATSFixtures.parse(text: xml) }
        #expect(seconds < 1)
        #expect(sink.records.isEmpty)
        #expect(sink.failed == 1)
        #expect(sink.errors.map(\.code) == ["jats.entity-expansion"])
    }

    @Test func truncatedFileImportsNothingAndSaysWhere() throws {
        let sink = try JATSFixtures.parse("truncated.xml")
        #expect(sink.records.isEmpty)
        #expect(sink.failed == 1)
        #expect(!sink.errors.isEmpty)
        #expect(sink.errors.allSatisfy { $0.code == "jats.xml-syntax" && $0.location?.file == "truncated.xml" })
        let lineCount = try String(contentsOf: JATSFixtures.folder.appendingPathComponent("truncated.xml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(sink.errors.contains { ($0.location?.line ?? 0) >= lineCount - 1 })
    }

    @Test func malformedXMLGivesFileLineColumnFromLibxml2() throws {
        let sink = try JATSFixtures.parse("malformed.xml")
        #expect(sink.records.isEmpty)
        #expect(sink.failed == 1)
        let first = try #require(sink.errors.first)
        #expect(first.description.hasPrefix("malformed.xml:5:"))
        #expect(first.description.contains("error: [jats.xml-syntax] opening and ending tag mismatch: italic line 5 and article-title"))
        #expect((first.location?.column ?? 0) > 1)
    }

    @Test func bytesThatAreNotTheDeclaredEncodingGiveOneLineDiagnosticAtTheirPlace() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<article><front><article-meta><title-group><article-title>Bad ".utf8)
            + [0xFF] + Array(" byte</article-title></title-group></article-meta></front></article>\n".utf8)
        let sink = JATSFixtures.parse(bytes: bytes, file: "bad.xml")
        #expect(sink.records.isEmpty)
        #expect(sink.failed == 1)
        let error = try #require(sink.errors.first)
        #expect(error.location?.line == 2)
        #expect(error.description.hasPrefix("bad.xml:2:"))
        #expect(error.message.contains("not proper UTF-8") && error.message.contains("0xFF"))
        #expect(!error.description.contains("\n"))
    }

    @Test func namedEntitiesResolveWithOrWithoutADoctype() {
        let body = "<article><front><article-meta><title-group><article-title>A&mdash;B&nbsp;C&hellip; &lsqb;1&rsqb; &amp; &#x3B2;</article-title></title-group></article-meta></front></article>"
        let withDoctype = JATSFixtures.parse(text: "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN\" \"JATS-journalpublishing1.dtd\">\n" + body)
        let without = JATSFixtures.parse(text: body)
        for sink in [withDoctype, without] {
            #expect(sink.references.first?.title?.plain == "A\u{2014}B\u{00A0}C\u{2026} [1] & \u{03B2}")
            #expect(sink.diagnostics.isEmpty)
        }
    }

    @Test func unknownEntityIsKeptAndWarnedAbout() throws {
        let xml = "<!DOCTYPE article SYSTEM \"JATS-archivearticle1.dtd\">\n<article><front><article-meta><title-group><article-title>X &notanentity; Y</article-title></title-group></article-meta></front></article>"
        let sink = JATSFixtures.parse(text: xml)
        #expect(sink.references.first?.title?.plain == "X &notanentity; Y")
        let warning = try #require(sink.diagnostics.first { $0.code == "jats.unknown-entity" })
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 2)
    }

    @Test func internalEntitiesDeclaredByTheDocumentExpand() {
        let xml = "<!DOCTYPE article [<!ENTITY org \"<italic>Evidence</italic> Group\">]>\n<article><front><article-meta><title-group><article-title>By &org;</article-title></title-group></article-meta></front></article>"
        let title = JATSFixtures.parse(text: xml).references.first?.title
        #expect(title?.runs == [RichText.Run("By "), RichText.Run("Evidence", style: .italic), RichText.Run(" Group")])
    }

    @Test func encodingDeclarationAndByteOrderMarksAreHonoured() throws {
        let title = "Caf\u{E9} na\u{EF}ve \u{3B2}"
        func article(_ declaration: String) -> String {
            "<?xml version=\"1.0\" encoding=\"\(declaration)\"?>\n<article>\n<front><article-meta><title-group><article-title>\(title)</article-title></title-group></article-meta></front></article>\n"
        }
        // ISO-8859-1 cannot hold beta: write it as a character reference there.
        let latin1Text = article("ISO-8859-1").replacingOccurrences(of: "\u{3B2}", with: "&#946;")
        let latin1 = latin1Text.unicodeScalars.map { UInt8($0.value) }
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(article("UTF-8").utf8)
        let utf16BOM: [UInt8] = [0xFF, 0xFE] + article("UTF-16").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let crlf = Array(article("UTF-8").replacingOccurrences(of: "\n", with: "\r\n").utf8)
        for (name, bytes) in [("latin1", latin1), ("utf8-bom", utf8BOM), ("utf16-bom", utf16BOM), ("crlf", crlf)] {
            let sink = JATSFixtures.parse(bytes: bytes, file: name)
            #expect(sink.references.first?.title?.plain == title, "\(name)")
            #expect(sink.errors.isEmpty, "\(name)")
            #expect(sink.records.first?.location.line == 2, "\(name)")
        }
        let broken = JATSFixtures.parse(bytes: Array(latin1Text.replacingOccurrences(of: "</front>", with: "</frnt>").unicodeScalars.map { UInt8($0.value) }), file: "latin1")
        #expect(broken.errors.first?.location?.line == 3)
    }

    @Test func articleSetGivesOneRecordPerArticle() throws {
        let sink = try JATSFixtures.parse("articleset.xml")
        #expect(sink.records.map(\.reference.title?.plain) == ["First article", "Second article"])
        #expect(sink.records.map(\.location.line) == [4, 12])
        #expect(sink.records.map(\.location.column) == [1, 1])
        #expect(sink.records[0].cites.map(\.title?.plain) == ["Cited by the first"])
        #expect(sink.records[1].cites.map(\.title?.plain) == ["Cited by the second", "Cited by the first"])
        #expect(sink.records[1].cites[1].citationKey == sink.records[0].cites[0].citationKey)
    }

    @Test func bodyIsCheckedButOnlyItsReferenceListsAreRead() {
        let body = """
            <body><sec><title>Intro</title><p>Text &mdash; with <italic>markup</italic> and &unknownthing;.</p>
            <ref-list><ref id="x1"><mixed-citation>Inner A (2001) Kept from the body.</mixed-citation></ref></ref-list></sec></body>
            """
        let xml = JATSFixtures.article(meta: "<title-group><article-title>T</article-title></title-group>")
            .replacingOccurrences(of: "<back>", with: body + "<back>")
            .replacingOccurrences(of: "<back></back>", with: "<back><ref-list><ref id=\"y1\"><mixed-citation>Outer B (2002) In the back.</mixed-citation></ref></ref-list></back>")
        let sink = JATSFixtures.parse(text: xml)
        #expect(sink.errors.isEmpty)
        #expect(sink.records.first?.cites.map(\.note) == ["Inner A (2001) Kept from the body.", "Outer B (2002) In the back."])
        let broken = JATSFixtures.parse(text: xml.replacingOccurrences(of: "</italic> and", with: "</bold> and"))
        #expect(broken.records.isEmpty)
        #expect(broken.errors.first?.code == "jats.xml-syntax")
    }

    @Test func fileWithoutAnArticleIsOneFailedBlock() {
        let sink = JATSFixtures.parse(text: "<?xml version=\"1.0\"?>\n<TEI><text/></TEI>")
        #expect(sink.records.isEmpty)
        #expect(sink.failed == 1)
        #expect(sink.errors.first?.code == "jats.no-article")
        #expect(sink.errors.first?.message == "no JATS 'article' element (the root element is 'TEI')")
    }

    @Test func undeclaredNamespacePrefixIsAWarningNotAFailure() {
        let xml = "<article><front><article-meta><title-group><article-title>T</article-title></title-group><self-uri xlink:href=\"https://example.org/a\"/></article-meta></front></article>"
        let sink = JATSFixtures.parse(text: xml)
        #expect(sink.records.count == 1)
        #expect(sink.errors.isEmpty)
        #expect(sink.diagnostics.contains { $0.code == "jats.xml" && $0.severity == .warning })
        #expect(sink.references.first?.url == "https://example.org/a")
    }
}
