import CitationModel
import Testing

@testable import Importers

/// Batches are keyed in file order whichever is mapped first, and each is released to the reader once keyed.
@Suite struct RISBatchKeyerTests {
    /// A job for batch `number` whose records ask for `bases`, as a worker leaves it once mapped.
    func mappedJob(_ number: Int, _ bases: [String], keyer: RISBatchKeyer) -> RISBatchJob {
        let job = RISBatchJob(batch: RISRawBatch(), number: number, keyer: keyer)
        job.mapped = bases.map {
            MappedRecord(reference: Reference.blank, location: SourceLocation(file: "t.ris", line: 1, column: 1), diagnostics: [], keyBase: $0)
        }
        return job
    }

    func keys(_ job: RISBatchJob) -> [String?] { job.mapped.map { $0?.reference?.citationKey } }

    @Test func batchesMappedOutOfOrderAreKeyedInFileOrder() {
        let keyer = RISBatchKeyer(keys: CitationKeyMaker(expected: 8))
        let jobs = (0..<3).map { mappedJob($0, ["smith2020", "smith2020"], keyer: keyer) }
        keyer.mapped(jobs[2])
        keyer.mapped(jobs[1])
        #expect(jobs[2].done.wait(timeout: .now()) == .timedOut, "batch 2 waits for batch 0")
        #expect(keys(jobs[1]) == ["", ""], "an early batch is not keyed before its turn")
        keyer.mapped(jobs[0])
        #expect(keys(jobs[0]) == ["smith2020", "smith2020a"])
        #expect(keys(jobs[1]) == ["smith2020b", "smith2020c"])
        #expect(keys(jobs[2]) == ["smith2020d", "smith2020e"])
        for job in jobs { #expect(job.done.wait(timeout: .now()) == .success) }
    }
}
