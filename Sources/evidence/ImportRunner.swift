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

/// Runs an import of several inputs as one store transaction and keeps the summary.
struct ImportRunner {
    let store: EvidenceStore
    let resolver: ConceptResolver
    /// Who is importing, asked for only when a record carries evidence links (finding git's user.name starts a process).
    let actor: LazyName
    /// With `strict`, any failed record or error rolls the whole run back.
    let strict: Bool
    /// With `dryRun`, nothing is written whatever happens.
    let dryRun: Bool
    /// No progress line.
    let quiet: Bool

    /// Input smaller than this is written in place even into a nearly empty store.
    ///
    /// A bulk load (`EvidenceStore.importRun`) has fixed costs: two journal-mode switches with their syncs, the
    /// stored rows indexed again, the search table re-created. They pay for themselves only when the run writes
    /// much more than the store holds: importing one record into a small store took 33-41 ms in bulk against
    /// 28-36 ms in place (`Benchmarks/perf.md`, session 4). The bundled seed (44 KB) is small too.
    static let smallInputBytes = 1 << 20

    /// Imports `inputs` (formats detected from content) and then `extraLinks` (links naming references by key). An
    /// input that cannot be read, or whose format cannot be told, counts as failed.
    func run(inputs: [ImportInput], extraLinks: [EvidenceLink] = [], description: String) throws -> ImportSummary {
        try run(ParsePipeline(inputs, forcing: nil), extraLinks: extraLinks, description: description)
    }

    /// Imports what `pipeline` reads (started earlier, so parsing overlaps opening the store), then `extraLinks`.
    func run(_ pipeline: ParsePipeline, extraLinks: [EvidenceLink] = [], description: String) throws -> ImportSummary {
        // nil lets the store decide (in bulk when it is nearly empty); input of unknown size (standard input) is not small.
        let bulk: Bool? = (pipeline.inputBytes ?? .max) < Self.smallInputBytes ? false : nil
        return try store.importRun(description: description, bulk: bulk) { writer in
            var sink = StoreSink(writer: writer, resolver: resolver, actor: actor, quiet: quiet)
            try pipeline.drain { event in
                switch event {
                case .opened(let opening): sink.open(opening)
                case .record(let pending): try sink.accept(pending)
                case .diagnostic(let diagnostic): sink.diagnose(diagnostic)
                case .failed: sink.countFailed()
                case .skipped: sink.countSkipped()
                }
            } end: {
                sink.diagnostics.flush()
            }
            var summary = sink.summary
            for link in extraLinks {
                guard let referenceID = try writer.referenceID(forKey: link.reference) else {
                    Output.diagnostic(.error("link.unknown-reference", "no reference '\(link.reference)' for an evidence link", at: nil))
                    summary.errors += 1
                    continue
                }
                switch resolver.linkConcept(link, at: nil, entry: link.reference) {
                case .success(let concept):
                    try writer.upsertLink(link, referenceID: referenceID, conceptID: concept.id, actor: actor.value)
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

/// A name found the first time it is asked for.
final class LazyName: @unchecked Sendable {
    private let find: () -> String
    private lazy var found = find()

    init(_ find: @escaping () -> String) { self.find = find }

    /// The name (found on first use, on the storing thread).
    var value: String { found }
}

/// Receives what the importers read and writes it to the store, printing diagnostics as they come.
struct StoreSink {
    let writer: ImportWriter
    let resolver: ConceptResolver
    let actor: LazyName
    let quiet: Bool
    /// The input being stored, and its format.
    private var file = ""
    private var format = ImportFormat.csljson
    var summary = ImportSummary()
    /// Diagnostics waiting to be written; the runner flushes it when an input is done.
    var diagnostics = DiagnosticBuffer()
    private var lastProgress = Date()

    init(writer: ImportWriter, resolver: ConceptResolver, actor: LazyName, quiet: Bool) {
        self.writer = writer
        self.resolver = resolver
        self.actor = actor
        self.quiet = quiet
    }

    /// Starts an input: counts it, or reports why it cannot be parsed.
    mutating func open(_ opening: ImportInput.Opening) {
        switch opening {
        case .unreadable(_, let message):
            diagnostics.flush()
            Output.error(message)
            summary.failed += 1
            summary.errors += 1
        case .unknownFormat(let file):
            diagnose(.error("import.unknown-format", "cannot tell the format of this file; give --format", at: SourceLocation(file: file, line: 1, column: 1)))
            summary.failed += 1
        case .readable(let source, let format):
            summary.files += 1
            file = source.file
            self.format = format
            if format.importer == nil {
                diagnose(.error("import.unsupported-format", "no \(format.displayName) importer is available yet", at: source.location(line: 1, column: 1)))
                summary.failed += 1
            } else if let encoding = source.fallbackEncoding, format != .jats {
                // XML declares its own encoding, which libxml2 honours from the original bytes.
                diagnose(.warning("import.encoding", "the file is not valid UTF-8; read as \(encoding)", at: source.location(line: 1, column: 1)))
            }
        }
    }

    /// Stores a record and the works it cites, with the store's share of the work done on the parsing thread.
    mutating func accept(_ pending: PendingRecord) throws {
        let location = pending.record.location
        let result = try writer.upsert(pending.record.reference, file: file, format: format.rawValue, line: location.line, prepared: pending.prepared)
        summary.records += 1
        switch result.outcome {
        case .inserted: summary.inserted += 1
        case .updated: summary.updated += 1
        case .unchanged: summary.unchanged += 1
        }
        if let old = result.renamedFrom {
            diagnose(.warning("store.key-taken", "citation key '\(old)' is taken by a different work; stored as '\(result.citationKey)'", at: location, entry: old))
        }
        for link in pending.record.evidence {
            switch resolver.linkConcept(link, at: location, entry: result.citationKey) {
            case .success(let concept):
                try writer.upsertLink(link, referenceID: result.id, conceptID: concept.id, actor: actor.value)
                summary.links += 1
            case .failure(let diagnostic):
                diagnose(diagnostic)
            }
        }
        if !pending.record.cites.isEmpty {
            var citedIDs: [Int64] = []
            citedIDs.reserveCapacity(pending.record.cites.count)
            for (cited, prepared) in zip(pending.record.cites, pending.preparedCites) {
                let citedResult = try writer.upsert(cited, file: file, format: format.rawValue, line: location.line, isMember: false, prepared: prepared)
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
