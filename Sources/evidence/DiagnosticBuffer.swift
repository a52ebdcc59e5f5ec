import CitationModel
import Foundation

/// Diagnostics collected and written to standard error in blocks rather than one `write` each: a large import
/// (glottolog's 18,000 warnings) would otherwise spend a system call per line. Lines keep their order; the owner
/// calls `flush()` before anything else goes to standard error (a progress line, a later file) and at the end.
struct DiagnosticBuffer {
    /// The lines waiting, as UTF-8.
    private var bytes: [UInt8] = []
    /// Written once this many bytes are waiting.
    private static let limit = 64 * 1024

    /// Adds one diagnostic line, writing the block when it is full.
    mutating func append(_ diagnostic: Diagnostic) {
        diagnostic.append(to: &bytes)
        bytes.append(0x0A)
        if bytes.count >= Self.limit { flush() }
    }

    /// Writes what is waiting (clearing a progress line first).
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        Output.endProgress()
        FileHandle.standardError.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}
