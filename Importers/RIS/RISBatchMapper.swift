import CitationModel
import Dispatch
import Foundation

/// Maps the record batches the reader hands over on worker threads while it reads on, and gives the records to
/// the sink in file order.
///
/// Turning fields into strings and mapping them to a `Reference` is most of the cost of a RIS import, and each record
/// maps on its own, so each full batch is mapped by a worker while the reader goes on with the next. There is one
/// worker fewer than there are cores (each a serial queue, batches handed out in turn), and the reader is the last
/// of the threads: when it must deliver a batch a worker is still mapping, it maps a later batch no worker has started
/// instead of waiting. With the global queue's two workers beside the reader, three threads shared two cores; two
/// threads on two cores parsed glottolog's RIS 7-15% faster (`Benchmarks/perf.md`, session 14). Up to three batches per
/// core are in flight. A batch no worker has started when it is due is mapped by the reader itself, so progress
/// never depends on a free thread. Citation keys, which depend on the records before, are assigned batch by batch in
/// file order (`RISBatchKeyer`) by the threads that map the batches, so the result is the same as a sequential reading
/// and the reader, which hands the records to the sink, does not make them. Memory stays bounded by the batches in
/// flight.
struct RISBatchMapper {
    /// Records per batch.
    static let batchSize = 512
    private let bytes: SourceBytes
    private let file: String
    private let inFlightLimit: Int
    /// Submitted batches, oldest first.
    private var inFlight: [RISBatchJob] = []
    private let keyer: RISBatchKeyer
    /// The number the next batch gets, its place in the file.
    private var nextNumber = 0
    /// The workers: one fewer than the cores, at least one.
    private let workers: [DispatchQueue]

    init(source: SourceText) {
        bytes = source.bytes
        file = source.file
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        inFlightLimit = min(16, 3 * cores)
        workers = (0..<max(1, cores - 1)).map { DispatchQueue(label: "evidence.ris-mapping.\($0)") }
        // A RIS record is rarely under 128 bytes; at most 65,536 keys are reserved.
        keyer = RISBatchKeyer(keys: CitationKeyMaker(expected: min(source.bytes.count / 128, 1 << 16)))
    }

    /// Hands over a full batch: a worker maps it; the oldest batch is delivered when too many are in flight.
    mutating func submit<Sink: ImportSink>(_ batch: RISRawBatch, into sink: inout Sink) throws {
        let job = makeJob(batch)
        let bytes = bytes
        let file = file
        workers[job.number % workers.count].async { if job.claim() { job.run(bytes: bytes, file: file) } }
        inFlight.append(job)
        if inFlight.count > inFlightLimit { try deliver(inFlight.removeFirst(), into: &sink) }
    }

    /// Maps what is pending (the batches in flight, then `batch`) and delivers it all.
    mutating func flush<Sink: ImportSink>(_ batch: RISRawBatch, into sink: inout Sink) throws {
        for job in inFlight { try deliver(job, into: &sink) }
        inFlight.removeAll()
        guard !batch.records.isEmpty else { return }
        try deliver(makeJob(batch), into: &sink)
    }

    /// A job for the next batch of the file.
    private mutating func makeJob(_ batch: RISRawBatch) -> RISBatchJob {
        defer { nextNumber += 1 }
        return RISBatchJob(batch: batch, number: nextNumber, keyer: keyer)
    }

    /// Delivers a batch's records, mapping it here first when no worker has started it (so the reader never waits
    /// for a free worker thread: it does the work itself). While a worker maps it, the reader maps the later batches
    /// no worker has started, one at a time, until it is done.
    private mutating func deliver<Sink: ImportSink>(_ job: RISBatchJob, into sink: inout Sink) throws {
        if job.claim() { job.run(bytes: bytes, file: file) }
        while job.done.wait(timeout: .now()) == .timedOut {
            // `claim` takes the batch for this thread, so the first batch it succeeds on is the one to map.
            guard let other = inFlight.first(where: { $0 !== job && $0.claim() }) else {
                job.done.wait()
                break
            }
            other.run(bytes: bytes, file: file)
        }
        var mapped: [MappedRecord?] = []
        swap(&mapped, &job.mapped)
        for index in mapped.indices where mapped[index] != nil {
            // Moved out of its slot to the sink: a record is some 600 bytes, and taking it out of the list first copied
            // it several times.
            for diagnostic in mapped[index]!.diagnostics { sink.diagnose(diagnostic) }
            try sink.accept(mapped[index]!.takeRecord())
        }
    }
}

/// One batch being mapped: run by whichever thread claims it first, read by the reader's thread only after `done`
/// is signalled.
final class RISBatchJob: @unchecked Sendable {
    let batch: RISRawBatch
    /// The batch's place in the file: it is keyed after the batches before it.
    let number: Int
    private let keyer: RISBatchKeyer
    private let lock = NSLock()
    private var claimed = false
    /// The mapped records, in order (optional so the reader can take each out of its slot).
    var mapped: [MappedRecord?] = []
    let done = DispatchSemaphore(value: 0)

    init(batch: RISRawBatch, number: Int, keyer: RISBatchKeyer) {
        self.batch = batch
        self.number = number
        self.keyer = keyer
    }

    /// Claims the job for the calling thread: true once, for the first thread that asks.
    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }

    /// Maps each record from its fields, read in place in the source's bytes, then hands the batch to the keyer,
    /// which keys it in file order and signals `done`.
    func run(bytes: SourceBytes, file: String) {
        var mapper = RISRecordMapper(file: file)
        var fields: [RISField] = []
        fields.reserveCapacity(32)
        var result: [MappedRecord?] = []
        result.reserveCapacity(batch.records.count)
        bytes.withUnsafeBufferPointer { bytes in
            batch.continuations.withUnsafeBufferPointer { continuations in
                for index in batch.records.indices {
                    batch.fields(of: index, in: bytes, continuations: continuations, into: &fields)
                    mapper.map(fields, line: batch.records[index].line, appendingTo: &result)
                    fields.removeAll(keepingCapacity: true)
                }
            }
        }
        swap(&mapped, &result)
        keyer.mapped(self)
    }
}

/// Gives the records of each batch their citation keys, batch after batch in file order. The thread that maps the
/// batch whose turn it is keys it, then every batch already mapped after it; a batch mapped before its turn waits
/// here, keyed later by that thread, while the thread that mapped it goes on. Each batch's `done` is signalled when it
/// is keyed. The batch whose turn it is is always being mapped by someone: a worker that has claimed it, or the
/// reader, which delivers the oldest batch in flight and maps it first when no worker has.
final class RISBatchKeyer: @unchecked Sendable {
    private let lock = NSLock()
    /// Read and written with `lock` held.
    private var keys: CitationKeyMaker
    /// The number of the next batch to key; read and written with `lock` held.
    private var next = 0
    /// Batches mapped before their turn, by number; read and written with `lock` held.
    private var early: [Int: RISBatchJob] = [:]

    init(keys: CitationKeyMaker) { self.keys = keys }

    /// Keys a mapped batch and the early ones that follow it when its turn has come; otherwise keeps it for later.
    func mapped(_ job: RISBatchJob) {
        lock.lock()
        defer { lock.unlock() }
        guard job.number == next else {
            early[job.number] = job
            return
        }
        var turn: RISBatchJob? = job
        while let batch = turn {
            for index in batch.mapped.indices where batch.mapped[index] != nil { batch.mapped[index]!.assignKey(&keys) }
            next += 1
            batch.done.signal()
            turn = early.removeValue(forKey: next)
        }
    }
}
