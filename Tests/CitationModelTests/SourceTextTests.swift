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
        ]
        for (index, bytes) in samples.enumerated() {
            let url = folder.appendingPathComponent("\(index).txt")
            try Data(bytes).write(to: url)
            let read = try SourceText(contentsOfFile: url.path)
            let decoded = SourceText(file: url.path, data: Data(bytes))
            #expect(read.bytes == decoded.bytes && read.rawBytes == bytes && read.lineStarts == decoded.lineStarts, "sample \(index)")
            #expect(read.fallbackEncoding == decoded.fallbackEncoding && read.file == url.path)
        }
        #expect(throws: SourceText.ReadError.self) { try SourceText(contentsOfFile: folder.appendingPathComponent("missing.ris").path) }
        do {
            _ = try SourceText(contentsOfFile: folder.appendingPathComponent("missing.ris").path)
        } catch {
            #expect(error.localizedDescription == "No such file or directory")
        }
        #expect(throws: SourceText.ReadError.self) { try SourceText(contentsOfFile: folder.path) }
    }

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

    @Test("diagnostics render as file:line:col: severity: [code] message (entry)")
    func diagnosticFormat() {
        let diagnostic = Diagnostic.error("bibtex.unterminated-entry", "entry is not closed", at: SourceLocation(file: "a.bib", line: 3, column: 1), entry: "albers2020")
        #expect(diagnostic.description == "a.bib:3:1: error: [bibtex.unterminated-entry] entry is not closed (entry 'albers2020')")
    }
}
