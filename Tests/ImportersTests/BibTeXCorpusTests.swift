import CitationModel
import Foundation
import Importers
import Testing

/// The corpora folder beside the package (`../shared/corpora`), when it exists.
let corporaFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora")
let corporaExist = FileManager.default.fileExists(atPath: corporaFolder.path)

/// The files of a corpus folder with an extension, sorted by name.
func corpusFiles(_ folder: String, extension ext: String = "bib") -> [URL] {
    let url = corporaFolder.appendingPathComponent(folder)
    let files = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
    return files.filter { $0.pathExtension == ext }.sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// Counts the lines that start with `@` (the blocks of a file), as `grep -c '^@'` does.
func atLineCount(_ data: Data) -> Int {
    var count = 0
    var lineStart = true
    for byte in data {
        if lineStart && byte == 0x40 { count += 1 }
        lineStart = byte == 0x0A
    }
    return count
}

/// The real corpora: every file imports, every block is counted, and agreement with Zotero's import ratchets.
@Suite struct BibTeXCorpusTests {
    static func read(_ url: URL) throws -> CollectingSink {
        BibTeXImporter().parseAll(SourceText(file: url.lastPathComponent, data: try Data(contentsOf: url)))
    }

    @Test(.enabled(if: corporaExist))
    func everyCorpusFileImportsWithoutCrashing() throws {
        let files = corpusFiles("bibtex/bibtexparser") + corpusFiles("bibtex/zbb-import")
        #expect(files.count > 140)
        var records = 0
        for file in files {
            let sink = try Self.read(file)
            records += sink.references.count
            // Every error is tied to a failed block, and every diagnostic has a location in the file.
            #expect(sink.errors.count >= sink.failed, "\(file.lastPathComponent)")
            #expect(sink.diagnostics.allSatisfy { ($0.location?.line ?? 0) >= 1 && ($0.location?.column ?? 0) >= 1 })
        }
        #expect(records > 11_000)
    }

    /// Blocks add up for glottolog: imported + failed + skipped == the `@` lines. The whole corpus (69,505 entries)
    /// is checked by `Benchmarks/bibtex.sh`; here three files, one of them with a backslash in a key.
    @Test(.enabled(if: corporaExist), arguments: ["bowern.bib", "marctang.bib", "hedvig-tirailleur.bib", "gj.bib"])
    func glottologBlocksAddUp(file: String) throws {
        let url = corporaFolder.appendingPathComponent("bibtex/glottolog/\(file)")
        let data = try Data(contentsOf: url)
        let sink = BibTeXImporter().parseAll(SourceText(file: file, data: data))
        let blocks = atLineCount(data)
        #expect(blocks > 30)
        #expect(sink.references.count + sink.failed + sink.skipped == blocks)
        #expect(sink.failed == 0)
        let keys = sink.references.map(\.citationKey)
        #expect(Set(keys).count == keys.count, "keys are unique within a file")
    }

    /// Zotero (Better BibTeX) imported each zbb-import file; the `.json` beside it is what it produced. The numbers of
    /// files whose record count matches and of field values that agree may only go up (Fixtures/bibtex/zbb-ratchet.json).
    @Test(.enabled(if: corporaExist))
    func zoteroAgreementRatchets() throws {
        let report = try ZoteroComparison.run(folder: corporaFolder.appendingPathComponent("bibtex/zbb-import"))
        let ratchetURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/bibtex/zbb-ratchet.json")
        let ratchet = try JSONSerialization.jsonObject(with: Data(contentsOf: ratchetURL)) as! [String: Any]
        print("zbb-import agreement: \(report.summary)")
        #expect(report.files >= ratchet["files"] as! Int)
        #expect(report.filesWithExpectedCount >= ratchet["filesWithExpectedCount"] as! Int, "\(report.summary)")
        #expect(report.agreements >= ratchet["fieldAgreements"] as! Int, "\(report.summary)")
        let perField = ratchet["perField"] as! [String: Int]
        for (field, minimum) in perField {
            #expect((report.perField[field]?.agree ?? 0) >= minimum, "\(field): \(report.summary)")
        }
    }
}

/// Compares the importer's records with Zotero's items for the zbb-import corpus.
struct ZoteroComparison {
    var files = 0
    var filesWithExpectedCount = 0
    var checks = 0
    var agreements = 0
    var perField: [String: (agree: Int, total: Int)] = [:]

    var summary: String {
        let fields = perField.keys.sorted().map { "\($0) \(perField[$0]!.agree)/\(perField[$0]!.total)" }.joined(separator: ", ")
        return "files \(files), expected record count \(filesWithExpectedCount)/\(files), field values agree \(agreements)/\(checks) (\(fields))"
    }

    static let zoteroTypes: [String: Set<String>] = [
        "article-journal": ["journalArticle"], "article-magazine": ["magazineArticle"], "article-newspaper": ["newspaperArticle"],
        "book": ["book"], "chapter": ["bookSection"], "paper-conference": ["conferencePaper"], "thesis": ["thesis"],
        "report": ["report"], "webpage": ["webpage"], "document": ["document"], "manuscript": ["manuscript"],
        "patent": ["patent"], "dataset": ["dataset"], "software": ["computerProgram"], "entry-encyclopedia": ["encyclopediaArticle"],
        "motion_picture": ["film", "videoRecording", "tvBroadcast"], "graphic": ["artwork"], "song": ["audioRecording"],
        "personal_communication": ["letter"], "legal_case": ["case"], "legislation": ["statute", "bill"], "speech": ["presentation"],
        "standard": ["standard", "report"], "pamphlet": ["book"], "periodical": ["book", "journalArticle"],
    ]

    /// Lower-case letters and digits only (HTML tags dropped, compatibility forms folded: ₂ is 2), for comparing
    /// text that Zotero re-cases, re-punctuates and marks up.
    static func normalised(_ text: String) -> String {
        let untagged = text.contains("<") ? text.replacing(/<[^>]*>/, with: "") : text
        return String(untagged.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
            .filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
    }

    static func run(folder: URL) throws -> ZoteroComparison {
        var report = ZoteroComparison()
        for bib in corpusFiles("bibtex/zbb-import") {
            let jsonURL = bib.deletingPathExtension().appendingPathExtension("json")
            guard let data = try? Data(contentsOf: jsonURL),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let allItems = object["items"] as? [[String: Any]]
            else { continue }
            let items = allItems.filter { ($0["itemType"] as? String) != "note" && ($0["itemType"] as? String) != "attachment" }
                .sorted { ($0["itemID"] as? Int ?? 0) < ($1["itemID"] as? Int ?? 0) }
            report.files += 1
            let sink = BibTeXImporter().parseAll(SourceText(file: bib.lastPathComponent, data: try Data(contentsOf: bib)))
            let records = sink.references
            if records.count == items.count { report.filesWithExpectedCount += 1 }
            var byKey: [String: Reference] = [:]
            for record in records where byKey[record.citationKey] == nil { byKey[record.citationKey] = record }
            for (position, item) in items.enumerated() {
                var key = item["citationKey"] as? String
                if key == nil, let extra = item["extra"] as? [String] {
                    key = extra.first { $0.hasPrefix("Citation Key: ") }.map { String($0.dropFirst(14)) }
                }
                guard let record = key.flatMap({ byKey[$0] }) ?? (position < records.count ? records[position] : nil) else { continue }
                report.compare(item, record)
            }
        }
        return report
    }

    mutating func check(_ field: String, _ agrees: Bool) {
        checks += 1
        var entry = perField[field] ?? (0, 0)
        entry.total += 1
        if agrees {
            agreements += 1
            entry.agree += 1
        }
        perField[field] = entry
    }

    mutating func compare(_ item: [String: Any], _ record: Reference) {
        let n = Self.normalised
        if let type = item["itemType"] as? String {
            check("itemType", Self.zoteroTypes[record.type.rawValue]?.contains(type) ?? false)
        }
        if let title = item["title"] as? String {
            let mine = [record.title?.plain ?? "", record.subtitle?.plain ?? ""].joined()
            check("title", n(title) == n(mine) || n(title) == n(record.title?.plain ?? ""))
        }
        if let creators = item["creators"] as? [[String: Any]], !creators.isEmpty {
            let theirs = creators.map { n(($0["lastName"] as? String) ?? ($0["name"] as? String) ?? "") }
            let mine = record.creators.map { n($0.literal ?? (($0.nonDroppingParticle.map { $0 + " " } ?? "") + ($0.family ?? ""))) }
            let mineFamily = record.creators.map { n($0.literal ?? $0.family ?? "") }
            check("creators", theirs == mine || theirs == mineFamily)
        }
        if let date = item["date"] as? String {
            let year = date.firstMatch(of: /[0-9]{4}/).map { Int($0.output)! }
            check("date", year != nil && year == record.year)
        }
        for (field, mine) in [
            ("publicationTitle", record.containerTitle?.plain), ("pages", record.page), ("volume", record.volume),
            ("issue", record.issue), ("DOI", record.doi), ("publisher", record.publisher), ("url", record.url),
        ] {
            guard let theirs = item[field] as? String else { continue }
            check(field, n(theirs) == n(mine ?? ""))
        }
    }
}
