import CitationModel
import EvidenceStore
import Foundation
import Importers
import Tagging

/// The counts an import reports; every block of every file is in exactly one of records, failed or skipped.
struct ImportSummary: Sendable {
    var files = 0
    var records = 0
    var inserted = 0
    var updated = 0
    var unchanged = 0
    var failed = 0
    var skipped = 0
    var warnings = 0
    var errors = 0
    var links = 0
    var cited = 0

    /// One line for the terminal.
    var line: String {
        var text = "\(records) record\(records == 1 ? "" : "s") from \(files) file\(files == 1 ? "" : "s"): "
        text += "\(inserted) new, \(updated) updated, \(unchanged) unchanged"
        text += "; \(failed) failed; \(skipped) skipped (not records)"
        if links > 0 { text += "; \(links) evidence link\(links == 1 ? "" : "s")" }
        if cited > 0 { text += "; \(cited) cited work\(cited == 1 ? "" : "s")" }
        text += "; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        return text
    }
}

/// Runs an import of several sources as one store transaction and keeps the summary.
struct ImportRunner {
    let store: EvidenceStore
    let resolver: ConceptResolver
    let actor: String
    /// With `strict`, any failed record or error rolls the whole run back.
    let strict: Bool
    /// With `dryRun`, nothing is written whatever happens.
    let dryRun: Bool
    /// No progress line.
    let quiet: Bool

    /// Imports `sources` (each with its format) and then `extraLinks` (links naming references by key).
    func run(sources: [(SourceText, ImportFormat)], extraLinks: [EvidenceLink] = [], description: String) throws -> ImportSummary {
        try store.importRun(description: description) { writer in
            var summary = ImportSummary()
            for (source, format) in sources {
                summary.files += 1
                guard let importer = format.importer else {
                    let diagnostic = Diagnostic.error("import.unsupported-format", "no \(format.displayName) importer is available yet", at: source.location(line: 1, column: 1))
                    Output.diagnostic(diagnostic)
                    summary.errors += 1
                    summary.failed += 1
                    continue
                }
                // XML declares its own encoding, which libxml2 honours from the original bytes.
                if let encoding = source.fallbackEncoding, format != .jats {
                    Output.diagnostic(.warning("import.encoding", "the file is not valid UTF-8; read as \(encoding)", at: source.location(line: 1, column: 1)))
                    summary.warnings += 1
                }
                var sink = StoreSink(writer: writer, resolver: resolver, format: format, file: source.file, actor: actor, quiet: quiet, summary: summary)
                defer { sink.diagnostics.flush() }
                try ParsePipeline.parse(source, with: importer, into: &sink)
                summary = sink.summary
            }
            for link in extraLinks {
                guard let referenceID = try writer.referenceID(forKey: link.reference) else {
                    Output.diagnostic(.error("link.unknown-reference", "no reference '\(link.reference)' for an evidence link", at: nil))
                    summary.errors += 1
                    continue
                }
                switch resolver.linkConcept(link, at: nil, entry: link.reference) {
                case .success(let concept):
                    try writer.upsertLink(link, referenceID: referenceID, conceptID: concept.id, actor: actor)
                    summary.links += 1
                case .failure(let diagnostic):
                    Output.diagnostic(diagnostic)
                    summary.errors += 1
                }
            }
            if !quiet { Output.endProgress() }
            let commit = !dryRun && !(strict && (summary.failed > 0 || summary.errors > 0))
            return (summary, commit)
        }
    }
}

/// Receives records from an importer and writes them to the store, printing diagnostics as they come.
struct StoreSink: ImportSink {
    let writer: ImportWriter
    let resolver: ConceptResolver
    let format: ImportFormat
    let file: String
    let actor: String
    let quiet: Bool
    var summary: ImportSummary
    /// Diagnostics waiting to be written; the runner flushes it when the file is done.
    var diagnostics = DiagnosticBuffer()
    private var lastProgress = Date()

    init(writer: ImportWriter, resolver: ConceptResolver, format: ImportFormat, file: String, actor: String, quiet: Bool, summary: ImportSummary) {
        self.writer = writer
        self.resolver = resolver
        self.format = format
        self.file = file
        self.actor = actor
        self.quiet = quiet
        self.summary = summary
    }

    mutating func accept(_ record: ImportedRecord) throws {
        try accept(record, prepared: nil)
    }

    /// Stores a record; `prepared` is `PreparedRecord(record.reference)` when it was made ahead.
    mutating func accept(_ record: ImportedRecord, prepared: PreparedRecord?) throws {
        let result = try writer.upsert(record.reference, file: file, format: format.rawValue, line: record.location.line, prepared: prepared)
        summary.records += 1
        switch result.outcome {
        case .inserted: summary.inserted += 1
        case .updated: summary.updated += 1
        case .unchanged: summary.unchanged += 1
        }
        if let old = result.renamedFrom {
            diagnose(.warning("store.key-taken", "citation key '\(old)' is taken by a different work; stored as '\(result.citationKey)'", at: record.location, entry: old))
        }
        for link in record.evidence {
            switch resolver.linkConcept(link, at: record.location, entry: result.citationKey) {
            case .success(let concept):
                try writer.upsertLink(link, referenceID: result.id, conceptID: concept.id, actor: actor)
                summary.links += 1
            case .failure(let diagnostic):
                diagnose(diagnostic)
            }
        }
        if !record.cites.isEmpty {
            var citedIDs: [Int64] = []
            for cited in record.cites {
                let citedResult = try writer.upsert(cited, file: file, format: format.rawValue, line: record.location.line, isMember: false)
                citedIDs.append(citedResult.id)
                summary.cited += 1
            }
            try writer.setCitations(from: result.id, to: citedIDs)
        }
        if !quiet, summary.records % 1000 == 0, Date().timeIntervalSince(lastProgress) > 0.2 {
            lastProgress = Date()
            diagnostics.flush()
            Output.progress("importing \(file): \(summary.records) records")
        }
    }

    mutating func diagnose(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error: summary.errors += 1
        case .warning: summary.warnings += 1
        case .note: break
        }
        diagnostics.append(diagnostic)
    }

    mutating func countFailed() { summary.failed += 1 }
    mutating func countSkipped() { summary.skipped += 1 }
}

extension ConceptResolver {
    /// The concept an evidence link names, or the error diagnostic that says why it names none.
    func linkConcept(_ link: EvidenceLink, at location: SourceLocation?, entry: String) -> Result<Concept, Diagnostic> {
        switch resolve(link.concept) {
        case .concept(let concept):
            return .success(concept)
        case .ambiguous(let concepts):
            let ids = concepts.map(\.id).joined(separator: ", ")
            return .failure(.error("link.ambiguous-concept", "concept '\(link.concept)' is ambiguous: \(ids)", at: location, entry: entry))
        case .unknown(let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
            return .failure(.error("link.unknown-concept", "unknown concept '\(link.concept)'\(hint)", at: location, entry: entry))
        }
    }
}
