import CitationModel
import Foundation
import Importers
import Testing

/// The RIS importer against real exports: rispy's test files and the same 100 records exported by about twenty tools.
@Suite struct RISCorpusTests {
    /// What each file of `rispy/` must give: records, failed blocks, and every diagnostic with its line.
    static let rispyExpectations: [String: (records: Int, failed: Int, diagnostics: [String])] = [
        "example_basic.ris": (1, 0, []),
        "example_bom.ris": (1, 0, []),
        "example_custom_list_tags.ris": (
            1, 0,
            ["warning ris.standard-number 5", "warning ris.standard-number 6", "warning ris.standard-number 7"]
        ),
        "example_empty_tag.ris": (1, 0, []),
        "example_extraneous_data.ris": (2, 0, []),
        "example_full.ris": (2, 0, []),
        "example_full_without_whitespace.ris": (2, 0, []),
        "example_full_write.ris": (2, 0, []),
        "example_multi_unknown_tags.ris": (1, 0, []),
        "example_multiline.ris": (3, 0, []),
        "example_single_unknown_tag.ris": (1, 0, []),
        "example_starting_newlines.ris": (1, 0, []),
        "example_urls.ris": (4, 0, []),
        "example_utf_chars.ris": (1, 0, []),
        // Web of Science tagged text is not RIS: one failed block, said so at its first line.
        "example_wos.ris": (0, 1, ["error ris.no-records 1"]),
    ]

    @Test(.enabled(if: RISTestSupport.corporaExist))
    func everyRispyFileImportsWithItsDiagnostics() throws {
        let folder = RISTestSupport.corpora.appendingPathComponent("rispy")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ris") }.sorted()
        #expect(files.count == Self.rispyExpectations.count)
        for file in files {
            let source = SourceText(file: file, data: try Data(contentsOf: folder.appendingPathComponent(file)))
            let sink = RISImporter().parseAll(source)
            let expected = try #require(Self.rispyExpectations[file], "no expectation for \(file)")
            #expect(sink.records.count == expected.records, "\(file)")
            #expect(sink.failed == expected.failed, "\(file)")
            #expect(RISTestSupport.lines(sink) == expected.diagnostics, "\(file)")
        }
    }

    @Test(.enabled(if: RISTestSupport.corporaExist))
    func rispyValuesAreReadAsRispyReadsThem() throws {
        let folder = RISTestSupport.corpora.appendingPathComponent("rispy")
        func parse(_ name: String) throws -> [Reference] {
            RISImporter().parseAll(SourceText(file: name, data: try Data(contentsOf: folder.appendingPathComponent(name)))).references
        }
        let multiline = try parse("example_multiline.ris")
        for reference in multiline {
            #expect(reference.abstract?.plain == "first line, ER then second line and at the end the last line")
            #expect(reference.note == "first line\n* second line\n* last line")
        }
        let urls = try parse("example_urls.ris")
        #expect(urls[2].url == "http://example.com")
        #expect(urls[2].extraFields["UR"] == "http://www.example.com")
        #expect(urls[3].extraFields["UR"] == "http://www.example.com")
        let empty = try parse("example_empty_tag.ris")[0]
        #expect(empty.page == nil)
        #expect(empty.doi == "10.1177/2325967120950040")
        #expect(empty.identifier(.issn) == "2325-9671")
        #expect(empty.creators.first?.family == "Fanning")
        #expect(empty.abstract?.plain.hasSuffix("safe return to sport...") == true)
        let unknown = try parse("example_single_unknown_tag.ris")[0]
        #expect(unknown.extraFields["JP"] == "CRISPR\nDirect Current")
        let utf = try parse("example_utf_chars.ris")[0]
        #expect(utf.type == .articleJournal)
        #expect(utf.creators.map(\.family) == ["Dobrokhotova", "Yusupova", "Ozerova", "Fayzullin", "Karnaukhov"])
        #expect(utf.note == "Ä,Ö,Ü,ä,ö,ü,ß")
        #expect(utf.abstract?.plain.hasPrefix("Состояние") == true)
    }

    // MARK: asreview dialects

    /// The agreement of one dialect with its reference records.
    struct Agreement: Codable, Equatable {
        var records = 0
        /// Records checked against `_baseline.ris`, against the consensus of three or more files, and against a
        /// plain reading of the record's own tags (records no other file has).
        var baseline = 0
        var consensus = 0
        var tags = 0
        var title = 0
        var doi = 0
        var year = 0
        var firstAuthor = 0

        /// Each count, named, for the ratchet comparison.
        var counts: [(String, Int)] {
            [
                ("records", records), ("checked", baseline + consensus + tags), ("title", title), ("doi", doi), ("year", year),
                ("firstAuthor", firstAuthor),
            ]
        }
    }

    /// The four values compared, normalised.
    struct Facts: Hashable {
        var title: String
        var doi: String
        var year: String
        var firstAuthor: String

