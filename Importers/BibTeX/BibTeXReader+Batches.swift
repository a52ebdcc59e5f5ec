import CitationModel
import Dispatch
import Foundation

/// Batches: entries are mapped a batch at a time, and what the sink hears is buffered and replayed in source order.
///
/// Reading is a pipeline over two threads: while a worker maps batch k, the reading thread splits batch k+1, then
/// helps map what is left of batch k, starts the worker on batch k+1 and replays batch k into the sink. Both threads
/// take chunks of a batch from a shared counter, so neither waits while the other has work.
extension BibTeXReader {
    /// How many entries are read together.
    static let batchSize = 256
    /// How many entries the first batch of a file has: few, so the worker starts mapping soon after the file does.
    static let firstBatchSize = 32

    /// An entry read and resolved, waiting to be mapped.
    struct Pending: Sendable {
        var type: String
        var key: String?
        /// The entry's fields in its batch's `fields`.
        var fields: Range<Int>
        var start: Int
    }

    /// Hands a full batch to the pipeline: finishes and replays the batch before it, and starts mapping this one.
    mutating func advance<Sink: ImportSink>(to next: EntryBatch?, in flight: inout EntryBatch?, into sink: inout Sink) throws {
        let current = flight
        current?.finish()
        next?.start(worker: Self.usesWorker)
        flight = next
        if let current { try replay(current, into: &sink) }
    }

    /// Replays a mapped batch's events into the sink, settling each entry's key.
    private mutating func replay<Sink: ImportSink>(_ batch: EntryBatch, into sink: inout Sink) throws {
        for event in batch.events {
            switch event {
            case .diagnostic(let diagnostic): sink.diagnose(diagnostic)
            case .failed: sink.countFailed()
            case .skipped: sink.countSkipped()
            case .entry(let index):
                try settle(
                    batch.results.takeReference(index), diagnostics: batch.results.takeDiagnostics(index), key: batch.pending[index].key,
                    start: batch.pending[index].start, location: batch.results.location(index), into: &sink)
            }
        }
    }

    /// Whether a second thread maps (there is more than one core).
    static let usesWorker = ProcessInfo.processInfo.activeProcessorCount > 1
}

/// One batch in the pipeline: its events in source order, its entries, and their mapped results.
///
/// `events` and `pending` are set on the reading thread before mapping starts and only read afterwards; each result
/// slot is written by the one thread that claimed its chunk; `finish()` returns once every slot is written.
final class EntryBatch: @unchecked Sendable {
    let events: [EventBuffer.Event]
    let pending: [BibTeXReader.Pending]
    /// The fields of every entry, one entry after another.
    let fields: [ResolvedField]
    let results: MappedBatch
    private let source: SourceText
    private let lock = NSLock()
    private var claimed = 0
    private let workerDone = DispatchSemaphore(value: 0)
    private var hasWorker = false

    /// Entries a thread claims at a time.
    private static let chunk = 16

    init(events: [EventBuffer.Event], pending: [BibTeXReader.Pending], fields: [ResolvedField], source: SourceText) {
        self.events = events
        self.pending = pending
        self.fields = fields
        self.source = source
        results = MappedBatch(count: pending.count)
    }

    /// Starts a worker thread mapping chunks, when there is a second core and enough entries.
    func start(worker: Bool) {
        guard worker, pending.count >= 32 else { return }
        hasWorker = true
        DispatchQueue.global().async {
            self.mapChunks()
            self.workerDone.signal()
        }
    }

    /// Maps the chunks not yet claimed, then waits for the worker; every result is then stored.
    func finish() {
        mapChunks()
        if hasWorker { workerDone.wait() }
        results.markFilled()
    }

