import CitationModel
import Foundation
import Testing

@Suite("Source text decoding and locations")
struct SourceTextTests {
    @Test("a UTF-8 BOM is dropped and CRLF becomes LF")
    func bomAndLineEnds() {
        let source = SourceText(file: "a.ris", data: Data([0xEF, 0xBB, 0xBF] + Array("TY  - JOUR\r\nER  - \r\n".utf8)))
        #expect(source.text == "TY  - JOUR\nER  - \n")
        #expect(source.fallbackEncoding == nil)
        #expect(source.lineStarts == [0, 11, 18])
    }

    @Test("a file read from its path decodes as its bytes do, and a missing one says why")
    func readFromPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples: [[UInt8]] = [
            [], Array("TY  - JOUR\nER  - \n".utf8), [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n".utf8), [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x0A],
            Array(repeating: 0x41, count: 200_000) + [0x0A],
            // The last is large enough to be mapped rather than read (`SourceBytes.smallestMapped`).
            Array(repeating: Array("TY  - JOUR\nTI  - Über\nER  - \n".utf8), count: 200_000).flatMap { $0 },
        ]
        for (index, bytes) in samples.enumerated() {
            let url = folder.appendingPathComponent("\(index).txt")
            try Data(bytes).write(to: url)
            let read = SourceText(file: url.path, bytes: try SourceBytes(contentsOfFile: url.path))
            let decoded = SourceText(file: url.path, data: Data(bytes))
            #expect(read.bytes == decoded.bytes && Array(read.rawBytes) == bytes && read.lineStarts == decoded.lineStarts, "sample \(index)")
            #expect(read.fallbackEncoding == decoded.fallbackEncoding && read.file == url.path)
        }
        #expect(throws: SourceText.ReadError.self) { try SourceBytes(contentsOfFile: folder.appendingPathComponent("missing.ris").path) }
        do {
            _ = try SourceBytes(contentsOfFile: folder.appendingPathComponent("missing.ris").path)
        } catch {
            #expect(error.localizedDescription == "No such file or directory")
        }
        #expect(throws: SourceText.ReadError.self) { try SourceBytes(contentsOfFile: folder.path) }
    }

    #if os(Linux)
    @Test("a file that reports no size, which cannot be mapped, is read to its end")
    func readWithoutSize() throws {
        // `/proc` files have a size of 0 in `stat`; this one holds the process's arguments, each ended by a NUL.
        let read = try SourceBytes(contentsOfFile: "/proc/self/cmdline")
        #expect(Array(read) == Array(CommandLine.arguments.map { $0 + "\u{0}" }.joined().utf8))
    }
    #endif

    @Test("UTF-16 with a BOM is transcoded")
    func utf16() {
        var data = Data([0xFF, 0xFE])
        data.append("Bührmann\n".data(using: .utf16LittleEndian)!)
        #expect(SourceText(file: "x", data: data).text == "Bührmann\n")
    }

    @Test("bytes that are not UTF-8 are read as Windows-1252 and flagged")
    func windows1252() {
        let source = SourceText(file: "x", data: Data([0x42, 0xFC, 0x68, 0x72, 0x6D, 0x61, 0x6E, 0x6E, 0x20, 0x96, 0x20, 0x93, 0x71, 0x94]))
        #expect(source.text == "Bührmann – “q”")
        #expect(source.fallbackEncoding == "windows-1252")
    }

    @Test("a location counts characters, not bytes")
    func columns() {
        let source = SourceText(file: "f.bib", text: "first\nÄÖü@x\n")
        let offset = Array("first\nÄÖü".utf8).count
        #expect(source.location(of: offset) == SourceLocation(file: "f.bib", line: 2, column: 4))
        #expect(source.location(of: 0).description == "f.bib:1:1")
    }

    @Test("markup keeps its bytes as read, unvalidated, and ends lines at LF, CRLF and a lone CR as XML does")
    func markupKeepsItsBytes() {
        let raw = Array("<a>\r\n<b>\r<c>\n<d>".utf8) + [0xFF, 0x0A]
        let source = SourceText(file: "a.xml", markup: SourceBytes(raw))
        #expect(Array(source.bytes) == raw && Array(source.rawBytes) == raw)
        #expect(source.fallbackEncoding == nil)
        #expect(source.lineStarts == [0, 5, 9, 13, 18])
        #expect(source.location(of: 9) == SourceLocation(file: "a.xml", line: 3, column: 1))
        #expect(source.location(of: 16) == SourceLocation(file: "a.xml", line: 4, column: 4))
        let linesOnly = SourceText(file: "b.xml", markup: SourceBytes("x\ny\n\nz".utf8))
        #expect(linesOnly.lineStarts == [0, 2, 4, 5])
    }

    @Test("markup with a byte-order mark or another declared encoding is decoded to UTF-8, keeping the raw bytes")
    func markupInOtherEncodingsIsDecoded() {
        let latin1: [UInt8] = Array("<?xml version='1.0' encoding = 'ISO-8859-1'?>\n<t>M".utf8) + [0xFC] + Array("ller</t>\n".utf8)
        let declared = SourceText(file: "l.xml", markup: SourceBytes(latin1))
        #expect(declared.text == "<?xml version='1.0' encoding = 'ISO-8859-1'?>\n<t>M\u{FC}ller</t>\n")
        #expect(Array(declared.rawBytes) == latin1)
        let utf8Declared = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<t/>".utf8)
        #expect(Array(SourceText(file: "u.xml", markup: SourceBytes(utf8Declared)).bytes) == utf8Declared)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<t>\r\n</t>".utf8)
        let withBOM = SourceText(file: "b.xml", markup: SourceBytes(bom))
        #expect(withBOM.text == "<t>\n</t>" && Array(withBOM.rawBytes) == bom)
        let utf16: [UInt8] = [0xFF, 0xFE] + "<t>\u{3B2}</t>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(SourceText(file: "w.xml", markup: SourceBytes(utf16)).text == "<t>\u{3B2}</t>")
    }

    @Test("diagnostics render as file:line:col: severity: [code] message (entry)")
    func diagnosticFormat() {
        let diagnostic = Diagnostic.error("bibtex.unterminated-entry", "entry is not closed", at: SourceLocation(file: "a.bib", line: 3, column: 1), entry: "albers2020")
        #expect(diagnostic.description == "a.bib:3:1: error: [bibtex.unterminated-entry] entry is not closed (entry 'albers2020')")
    }

    @Test("a diagnostic is one line even when its message or entry holds line breaks")
    func diagnosticOnOneLine() {
        let diagnostic = Diagnostic.warning(
            "csljson.type", "unknown type 'article\r\njournal'\nread as a document", at: SourceLocation(file: "a.json", line: 2, column: 5),
            entry: "x\ny")
        #expect(diagnostic.description == "a.json:2:5: warning: [csljson.type] unknown type 'article journal' read as a document (entry 'x y')")
        var bytes: [UInt8] = []
        diagnostic.append(to: &bytes)
        #expect(!bytes.contains(0x0A) && !bytes.contains(0x0D))
    }
}