        init(title: String?, doi: String?, year: Int?, firstAuthor: String?) {
            self.title = RISCorpusTests.normalised(title)
            self.doi = doi?.lowercased() ?? ""
            self.year = year.map(String.init) ?? ""
            self.firstAuthor = RISCorpusTests.normalised(firstAuthor)
        }

        init(_ reference: Reference) {
            self.init(
                title: reference.title?.plain, doi: reference.doi, year: reference.year,
                firstAuthor: reference.leadCreators.first.flatMap { $0.family ?? $0.literal })
        }
    }

    static let ratchetFile = RISTestSupport.fixtures.appendingPathComponent("ris/asreview-ratchet.json")

    /// Each dialect against `_baseline.ris`, where the record is there (only Citavi's export holds the baseline's
    /// records: the other files hold other searches), else against the majority of the files that hold the same
    /// record (by DOI or title, when three or more do), else against a plain reading of the record's own tag lines.
    @Test(.enabled(if: RISTestSupport.corporaExist))
    func everyAsreviewDialectYieldsTheBaselineRecords() throws {
        let folder = RISTestSupport.corpora.appendingPathComponent("asreview")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("_baseline") && $0.hasSuffix(".ris") }.sorted()
        var parsed: [(file: String, source: SourceText, format: ImportFormat, records: [ImportedRecord])] = []
        for file in files {
            let source = SourceText(file: file, data: try Data(contentsOf: folder.appendingPathComponent(file)))
            let format = try #require(ImportFormat.detect(bytes: source.bytes, fileName: file))
            let sink = format.importer!.parseAll(source)
            #expect(sink.errors.isEmpty, "\(file): \(sink.errors)")
            #expect(sink.records.count == Self.recordCount(source, format: format), "\(file): every record of the file is read")
            parsed.append((file, source, format, sink.records))
        }
        let baselineIndex = try #require(parsed.firstIndex { $0.file == "_baseline.ris" })
        #expect(parsed[baselineIndex].records.count == 100)

        // Clusters of the same work across files, by DOI or title.
        var clusters = UnionFind()
        var nodes: [[Int]] = []
        for (fileIndex, entry) in parsed.enumerated() {
            nodes.append(
                entry.records.map { record in
                    let facts = Facts(record.reference)
                    let node = clusters.node("record:\(fileIndex):\(record.location.line)")
                    if !facts.doi.isEmpty { clusters.union(node, clusters.node("doi:" + facts.doi)) }
                    if facts.title.count > 10 { clusters.union(node, clusters.node("title:" + facts.title)) }
                    return node
                })
        }
        var members: [Int: [(file: Int, facts: Facts)]] = [:]
        for (fileIndex, entry) in parsed.enumerated() {
            for (recordIndex, record) in entry.records.enumerated() {
                members[clusters.find(nodes[fileIndex][recordIndex]), default: []].append((fileIndex, Facts(record.reference)))
            }
        }

