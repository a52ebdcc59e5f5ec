import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation
import Tagging

extension EvidenceRelation: ExpressibleByArgument {}
extension EvidenceStrength: ExpressibleByArgument {}
extension EvidenceBasis: ExpressibleByArgument {}
extension LinkStatus: ExpressibleByArgument {}
extension StudyDesign: ExpressibleByArgument {}

/// `evidence tag REF CONCEPT...` and `evidence tag --from FILE`: add or update evidence links.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Link a paper to principles, domains or competencies (adds or updates the links).",
        discussion: """
            Options not given keep the link's stored values; a new link defaults to --relation supports --strength moderate. Tagging a suggested link confirms it (--status suggested keeps it a suggestion). Every change is recorded in the audit log ('evidence log').

            Relations: \(EvidenceRelation.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: "; ")). Strengths: \(EvidenceStrength.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: "; ")). Basis: stated (the paper says it) or inferred (the curator reads it so).

            --from FILE reads many links: CSV or TSV with a header row naming the columns reference, concept and any of relation, strength, basis, locator, quote, rationale, curator, status; or a JSON array of objects with those keys. Every row is checked first (each bad row is reported as FILE:LINE:COL: error: ...); nothing is written unless all rows are good; then all rows are applied in one transaction. Re-running a file changes nothing.

            The curator is --curator, else $EVIDENCE_CURATOR, else git's user.name, else the login name.

            Examples:
              evidence tag metz2021implementation co-design --relation supports --strength strong --page 12 \\
                --quote "co-designing solutions with partners" --rationale "survey item on co-design"
              evidence tag albers2021skills C2 C12 --relation describes --basis inferred
              evidence tag --from links.csv
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The paper (citation key, DOI, PMID or id) and the concepts to link it to.")
    var targets: [String] = []

    @Option(help: ArgumentHelp("Read links from a CSV, TSV or JSON file.", valueName: "file"))
    var from: String?

    @Option(help: "defines, measures, supports, describes or challenges.")
    var relation: EvidenceRelation?

    @Option(help: "strong, moderate or emerging.")
    var strength: EvidenceStrength?

    @Option(help: "stated or inferred.")
    var basis: EvidenceBasis?

    @Option(help: "The page(s) that support the link (recorded as the locator 'p. P').")
    var page: String?

    @Option(help: "Where in the paper: a page, section or table.")
    var locator: String?

    @Option(help: "A short quote from the paper.")
    var quote: String?

    @Option(name: [.customLong("rationale"), .customLong("note")], help: "Why the paper supports the concept.")
    var rationale: String?

    @Option(help: "Who is curating (default: $EVIDENCE_CURATOR, git user.name or the login name).")
    var curator: String?

    @Option(help: "confirmed (the default) or suggested.")
    var status: LinkStatus = .confirmed

    func validate() throws {
        if from != nil {
            if !targets.isEmpty { throw ValidationError("give either REF CONCEPT... or --from FILE, not both") }
            if relation != nil || strength != nil || basis != nil || page != nil || locator != nil || quote != nil || rationale != nil {
                throw ValidationError("with --from, link fields come from the file's columns")
            }
        } else if targets.count < 2 {
            throw ValidationError("give a reference and at least one concept, or --from FILE")
        }
        if page != nil && locator != nil { throw ValidationError("give --page or --locator, not both") }
    }

    func run() throws {
        let store = try storeOptions.open()
        let resolver = try storeOptions.resolver(store)
        let actor = Curator.name(curator)
        if let from {
            try runBulk(file: from, store: store, resolver: resolver, actor: actor)
            return
        }
        let stored = try store.require(targets[0])
        let concepts = try targets.dropFirst().map { try resolver.require($0) }
        let edits = concepts.map { concept in
            EvidenceStore.LinkEdit(
                referenceID: stored.id, conceptID: concept.id, relation: relation, strength: strength, basis: basis,
                locator: locator ?? page.map(Self.pageLocator), quote: quote, rationale: rationale, curator: curator, status: status)
        }
        let summary = try store.applyLinks(edits, actor: actor)
        for concept in concepts {
            guard let link = try store.link(referenceID: stored.id, conceptID: concept.id) else { continue }
            Output.line("\(stored.reference.citationKey) → \(concept.code.map { $0 + " " } ?? "")\(concept.name): \(TagsCommand.facts(link))")
        }
        Output.line(Self.summaryLine(summary))
    }

    /// "p. 12" for a bare page number or range, the text as given otherwise.
    static func pageLocator(_ page: String) -> String {
        page.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "–" }) ? (page.contains("-") || page.contains("–") ? "pp. " : "p. ") + page : page
    }

    static func summaryLine(_ summary: EvidenceStore.LinkChangeSummary) -> String {
        "\(summary.added) link\(summary.added == 1 ? "" : "s") added, \(summary.updated) updated, \(summary.unchanged) unchanged"
    }

    /// Validates every row of a bulk file, then applies all of them in one transaction, or none.
    func runBulk(file: String, store: EvidenceStore, resolver: ConceptResolver, actor: String) throws {
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure(message: "cannot read '\(file)': \(error.localizedDescription)")
        }
        let source = SourceText(file: file, data: data)
        var (rows, diagnostics) = LinkFile.parse(source)
        var edits: [EvidenceStore.LinkEdit] = []
        var referenceIDs: [String: Int64?] = [:]
        for row in rows {
            if referenceIDs[row.reference] == nil { referenceIDs[row.reference] = try store.referenceID(matching: row.reference) }
            let referenceID = referenceIDs[row.reference] ?? nil
            if referenceID == nil {
                diagnostics.append(.error("link.unknown-reference", "no reference '\(row.reference)' in the store", at: SourceLocation(file: file, line: row.line, column: row.referenceColumn), entry: row.reference))
            }
            var conceptID: String?
            switch resolver.resolve(row.concept) {
            case .concept(let concept):
                conceptID = concept.id
            case .ambiguous(let concepts):
                diagnostics.append(.error("link.ambiguous-concept", "concept '\(row.concept)' is ambiguous: \(concepts.map(\.id).joined(separator: ", "))", at: SourceLocation(file: file, line: row.line, column: row.conceptColumn), entry: row.reference))
            case .unknown(let suggestions):
                let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
                diagnostics.append(.error("link.unknown-concept", "unknown concept '\(row.concept)'\(hint)", at: SourceLocation(file: file, line: row.line, column: row.conceptColumn), entry: row.reference))
            }
            guard let referenceID, let conceptID else { continue }
            edits.append(EvidenceStore.LinkEdit(
                referenceID: referenceID, conceptID: conceptID, relation: row.relation, strength: row.strength, basis: row.basis,
                locator: row.locator, quote: row.quote, rationale: row.rationale, curator: row.curator ?? curator,
                status: row.status ?? status))
        }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            diagnostics.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
                .forEach(Output.diagnostic)
            let badLines = Set(errors.compactMap { $0.location?.line }).count
            throw CommandFailure(message: "\(badLines) bad row\(badLines == 1 ? "" : "s") in '\(file)'; nothing was written")
        }
        let summary = try store.applyLinks(edits, actor: actor)
        Output.line("\(rows.count) row\(rows.count == 1 ? "" : "s") from \(file): " + Self.summaryLine(summary))
    }
}
