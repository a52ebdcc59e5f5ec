import CitationModel
import EvidenceStore
import Foundation
import Importers

/// A bounded queue of event batches between the parsing thread and the storing one.
final class RecordChannel: @unchecked Sendable {
    /// What an importer told its sink.
    enum Event: Sendable {
        /// A record, with the store's share of the work done on the parsing thread.
        case record(ImportedRecord, PreparedRecord)
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

    /// The parser is done (with its error, if it failed).
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

/// The importer's sink on the parsing thread: collects events, prepares each record for the store (CSL-JSON text
/// and columns, see `PreparedRecord`), and hands them over every `batchSize` events.
struct ChannelSink: ImportSink {
    let channel: RecordChannel
    private var pending: [RecordChannel.Event] = []
    private static let batchSize = 256

    init(channel: RecordChannel) { self.channel = channel }

    mutating func accept(_ record: ImportedRecord) throws {
        pending.append(.record(record, PreparedRecord(record.reference)))
        if pending.count >= Self.batchSize { try send() }
    }

    mutating func diagnose(_ diagnostic: Diagnostic) { pending.append(.diagnostic(diagnostic)) }
    mutating func countFailed() { pending.append(.failed) }
    mutating func countSkipped() { pending.append(.skipped) }

    /// Hands over what is waiting.
    mutating func send() throws {
        guard !pending.isEmpty else { return }
        try channel.push(pending)
        pending = []
    }
}
