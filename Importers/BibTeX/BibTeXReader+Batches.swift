import CitationModel

/// Batches: entries are mapped a batch at a time, and what the sink hears is buffered and replayed in source order.
///
/// Reading is a pipeline over two threads when a core is free (`CoreBudget`): while a worker maps batch k, the reading
/// thread splits batch k+1, then helps map what is left of batch k, starts the worker on batch k+1 and replays batch k
/// into the sink. Both threads take chunks of a batch from a shared counter, so neither waits while the other has
/// work. When every core is busy reading a file, the reading thread maps each batch itself.
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
        next?.startWorker()
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

    mutating func accept(_ record: consuming ImportedRecord) {}
    mutating func diagnose(_ diagnostic: Diagnostic) { events.append(.diagnostic(diagnostic)) }
    mutating func countFailed() { events.append(.failed) }
    mutating func countSkipped() { events.append(.skipped) }
}