        let ratchet = try JSONDecoder().decode([String: Agreement].self, from: Data(contentsOf: Self.ratchetFile))
        var table = "| dialect | format | records | vs baseline | vs consensus | vs own tags | title | DOI | year | first author |\n"
        table += "|---|---|---|---|---|---|---|---|---|---|\n"
        var measured: [String: Agreement] = [:]
        for (fileIndex, entry) in parsed.enumerated() where fileIndex != baselineIndex {
            let dialect = String(entry.file.dropFirst("_baseline_".count).dropLast(4))
            var agreement = Agreement(records: entry.records.count)
            for (recordIndex, record) in entry.records.enumerated() {
                let group = members[clusters.find(nodes[fileIndex][recordIndex])] ?? []
                let facts = Facts(record.reference)
                let reference: Facts
                if let base = group.first(where: { $0.file == baselineIndex }) {
                    reference = base.facts
                    agreement.baseline += 1
                } else if Set(group.map(\.file)).count >= 3 {
                    reference = Self.majority(group.map(\.facts))
                    agreement.consensus += 1
                } else {
                    reference = Self.readTags(entry.source, from: record.location.line, format: entry.format)
                    agreement.tags += 1
                }
                if facts.title == reference.title { agreement.title += 1 }
                if facts.doi == reference.doi { agreement.doi += 1 }
                if facts.year == reference.year { agreement.year += 1 }
                if facts.firstAuthor == reference.firstAuthor { agreement.firstAuthor += 1 }
            }
            measured[dialect] = agreement
            let a = agreement
            table += "| \(dialect) | \(entry.format.rawValue) | \(a.records) | \(a.baseline) | \(a.consensus) | \(a.tags) | \(a.title) | \(a.doi) | \(a.year) | \(a.firstAuthor) |\n"
            let floor = try #require(ratchet[dialect], "no ratchet entry for \(dialect); add it to \(Self.ratchetFile.lastPathComponent)")
            for ((name, now), (_, before)) in zip(agreement.counts, floor.counts) {
                #expect(now >= before, "\(dialect): \(name) fell from \(before) to \(now)")
            }
        }
        print("RIS dialect agreement (records read; where each was checked; how many agree on each field):\n" + table)
        if ProcessInfo.processInfo.environment["RIS_RATCHET_WRITE"] != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(measured).write(to: Self.ratchetFile)
        }
    }

    /// The most common value of each field among the files that hold a record.
    static func majority(_ facts: [Facts]) -> Facts {
        func common(_ values: [String]) -> String {
            var counts: [String: Int] = [:]
            for value in values { counts[value, default: 0] += 1 }
            return counts.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }!.key
        }
        var result = facts[0]
        result.title = common(facts.map(\.title))
        result.doi = common(facts.map(\.doi))
        result.year = common(facts.map(\.year))
        result.firstAuthor = common(facts.map(\.firstAuthor))
        return result
    }

    /// A plain reading of one record's tag lines, independent of the importer: the first title line, the DOI of the
    /// `DO` (RIS) or `[doi]` locator (MEDLINE) line, the first four-digit year of the date tag, and the first author's
    /// family name (the text before the first comma, or before the initials).
    static func readTags(_ source: SourceText, from line: Int, format: ImportFormat) -> Facts {
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        var values: [(String, String)] = []
        for index in (line - 1)..<lines.count {
            let text = lines[index].drop { $0 == " " || $0 == "\u{FEFF}" }
            if format == .nbib {
                if text.isEmpty && index >= line { break }
                if lines[index].hasPrefix("      "), !values.isEmpty {
                    values[values.count - 1].1 += " " + text
                    continue
                }
                guard lines[index].count > 6, lines[index].dropFirst(4).hasPrefix("- ") else { continue }
                values.append((String(lines[index].prefix(4)).trimmingCharacters(in: .whitespaces), String(lines[index].dropFirst(6))))
            } else {
                if text.hasPrefix("ER  -") || (index >= line && text.hasPrefix("TY  -")) { break }
                guard text.count > 5, text.dropFirst(2).hasPrefix("  -") else { continue }
                values.append((String(text.prefix(2)), String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces)))
            }
        }
        func first(_ tags: [String]) -> String? { values.first { tags.contains($0.0) }?.1 }
        let titleTags = format == .nbib ? ["TI"] : ["TI", "T1"]
        let dateTags = format == .nbib ? ["DP"] : ["PY", "Y1", "DA"]
        let authorTags = format == .nbib ? ["FAU", "AU"] : ["AU", "A1"]
        var doi = first(["DO"]).map { $0.lowercased() }
        if format == .nbib { doi = values.first { ["LID", "AID"].contains($0.0) && $0.1.hasSuffix("[doi]") }.map { String($0.1.dropLast(5)).trimmingCharacters(in: .whitespaces).lowercased() } }
        if doi == nil {
            doi = values.first { ["UR", "L1", "L2", "L3", "L4"].contains($0.0) && $0.1.contains("doi.org/10.") }?.1.lowercased()
        }
        if let text = doi, let range = text.range(of: "10.") { doi = String(text[range.lowerBound...].prefix { !$0.isWhitespace }) }
        let year = values.lazy.filter { dateTags.contains($0.0) }.compactMap { date in
            date.1.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 }.flatMap { Int($0) }
        }.first
        var author = first(authorTags)
        if let name = author {
            // The family name: before the comma (or the initials), without lower-case particles (`de`, `van den`).
            let family = name.contains(",") ? String(name.prefix { $0 != "," }) : String(name.split(separator: " ").first ?? "")
            let words = family.split(separator: " ")
            author = words.drop { $0.first?.isLowercase == true }.joined(separator: " ")
        }
        return Facts(title: first(titleTags), doi: doi, year: year, firstAuthor: author)
    }

    /// How many records a file holds, counted independently of the importer: `TY  -` (or `PMID-`) lines.
    static func recordCount(_ source: SourceText, format: ImportFormat) -> Int {
        let marker = format == .nbib ? "PMID-" : "TY  -"
        return source.text.split(separator: "\n").filter { line in
            line.drop { $0 == " " || $0 == "\u{FEFF}" }.hasPrefix(marker)
        }.count
    }

    /// Lower-case letters and digits only, accents dropped: how two spellings of one title or name are compared.
    static func normalised(_ text: String?) -> String {
        guard let text else { return "" }
        return text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).filter { $0.isLetter || $0.isNumber }
    }
}

/// Union-find over string-named nodes, to group the records of one work across files.
struct UnionFind {
    private var parent: [Int] = []
    private var index: [String: Int] = [:]

    mutating func node(_ name: String) -> Int {
        if let existing = index[name] { return existing }
        parent.append(parent.count)
        index[name] = parent.count - 1
        return parent.count - 1
    }

    mutating func find(_ node: Int) -> Int {
        var root = node
        while parent[root] != root { root = parent[root] }
        var current = node
        while parent[current] != root {
            let next = parent[current]
            parent[current] = root
            current = next
        }
        return root
    }

    mutating func union(_ a: Int, _ b: Int) {
        let rootA = find(a)
        let rootB = find(b)
        if rootA != rootB { parent[rootB] = rootA }
    }
}
