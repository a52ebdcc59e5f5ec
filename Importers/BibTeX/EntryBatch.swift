import CitationModel
import Dispatch
import Foundation

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

    /// Starts a worker thread mapping chunks, when there are enough entries and a free core (`CoreBudget`; with one
    /// core, the reader holds it).
    func startWorker() {
        guard pending.count >= 32, CoreBudget.shared.takeFreeCore() else { return }
        hasWorker = true
        DispatchQueue.global().async {
            self.mapChunks()
            CoreBudget.shared.release()
            self.workerDone.signal()
        }
    }

    /// Maps the chunks not yet claimed, then waits for the worker; every result is then stored.
    func finish() {
        mapChunks()
        if hasWorker { workerDone.wait() }
        results.markFilled()
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
                var line = 0
                for index in range {
                    mapper.diagnostics = []
                    let reference = mapper.map(
                        type: pending[index].type, key: pending[index].key ?? "", fields: UnsafeBufferPointer(rebasing: fields[pending[index].fields]),
                        typeOffset: pending[index].start + 1)
                    results.store(index, reference, mapper.diagnostics, location: source.location(of: pending[index].start, after: &line))
                }
            }
        }
    }
}
