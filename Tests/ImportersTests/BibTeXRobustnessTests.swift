import CitationModel
import Foundation
import Importers
import Testing

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Damaged input never crashes or hangs the importer, and every `@`-block is still counted once.
@Suite struct BibTeXRobustnessTests {
    static let sample = """
        @string{j = "Journal"}
        @article{a1, author = {M{\\"u}ller, Hans and van der Berg, Jan}, title = {The {DNA} of $\\alpha$ \\textit{cells}},
          journal = j # { of Tests}, year = {1991-92}, pages = {1--2}}
        @book{b2, editor = "Doe, J.", title = "Quoted {Braced}", crossref = {c3}}
        @proceedings{c3, title = {Proc}, year = 2000}
        @comment{ {nested} }
        @misc{d4, howpublished = {\\url{http://x.org/~a}}, note = {50\\%}}
        """

    @Test func truncatedAndDamagedSourcesNeverCrashAndBlocksAddUp() {
        var generator = SplitMix64(state: 2026)
        let bytes = Array(Self.sample.utf8)
        let noise: [UInt8] = Array("{}\"@,=#\\$%~ \n(){".utf8)
        for round in 0..<400 {
            var damaged = bytes
            if round % 2 == 0 {
                damaged = Array(damaged.prefix(Int.random(in: 0...damaged.count, using: &generator)))
            }
            for _ in 0..<Int.random(in: 0...4, using: &generator) where !damaged.isEmpty {
                let position = Int.random(in: 0..<damaged.count, using: &generator)
                if Bool.random(using: &generator) {
                    damaged[position] = noise.randomElement(using: &generator)!
                } else {
                    damaged.remove(at: position)
                }
            }
            let text = String(decoding: damaged, as: UTF8.self)
            let sink = BibTeXImporter().parseAll(SourceText(file: "damaged.bib", text: text))
            let lineStartAts = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.first == "@" }.count
            // Every block that starts a line is counted; an `@` inside a line may start one more.
            let blocks = sink.references.count + sink.failed + sink.skipped
            #expect(blocks >= lineStartAts, "round \(round): \(text)")
            #expect(blocks <= text.filter { $0 == "@" }.count, "round \(round): \(text)")
            #expect(sink.errors.count == sink.failed, "round \(round)")
            #expect(Set(sink.references.map(\.citationKey)).count == sink.references.count, "round \(round)")
        }
    }
}
