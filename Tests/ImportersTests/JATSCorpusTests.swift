import CitationModel
import Foundation
import Importers
import Testing

/// The JATS importer over the real corpora in `../shared/corpora/jats` (PLOS, PMC, eLife: 157 files).
@Suite struct JATSCorpusTests {
    /// What one corpus file gave.
    struct FileResult: Sendable {
        var path: String
        var refElements: Int
        var records: Int
        var cited: [Reference]
        var errors: [Diagnostic]
        var failed: Int
    }

    static let folders = ["plos", "pmc", "elife"]

    /// Every corpus file, parsed once for all the tests of this suite.
    static let results: [FileResult] = {
        guard JATSFixtures.corpusExists else { return [] }
        var results: [FileResult] = []
        for folder in folders {
            let directory = JATSFixtures.corpus.appendingPathComponent(folder)
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".nxml") }.sorted()
            for file in files {
                let url = directory.appendingPathComponent(file)
                guard let raw = try? SourceBytes(contentsOfFile: url.path) else { continue }
                let source = SourceText(file: folder + "/" + file, markup: raw)
                let sink = JATSImporter().parseAll(source)
                results.append(
                    FileResult(
                        path: source.file, refElements: countRefElements(source.bytes), records: sink.records.count,
                        cited: sink.records.flatMap(\.cites), errors: sink.errors, failed: sink.failed))
            }
        }
        return results
    }()

    /// The number of `<ref>` start tags in a file (`<ref` followed by white space or `>`).
    static func countRefElements(_ bytes: SourceBytes) -> Int {
        let pattern: [UInt8] = Array("<ref".utf8)
        var count = 0
        var index = 0
        while index + 4 < bytes.count {
            if bytes[index] == 0x3C, bytes[index + 1] == pattern[1], bytes[index + 2] == pattern[2], bytes[index + 3] == pattern[3] {
                let next = bytes[index + 4]
                if next == 0x20 || next == 0x3E || next == 0x0A || next == 0x09 { count += 1 }
            }
            index += 1
        }
        return count
    }

    /// Whether a cited work is complete enough to cite: a title or a literal text, a year, and a creator.
    static func isComplete(_ reference: Reference) -> Bool {
        (reference.title != nil || reference.note != nil) && reference.year != nil && !reference.creators.isEmpty
    }

    @Test(.enabled(if: JATSFixtures.corpusExists))
    func everyFileImportsWithoutError() {
        #expect(Self.results.count == 157)
        for result in Self.results {
            #expect(result.errors.isEmpty, "\(result.path): \(result.errors.map(\.description))")
            #expect(result.failed == 0, "\(result.path)")
            #expect(result.records == 1, "\(result.path)")
        }
    }

    @Test(.enabled(if: JATSFixtures.corpusExists))
    func everyRefElementBecomesOneCitedWork() {
        for result in Self.results {
            #expect(result.cited.count == result.refElements, "\(result.path)")
        }
        let total = Self.results.reduce(0) { $0 + $1.cited.count }
        #expect(total == 8775)
        for folder in Self.folders {
            let count = Self.results.filter { $0.path.hasPrefix(folder + "/") }.reduce(0) { $0 + $1.cited.count }
            print("jats corpus \(folder): \(count) cited works")
        }
    }

    /// The share of cited works with a title or literal, a year and a creator may only go up: the floor is in
    /// `Fixtures/jats/reference-quality-ratchet.txt`; raise it when the importer gets better.
    @Test(.enabled(if: JATSFixtures.corpusExists))
    func completeCitedWorksRatchet() throws {
        let cited = Self.results.flatMap(\.cited)
        let share = Double(cited.filter(Self.isComplete).count) / Double(max(cited.count, 1))
        let text = try String(contentsOf: JATSFixtures.folder.appendingPathComponent("reference-quality-ratchet.txt"), encoding: .utf8)
        let floor = try #require(text.split(separator: "\n").first { !$0.hasPrefix("#") }.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) })
        print(String(format: "jats corpus: %.4f of %d cited works are complete (floor %.4f)", share, cited.count, floor))
        #expect(share >= floor)
    }
}
