import CitationModel
import Dispatch
import Foundation

/// Maps the records a reader collects in batches, on every core, and hands them to the sink in file order.
///
/// Mapping fields to a `Reference` is most of the cost of a RIS import and each record maps on its own, so a batch
/// is split between the cores; citation keys, which depend on the records before, are then assigned in order, so the
/// result is the same as a sequential reading. Memory stays bounded by one batch.
struct RISBatchMapper {
    /// Records per batch.
    static let batchSize = 512
    private var pending: [(fields: [RISField], line: Int)] = []
    private var mappers: [RISRecordMapper]
    private var keys = CitationKeyMaker()

    init(file: String) {
        let workers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        mappers = Array(repeating: RISRecordMapper(file: file), count: workers)
        pending.reserveCapacity(Self.batchSize)
    }

    /// Adds one record's fields; maps and delivers the batch when it is full.
    mutating func add<Sink: ImportSink>(_ fields: [RISField], line: Int, into sink: inout Sink) throws {
        pending.append((fields, line))
        if pending.count >= Self.batchSize { try flush(into: &sink) }
    }

    /// Maps and delivers what is pending.
    mutating func flush<Sink: ImportSink>(into sink: inout Sink) throws {
        guard !pending.isEmpty else { return }
        let count = pending.count
        var results = [MappedRecord?](repeating: nil, count: count)
        let workers = mappers.count
        if workers > 1 && count >= 64 {
            let chunk = (count + workers - 1) / workers
            pending.withUnsafeBufferPointer { input in
                results.withUnsafeMutableBufferPointer { output in
                    mappers.withUnsafeMutableBufferPointer { mapperSlots in
                        let shared = SharedBuffers(input: input, output: output, mappers: mapperSlots)
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            let start = worker * chunk
                            let end = min(count, start + chunk)
                            guard start < end else { return }
                            for index in start..<end {
                                shared.output[index] = shared.mappers[worker].map(shared.input[index].fields, line: shared.input[index].line)
                            }
                        }
                    }
                }
            }
        } else {
            for index in 0..<count { results[index] = mappers[0].map(pending[index].fields, line: pending[index].line) }
        }
        pending.removeAll(keepingCapacity: true)
        for index in results.indices {
            guard var mapped = results[index].take() else { continue }
            mapped.assignKey(&keys)
            for diagnostic in mapped.diagnostics { sink.diagnose(diagnostic) }
            try sink.accept(mapped.record)
        }
    }
}

/// The buffers the workers of one batch share: each worker reads its own slice of `input`, writes the same slice
/// of `output`, and uses only its own mapper, so no two threads touch the same element.
private struct SharedBuffers: @unchecked Sendable {
    let input: UnsafeBufferPointer<(fields: [RISField], line: Int)>
    let output: UnsafeMutableBufferPointer<MappedRecord?>
    let mappers: UnsafeMutableBufferPointer<RISRecordMapper>
}
