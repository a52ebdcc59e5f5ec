import CitationModel
import Foundation
import Importers

/// `evidence-bench parse FORMAT FILE...`: parses files with one importer and no store, and prints throughput.
///
/// Prints one line of `key=value` pairs (bytes, records, failed, skipped, seconds, mb_per_s, records_per_s,
/// peak_rss_mb) so the benchmark scripts can read it. Reading, decoding and parsing the files are timed, as the
/// peers' timers include opening and reading theirs (`Benchmarks/ris.sh`'s rispy script times `open` and `rispy.load`).
/// Several files are parsed as `evidence import` parses them: one per core at a time.
///
/// `evidence-bench dump FORMAT FILE...` prints every record (all fields, `extraFields` sorted), diagnostic and count
/// in order instead, so the output of two builds can be diffed when a change must not alter it.
struct CountingSink: ImportSink {
    var records = 0
    var failed = 0
    var skipped = 0
    var errors = 0
    mutating func accept(_ record: consuming ImportedRecord) { records += 1 }
    mutating func diagnose(_ diagnostic: Diagnostic) { if diagnostic.severity == .error { errors += 1 } }
    mutating func countFailed() { failed += 1 }
    mutating func countSkipped() { skipped += 1 }
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Writes every record, diagnostic and count, in the order the importer gives them.
struct DumpingSink: ImportSink {
    var output = ""
    mutating func accept(_ record: consuming ImportedRecord) {
        var reference = record.reference
        let extra = reference.extraFields.sorted { $0.key < $1.key }
        let csl = reference.csl.keys.sorted()
        reference.extraFields = [:]
        reference.csl = [:]
        output += "record at \(record.location)\n"
        dump(reference, to: &output)
        for (key, value) in extra { output += "  extra \(key) = \(value.debugDescription)\n" }
        for key in csl { output += "  csl \(key) = \(String(describing: record.reference.csl[key]!))\n" }
        flushIfLarge()
    }
    mutating func diagnose(_ diagnostic: Diagnostic) {
        output += "diagnostic \(diagnostic)\n"
        flushIfLarge()
    }
    mutating func countFailed() { output += "failed\n" }
    mutating func countSkipped() { output += "skipped\n" }
    mutating func flushIfLarge() {
        guard output.utf8.count > 1 << 20 else { return }
        FileHandle.standardOutput.write(Data(output.utf8))
        output = ""
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.count >= 3, arguments[0] == "dump", let format = ImportFormat(rawValue: arguments[1]), let importer = format.importer {
    var sink = DumpingSink()
    for path in arguments.dropFirst(2) {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        try importer.parse(SourceText(file: path, data: data), into: &sink)
    }
    FileHandle.standardOutput.write(Data(sink.output.utf8))
    exit(0)
}
guard arguments.count >= 3, arguments[0] == "parse", let format = ImportFormat(rawValue: arguments[1]), let importer = format.importer else {
    FileHandle.standardError.write(Data("usage: evidence-bench parse|dump csljson|bibtex|ris|nbib|jats FILE...\n".utf8))
    exit(2)
}
/// The files of a `parse` run, handed out one at a time to the parsing threads, and what they counted.
final class ParseRun: @unchecked Sendable {
    private let files: [String]
    private let lock = NSLock()
    private var next = 0
    private(set) var total = CountingSink()
    private(set) var failure: (any Error)?

    init(files: [String]) { self.files = files }

    /// The next file to parse, or nil when all are taken or one has failed.
    func take() -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard next < files.count, failure == nil else { return nil }
        next += 1
        return files[next - 1]
    }

    /// Adds what one thread counted.
    func finish(_ sink: CountingSink, failure: (any Error)?) {
        lock.lock()
        defer { lock.unlock() }
        total.records += sink.records
        total.failed += sink.failed
        total.skipped += sink.skipped
        total.errors += sink.errors
        if self.failure == nil { self.failure = failure }
    }
}

let files = Array(arguments.dropFirst(2))
// As `evidence import` sets it up (`ParsePipeline`).
AllocatorTuning.forRecordsFreedAcrossThreads()
let bytes = files.reduce(0) { total, path in total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) }
let run = ParseRun(files: files)
let start = DispatchTime.now()
// As `evidence import` parses its inputs (`ParsePipeline`): one file per core at a time, each read, decoded and parsed
// by its importer on its own thread; RIS maps on worker threads as well, and BibTeX does when a core is free.
DispatchQueue.concurrentPerform(iterations: min(files.count, ProcessInfo.processInfo.activeProcessorCount)) { _ in
    var sink = CountingSink()
    var failure: (any Error)?
    while failure == nil, let path = run.take(), let importer = format.importer {
        // As `evidence import` makes it: unvalidated for a format whose importer decodes the bytes itself (JATS).
        let raw = (try? SourceBytes(contentsOfFile: path)) ?? []
        do { try importer.parse(format.sourceText(file: path, bytes: raw), into: &sink) } catch { failure = error }
    }
    run.finish(sink, failure: failure)
}
if let failure = run.failure { throw failure }
let sink = run.total
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
print(
    String(
        format: "bytes=%d records=%d failed=%d skipped=%d errors=%d seconds=%.3f mb_per_s=%.1f records_per_s=%.0f peak_rss_mb=%.1f",
        bytes, sink.records, sink.failed, sink.skipped, sink.errors, seconds, Double(bytes) / 1e6 / seconds,
        Double(sink.records) / seconds, peakResidentMegabytes()))
