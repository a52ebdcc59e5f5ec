import CitationModel
import Foundation
import Testing

/// The one-pass reading of UTF-8 files (validation and line table together) agrees with the standard library's
/// validation and with a plain line count, on the byte sequences where a hand-written validator can go wrong.
struct SourceTextScanTests {
    /// Byte sequences around every boundary of Unicode's Table 3-7, valid and not.
    static let samples: [[UInt8]] = [
        [0x41], [0xC2, 0x80], [0xDF, 0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF],
        [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xC3],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x41], [0xE2, 0x28, 0xA1],
    ]

    @Test func decodingAgreesWithTheStandardLibraryAtEveryOffset() {
        // Each sample at every offset of a line of ASCII, so it falls both in and across the 16-byte blocks.
        for sample in Self.samples {
            for offset in 0..<40 {
                let bytes = Array("ab\ncdefghijklmnopqrstuvwxyz0123456789ABCD".utf8.prefix(offset)) + sample + Array("qr\nst".utf8)
                let source = SourceText(file: "x", data: Data(bytes))
                let valid = String(validating: bytes, as: UTF8.self) != nil
                #expect((source.fallbackEncoding == nil) == valid, "\(sample) at \(offset)")
                if valid {
                    #expect(Array(source.bytes) == bytes)
                    #expect(source.lineStarts.count == bytes.filter { $0 == 0x0A }.count + 1)
                }
            }
        }
    }

    @Test func lineStartsAreFoundInLongASCIIRuns() {
        let text = (0..<50).map { String(repeating: "x", count: $0 % 11) }.joined(separator: "\n") + "\n"
        let source = SourceText(file: "x", text: text)
        var expected = [0]
        for (index, byte) in text.utf8.enumerated() where byte == 0x0A { expected.append(index + 1) }
        #expect(source.lineStarts == expected)
        #expect(source.line(of: expected[7]) == 8)
    }

    @Test func carriageReturnsStillBecomeLineFeeds() {
        let source = SourceText(file: "x", text: "abcdefgh\r\nijklmnop\rq")
        #expect(source.text == "abcdefgh\nijklmnop\nq")
        #expect(source.lineStarts == [0, 9, 18])
    }

    @Test func aCarriageReturnIsFoundAtEveryOffset() {
        for offset in 0..<40 {
            let before = String(repeating: "x", count: offset)
            #expect(Array(SourceText(file: "x", data: Data((before + "\r\nyz").utf8)).bytes) == Array((before + "\nyz").utf8), "at \(offset)")
            #expect(Array(SourceText(file: "x", data: Data((before + "\ryz").utf8)).bytes) == Array((before + "\nyz").utf8), "at \(offset)")
        }
    }

    @Test func steppingForwardGivesTheSameLocationsAsLookingUp() {
        let source = SourceText(file: "x", text: "@a{k,\n  title = {Übersicht}}\n\n\n@b{m, note = {é}}\nend")
        var line = 0
        for offset in 0...source.bytes.count {
            #expect(source.location(of: offset, after: &line) == source.location(of: offset), "offset \(offset)")
        }
        // An offset behind the previous one is looked up again.
        #expect(source.location(of: 3, after: &line) == source.location(of: 3))
    }
}
