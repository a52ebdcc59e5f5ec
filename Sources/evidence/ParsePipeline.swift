import CitationModel
import Foundation
import EvidenceStore
import Importers

/// Reading and parsing on other threads while this one stores.
///
/// Each input is read, decoded and parsed on one of up to `threads` parsing threads, which take the inputs in order,
/// one at a time, and hand what they read over through the input's own `RecordChannel`. This thread replays the
/// inputs one after the other, each input's records, diagnostics and counts in exactly the order its importer
/// produced them, so the result is the same as parsing and storing in turn. With two cores, a large import costs
/// about the larger of parsing and storing instead of their sum, and a folder of small files is parsed ahead while
/// the earlier ones are stored. At most `RecordChannel.capacity` batches wait per input and one input per parsing
/// thread is read ahead, so memory stays flat.
final class ParsePipeline: @unchecked Sendable {
    private let channels: [RecordChannel]
    private let queue: InputQueue
    private let spent = SpentBatches()
    /// The inputs' size in bytes, or nil when one of them has no size known ahead (standard input, an unreadable file).
    let inputBytes: Int?

    /// Starts reading and parsing `inputs` (formats detected unless `forced`) on up to `threads` threads. The
    /// caller may open the store meanwhile, then replays the events with `drain`.
    init(_ inputs: [ImportInput], forcing forced: ImportFormat?, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        AllocatorTuning.forRecordsFreedAcrossThreads()
        inputBytes = inputs.reduce(0 as Int?) { total, input in total.flatMap { sum in input.byteCount.map { sum + $0 } } }
        let channels = inputs.map { _ in RecordChannel() }
        let queue = InputQueue(count: inputs.count)
        let spent = spent
        self.channels = channels
        self.queue = queue
        for _ in 0..<min(max(1, threads), inputs.count) {
            let thread = Thread {
                while let index = queue.next() {
                    Self.parse(inputs[index], forcing: forced, into: channels[index], spent: spent)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit { stop() }

    /// Calls `event` for each event of each input and `end` after each input, on this thread and in input order.
    /// An error thrown here stops the parsing threads (each ends at its next hand-over) and is rethrown; so is an
    /// error thrown by an importer, when its input's turn comes.
    func drain(event: (RecordChannel.Event) throws -> Void, end: () throws -> Void) throws {
        defer { stop() }
        for channel in channels {
            while let batch = try channel.next() {
                for item in batch { try event(item) }
                spent.give(batch)
            }
            try end()
        }
    }

    /// Stops handing out inputs and ends the parsing threads at their next hand-over.
    func stop() {
        queue.stop()
        channels.forEach { $0.cancel() }
    }

    /// Reads, decodes and parses one input into its channel.
    private static func parse(_ input: ImportInput, forcing forced: ImportFormat?, into channel: RecordChannel, spent: SpentBatches) {
        var sink = ChannelSink(channel: channel, spent: spent)
        do {
            let opening = input.open(forcing: forced)
            sink.open(opening)
            if case .readable(let source, let format) = opening, let importer = format.importer {
                try importer.parse(source, into: &sink)
            }
            try sink.send()
            channel.finish(throwing: nil)
        } catch {
            channel.finish(throwing: error)
        }
    }
}

/// The inputs not yet taken by a parsing thread, handed out in order.
private final class InputQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(count: Int) { self.count = count }

    /// The index of the next input to parse; nil when all are taken or the import has stopped.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// Hands out no more inputs.
    func stop() {
        lock.lock()
        nextIndex = count
        lock.unlock()
    }
}
