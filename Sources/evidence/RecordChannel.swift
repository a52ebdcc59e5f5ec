import CitationModel
import EvidenceStore
import Foundation
import Importers

/// A record on its way from a parsing thread to the storing one, with the store's share of the work done ahead.
///
/// A class, so handing it over and reading it retains one object instead of copying every field of the record; the
/// storing thread only reads it and returns it (see `SpentBatches`) so that it is freed on a parsing thread.
final class PendingRecord: Sendable {
    let record: ImportedRecord
    /// `PreparedRecord(record.reference)`.
    let prepared: PreparedRecord
    /// `PreparedRecord` of each of `record.cites`, in order.
    let preparedCites: [PreparedRecord]

    init(_ record: consuming ImportedRecord) {
        prepared = PreparedRecord(record.reference)
        preparedCites = record.cites.map(PreparedRecord.init)
        self.record = record
    }
}

/// A bounded queue of event batches from the parsing thread of one input to the storing thread.
final class RecordChannel: @unchecked Sendable {
    /// What the parsing side tells the storing side, in order.
    enum Event: Sendable {
        /// The input was read (or not): always the first event of a channel.
        case opened(ImportInput.Opening)
        case record(PendingRecord)
        case diagnostic(Diagnostic)
        case failed
        case skipped
    }

    /// How many batches may wait before the parser waits.
    static let capacity = 4
    // Every stored property below is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var batches: [[Event]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    /// Hands a batch over, waiting while the queue is full; throws once the consumer has stopped.
    func push(_ batch: [Event]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.capacity && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        batches.append(batch)
        condition.broadcast()
    }

    /// The parser is done with this input (with its error, if it failed).
    func finish(throwing error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer has stopped: the parser's next hand-over throws.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, in order; nil when the parser is done; the parser's error once the batches before it are out.
    func next() throws -> [Event]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }
}

/// Batches the storing thread has finished with, handed back so that a parsing thread frees them: freeing a record's
/// strings and arrays is a large share of the work per record, and the storing thread is the one that limits an import.
final class SpentBatches: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [[RecordChannel.Event]] = []

    /// Keeps a finished batch for a parsing thread to free.
    func give(_ batch: consuming [RecordChannel.Event]) {
        lock.lock()
        batches.append(batch)
        lock.unlock()
    }

    /// Frees the batches given back so far, on the calling thread.
    func free() {
        lock.lock()
        let spent = batches
        batches = []
        lock.unlock()
        _ = consume spent
    }
}

/// The importer's sink on a parsing thread: collects events, prepares each record for the store, and hands them
/// over every `batchSize` events (freeing spent batches while it is at it).
struct ChannelSink: ImportSink {
    let channel: RecordChannel
    let spent: SpentBatches
    private var pending: [RecordChannel.Event] = []
    private static let batchSize = 256

    init(channel: RecordChannel, spent: SpentBatches) {
        self.channel = channel
        self.spent = spent
    }

    mutating func accept(_ record: consuming ImportedRecord) throws {
        pending.append(.record(PendingRecord(record)))
        if pending.count >= Self.batchSize { try send() }
    }

    mutating func diagnose(_ diagnostic: Diagnostic) { pending.append(.diagnostic(diagnostic)) }
    mutating func countFailed() { pending.append(.failed) }
    mutating func countSkipped() { pending.append(.skipped) }

    /// Tells the consumer how the input opened.
    mutating func open(_ opening: ImportInput.Opening) { pending.append(.opened(opening)) }

    /// Hands over what is waiting.
    mutating func send() throws {
        spent.free()
        guard !pending.isEmpty else { return }
        try channel.push(pending)
        pending = []
    }
}
