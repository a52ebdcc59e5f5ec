import CitationModel
import Foundation
import EvidenceStore
import Importers

/// Parsing on a second thread while this one stores: the importer runs on its own thread and hands what it reads
/// over in batches, and the caller replays them into its sink in the same order (records, diagnostics and counts
/// interleaved exactly as the importer produced them). With two cores, a large import then costs about the larger
/// of parsing and storing instead of their sum. At most `RecordChannel.capacity` batches wait, so memory stays flat.
enum ParsePipeline {
    /// Parses `source` with `importer` on another thread and replays everything into `sink` on this one. An error
    /// thrown by `sink` stops the parse (its thread ends at its next hand-over) and is rethrown here.
    static func parse(_ source: SourceText, with importer: any Importer, into sink: inout StoreSink) throws {
        let channel = RecordChannel()
        let thread = Thread {
            var producer = ChannelSink(channel: channel)
            do {
                try importer.parse(source, into: &producer)
                try producer.send()
                channel.finish(throwing: nil)
            } catch {
                channel.finish(throwing: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        defer { channel.cancel() }
        while var batch = try channel.next() {
            // Events are moved out (reversed, then popped) rather than copied: a copy retains every field of a record.
            batch.reverse()
            while let event = batch.popLast() {
                switch event {
                case .record(let record, let prepared): try sink.accept(record, prepared: prepared)
                case .diagnostic(let diagnostic): sink.diagnose(diagnostic)
                case .failed: sink.countFailed()
                case .skipped: sink.countSkipped()
                }
            }
        }
    }
}
