import CitationModel
import Exporters
import Foundation
import Importers
import Testing

/// The corpora folder beside the package (`../shared/corpora`), when it exists.
let corporaFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora")
let corporaExist = FileManager.default.fileExists(atPath: corporaFolder.path)

/// The `.bib` files of a corpus folder, smallest first, up to `limit` bytes each.
func bibFiles(_ folder: String, maxBytes: Int = .max) -> [URL] {
    let url = corporaFolder.appendingPathComponent(folder)
    let files = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.fileSizeKey])) ?? []
    return files.filter { $0.pathExtension == "bib" }
        .filter { ((try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) <= maxBytes }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// Import -> export -> import gives the same records (architecture: "a round-trip test catches drift").
@Suite struct BibTeXRoundTripTests {
    static func importText(_ text: String, file: String = "test.bib") -> CollectingSink {
        BibTeXImporter().parseAll(SourceText(file: file, text: text))
    }

    /// The differences between two record lists, described for a failure message (empty when equal).
    static func differences(_ first: [Reference], _ second: [Reference], compareExtras: Bool = true) -> [String] {
        guard first.count == second.count else { return ["\(first.count) records, then \(second.count)"] }
        var problems: [String] = []
        for (left, right) in zip(first, second) {
            var a = left
            var b = right
            if !compareExtras {
                a.extraFields = [:]
                b.extraFields = [:]
            }
            if a != b {
                let leftJSON = a.cslJSON()
                let rightJSON = b.cslJSON()
                let keys = Set(leftJSON.keys + rightJSON.keys).sorted().filter { leftJSON[$0] != rightJSON[$0] }
                let details = keys.map { key in
                    "  \(key): \(leftJSON[key].map { $0.serialized() } ?? "nil") -> \(rightJSON[key].map { $0.serialized() } ?? "nil")"
                }
                var more: [String] = []
                if a.identifiers != b.identifiers { more.append("  identifiers: \(a.identifiers) -> \(b.identifiers)") }
                if a.creators != b.creators { more.append("  creators: \(a.creators) -> \(b.creators)") }
                for (name, one, two) in [("title", a.title, b.title), ("container", a.containerTitle, b.containerTitle), ("abstract", a.abstract, b.abstract)] where one != two {
                    more.append("  \(name) runs: \(one?.runs ?? []) -> \(two?.runs ?? [])")
                }
                problems.append("\(left.citationKey):\n" + (details + more).joined(separator: "\n"))
            }
        }
        return problems
    }

    static func roundTrip(_ references: [Reference], dialect: BibTeXExporter.Dialect, ascii: Bool) -> (text: String, again: CollectingSink) {
        let text = BibTeXExporter(dialect: dialect, ascii: ascii).export(references.map { ExportItem(reference: $0) })
        return (text, importText(text, file: "exported.bib"))
    }

    @Test(arguments: [BibTeXExporter.Dialect.bibtex, .biblatex])
    func handMadeRecordsRoundTrip(dialect: BibTeXExporter.Dialect) throws {
        let source = """
            @string{jps = "Journal of Pragmatic Studies"}
            @article{metz2020,
              author = {Metz, Allison and van der Berg, Jan and {World Health Organization} and Müller, Jr, Hans-Peter and others},
              title = {Implementing {DNA} Research: \\textit{in vivo} -- the ``case'' of $\\alpha$-helices},
              journal = jps,
              year = {1991-92}, month = sep,
              volume = {12}, number = {3}, pages = {147--170},
              doi = {https://doi.org/10.1000/ABC.123},
              keywords = {implementation; co-design, {a, b}},
              note = {50\\% done \\& more},
              annote = {kept {as} \\emph{written}}
            }
            @phdthesis{phd, author = {Ramón y Cajal, Santiago}, title = {Thesis}, school = {Uni}, date = {2021-03-01/2021-04-30}}
            @mastersthesis{ms, author = {Ng, A}, title = {T}, school = {S}, year = 2000}
            @online{web, title = {Site}, url = {https://example.org/a_b%20c}, urldate = {2024-01-02}}
            @techreport{rep, institution = {Inst}, number = {TR-9}, title = {R}, year = {forthcoming}}
            @misc{nokey-is-fine, howpublished = {\\url{https://x.org}}, author = {hooks, bell}}
            """
        let first = Self.importText(source)
        #expect(first.errors.isEmpty)
        #expect(first.references.count == 6)
        for ascii in [false, true] {
            let (text, again) = Self.roundTrip(first.references, dialect: dialect, ascii: ascii)
            #expect(again.errors.isEmpty, "\(again.errors)\n\(text)")
            let problems = Self.differences(first.references, again.references, compareExtras: !ascii)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(text)")
            if ascii { #expect(text.utf8.allSatisfy { $0 < 0x80 }, "\(text)") }
        }
    }

    /// The property over real files: every corpus file small enough for a debug run, both dialects.
    @Test(.enabled(if: corporaExist), arguments: [BibTeXExporter.Dialect.bibtex, .biblatex])
    func corpusFilesRoundTrip(dialect: BibTeXExporter.Dialect) throws {
        let files = bibFiles("bibtex/bibtexparser") + bibFiles("bibtex/zbb-import", maxBytes: 100_000)
            + bibFiles("bibtex/glottolog", maxBytes: 150_000)
        #expect(files.count > 100)
        var failures: [String] = []
        var records = 0
        for file in files {
            let first = BibTeXImporter().parseAll(SourceText(file: file.lastPathComponent, data: try Data(contentsOf: file)))
            records += first.references.count
            let (text, again) = Self.roundTrip(first.references, dialect: dialect, ascii: false)
            if !again.errors.isEmpty { failures.append("\(file.lastPathComponent): \(again.errors.map(\.description))") }
            let problems = Self.differences(first.references, again.references)
            if !problems.isEmpty { failures.append("\(file.lastPathComponent): \(problems.prefix(3).joined(separator: "\n"))") }
            _ = text
        }
        #expect(records > 1500)
        #expect(failures.isEmpty, "\(failures.count) files differ:\n\(failures.prefix(8).joined(separator: "\n"))")
    }
}
