import CitationModel
import Dispatch
import Foundation

/// Batches: entries are mapped a batch at a time, on two threads where there are two cores, and what the sink hears
/// is buffered and replayed in source order.
extension BibTeXReader {
    /// How many entries are mapped together.
    static let batchSize = 1024

    /// An entry read and resolved, waiting to be mapped.
    struct Pending: Sendable {
        var type: String
        var key: String?
        var fields: [ResolvedField]
        var start: Int
    }

    /// Maps the pending entries (in parallel when worth it) and replays the buffered events into the sink.
    mutating func flush<Sink: ImportSink>(_ events: inout EventBuffer, _ pending: inout [Pending], into sink: inout Sink) throws {
        let mapped = Self.map(pending, file: source.file)
        for event in events.events {
            switch event {
            case .diagnostic(let diagnostic): sink.diagnose(diagnostic)
            case .failed: sink.countFailed()
            case .skipped: sink.countSkipped()
            case .entry(let index):
                let entry = mapped.take(index)
                try settle(entry.reference, diagnostics: entry.diagnostics, key: pending[index].key, start: pending[index].start, into: &sink)
            }
        }
        events.events.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
    }

    /// The references of a batch, mapped on up to two threads.
    static func map(_ pending: [Pending], file: String) -> MappedBatch {
        let results = MappedBatch(count: pending.count)
        let lanes = pending.count >= 64 && ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1
        let share = (pending.count + lanes - 1) / max(lanes, 1)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let range = (lane * share)..<min(pending.count, (lane + 1) * share)
            for index in range {
                var mapper = BibTeXEntryMapper(file: file)
                let entry = pending[index]
                let reference = mapper.map(type: entry.type, key: entry.key ?? "", fields: entry.fields, typeOffset: entry.start + 1)
                results.store(index, MappedEntry(reference: reference, diagnostics: mapper.diagnostics))
            }
        }
        results.markFilled()
        return results
    }
}

/// One mapped entry: the reference and the mapper's warnings (offset, code, message).
struct MappedEntry {
    var reference: Reference
    var diagnostics: [(offset: Int, code: String, message: String)]
}

/// Results written by two mapping threads, each to its own slots of a buffer allocated once (no Swift array is
/// accessed from two threads, so exclusivity holds), and moved out once each, without copies.
final class MappedBatch: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<MappedEntry>
    private var filled: [Bool]
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        filled = Array(repeating: false, count: count)
    }

    deinit {
        for index in 0..<count where filled[index] { (slots + index).deinitialize(count: 1) }
        slots.deallocate()
    }

    /// Stores one result; each index is written by exactly one thread. `filled` is set afterwards, on one thread.
    func store(_ index: Int, _ value: MappedEntry) { (slots + index).initialize(to: value) }

    /// Moves a result out; each index is taken once.
    func take(_ index: Int) -> MappedEntry {
        filled[index] = false
        return (slots + index).move()
    }

    /// Marks every slot as filled, after the mapping threads are done.
    func markFilled() { for index in 0..<count { filled[index] = true } }
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