    /// `source.location(of:)`, for offsets that only grow: the line is found by stepping forward from the line of the
    /// previous offset (`line`, 0-based; -1 for none), which for entries a few lines apart beats a binary search.
    static func location(of offset: Int, in source: SourceText, line: inout Int) -> SourceLocation {
        let starts = source.lineStarts
        if line < 0 || starts[line] > offset {
            line = source.line(of: offset) - 1
        } else {
            while line + 1 < starts.count, starts[line + 1] <= offset { line += 1 }
        }
        var column = 1
        let end = min(offset, source.bytes.count)
        source.bytes.withUnsafeBufferPointer { bytes in
            var index = starts[line]
            while index < end {
                if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
        }
        return source.location(line: line + 1, column: column)
    }

    private func claim() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard claimed < pending.count else { return nil }
        let range = claimed..<min(pending.count, claimed + Self.chunk)
        claimed = range.upperBound
        return range
    }

    private func mapChunks() {
        fields.withUnsafeBufferPointer { fields in
            var mapper = BibTeXEntryMapper(file: source.file)
            while let range = claim() {
                var line = -1
                for index in range {
                    mapper.diagnostics = []
                    let reference = mapper.map(
                        type: pending[index].type, key: pending[index].key ?? "", fields: UnsafeBufferPointer(rebasing: fields[pending[index].fields]),
                        typeOffset: pending[index].start + 1)
                    results.store(index, reference, mapper.diagnostics, location: Self.location(of: pending[index].start, in: source, line: &line))
                }
            }
        }
    }
}

/// Results written by two mapping threads, each to its own slots of a buffer allocated once (no Swift array is
/// accessed from two threads, so exclusivity holds), and moved out once each, without copies.
///
/// Each mapped entry is a reference and the mapper's warnings (offset, code, message), kept in two buffers so each
/// moves out whole.
final class MappedBatch: @unchecked Sendable {
    typealias Warnings = [(offset: Int, code: String, message: String)]
    private let references: UnsafeMutablePointer<Reference>
    private let warnings: UnsafeMutablePointer<Warnings>
    /// Where each entry starts (set with the reference, read any number of times).
    private let locations: UnsafeMutablePointer<SourceLocation>
    /// 0: empty; 1: both filled; 2: the reference taken; 3: both taken.
    private var filled: [UInt8]
    private let count: Int

    init(count: Int) {
        self.count = count
        references = .allocate(capacity: max(count, 1))
        warnings = .allocate(capacity: max(count, 1))
        locations = .allocate(capacity: max(count, 1))
        filled = Array(repeating: 0, count: count)
    }

    deinit {
        for index in 0..<count {
            if filled[index] == 1 { (references + index).deinitialize(count: 1) }
            if filled[index] == 1 || filled[index] == 2 { (warnings + index).deinitialize(count: 1) }
            if filled[index] != 0 { (locations + index).deinitialize(count: 1) }
        }
        references.deallocate()
        warnings.deallocate()
        locations.deallocate()
    }

    /// Stores one result; each index is written by exactly one thread. `filled` is set afterwards, on one thread.
    func store(_ index: Int, _ reference: consuming Reference, _ diagnostics: consuming Warnings, location: SourceLocation) {
        (references + index).initialize(to: reference)
        (warnings + index).initialize(to: diagnostics)
        (locations + index).initialize(to: location)
    }

    /// Where a result's entry starts.
    func location(_ index: Int) -> SourceLocation { locations[index] }

    /// Moves a result's reference out; each index is taken once, before its warnings.
    func takeReference(_ index: Int) -> Reference {
        filled[index] = 2
        return (references + index).move()
    }

    /// Moves a result's warnings out, after its reference.
    func takeDiagnostics(_ index: Int) -> Warnings {
        filled[index] = 3
        return (warnings + index).move()
    }

    /// Marks every slot as filled, after the mapping threads are done.
    func markFilled() { for index in 0..<count { filled[index] = 1 } }
}

/// What a reader told its sink, kept in order until the entries around it are mapped.
struct EventBuffer: ImportSink {
    enum Event {
        case diagnostic(Diagnostic)
        case failed
        case skipped
        /// The pending entry with this index.
        case entry(Int)
    }

    var events: [Event] = []

    mutating func accept(_ record: ImportedRecord) {}
    mutating func diagnose(_ diagnostic: Diagnostic) { events.append(.diagnostic(diagnostic)) }
    mutating func countFailed() { events.append(.failed) }
    mutating func countSkipped() { events.append(.skipped) }
}
