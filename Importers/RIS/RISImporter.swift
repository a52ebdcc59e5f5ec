import CByteScan
import CitationModel
import Foundation

/// Reads RIS as the databases and reference managers write it, dialects and damage included.
///
/// RIS specification (2011), "Tag format": a line is a tag of two characters (a capital letter, then a capital or a
/// digit), two spaces, a hyphen, a space and the value; a record runs from `TY  - ` to `ER  - `. Tolerated, as
/// real exports need: one or more spaces before the hyphen and none after it, an `ER` with nothing after it,
/// empty tags, white space or a stray byte-order mark before a tag, header text before the first `TY` or between
/// records (Taylor & Francis, Cochrane, EndNote's `1.` numbering), blank lines anywhere, and a missing final `ER`.
/// A line that is not a tag continues the value before it. A record that does not start with `TY` is an error at
/// its first line, and reading resumes at the next `TY`. The reader works on the source's bytes and slices lines
/// by offset into `RISRawBatch`es of byte ranges; strings are built, and records mapped, on worker threads (`RISBatchMapper`).
public struct RISImporter: Importer {
    public init() {}

    public var format: ImportFormat { .ris }

    public func parse<Sink: ImportSink>(_ source: SourceText, into sink: inout Sink) throws {
        // The bytes are read in place, with no bounds check per byte: every offset read is below a line's end.
        let sourceBytes = source.bytes
        defer { withExtendedLifetime(sourceBytes) {} }
        let bytes = sourceBytes.unsafeBuffer
        var mapper = RISBatchMapper(source: source)
        var batch = RISRawBatch(capacity: RISBatchMapper.batchSize)
        var recordLine = 0
        var recordFields = 0
        var inRecord = false
        var skippingUntilType = false
        var inHeader = false
        /// A numbering line (`12.`) inside a record: a continuation, unless a `TY` or the end follows it.
        var pendingNumbering: (start: Int, end: Int)?
        var records = 0
        var failures = 0
        var contentLine = 0

        func finish(_ sink: inout Sink) throws {
            guard inRecord else { return }
            inRecord = false
            batch.records.append(RISRawBatch.Record(line: recordLine, fieldStart: recordFields, fieldEnd: batch.fields.count))
            records += 1
            if batch.records.count >= RISBatchMapper.batchSize {
                try mapper.submit(batch, into: &sink)
                batch = RISRawBatch(capacity: RISBatchMapper.batchSize)
            }
        }

        // Lines end at LF (the source's line ends are normalised); each is found with `memchr` as the reading goes,
        // so no table of line starts is made. `index` is the line's 0-based number.
        var index = 0
        var nextLineStart: Int? = 0
        while let lineStart = nextLineStart {
            let lineEnd = Self.lineEnd(in: bytes, from: lineStart)
            nextLineStart = lineEnd < bytes.count ? lineEnd + 1 : nil
            defer { index += 1 }
            var position = lineStart
            while position < lineEnd {
                let byte = bytes[position]
                if byte == 0x20 || byte == 0x09 {
                    position += 1
                } else if byte == 0xEF, position + 2 < lineEnd, bytes[position + 1] == 0xBB, bytes[position + 2] == 0xBF {
                    position += 3
                } else {
                    break
                }
            }
            if position == lineEnd { continue }
            if contentLine == 0 { contentLine = index + 1 }
            let tag = Self.tag(bytes, at: position, end: lineEnd)
            guard let (tagCode, valueStart) = tag else {
                // Not a tag: a continuation, or header text between records.
                if inRecord {
                    if let pending = pendingNumbering { batch.addContinuation(start: pending.start, end: pending.end) }
                    pendingNumbering = nil
                    if Self.isNumbering(bytes, from: position, to: lineEnd) {
                        pendingNumbering = (position, lineEnd)
                    } else if batch.fields.count > recordFields {
                        batch.addContinuation(start: position, end: lineEnd)
                    }
                } else if !skippingUntilType && !inHeader {
                    inHeader = true
                    sink.countSkipped()
                }
                continue
            }
            if tagCode == RISTag.TY.rawValue {
                try finish(&sink)
                pendingNumbering = nil
                skippingUntilType = false
                inHeader = false
                inRecord = true
                recordLine = index + 1
                recordFields = batch.fields.count
            } else if tagCode == RISTag.endCode {
                if let pending = pendingNumbering, inRecord { batch.addContinuation(start: pending.start, end: pending.end) }
                pendingNumbering = nil
                try finish(&sink)
                skippingUntilType = false
                inHeader = false
                continue
            } else if !inRecord {
                if !skippingUntilType {
                    skippingUntilType = true
                    failures += 1
                    // Deliver the records before it first, so diagnostics come in file order.
                    try mapper.flush(batch, into: &sink)
                    batch = RISRawBatch(capacity: RISBatchMapper.batchSize)
                    sink.diagnose(
                        .error(
                            "ris.missing-type", "record does not start with 'TY'; found '\(RISTag.text(tagCode))', skipped to the next 'TY'",
                            at: source.location(of: position)))
                    sink.countFailed()
                }
                continue
            }
            if let pending = pendingNumbering { batch.addContinuation(start: pending.start, end: pending.end) }
            pendingNumbering = nil
            // Some exporters (Rayyan) glue two fields on one line: `UR  - https://...     U2  - L2029880245`.
            var fieldTag = tagCode
            var fieldStart = position
            var valueFrom = valueStart
            while true {
                let glued = Self.gluedTag(bytes, from: valueFrom, end: lineEnd)
                batch.addField(code: fieldTag, line: index + 1, column: fieldStart - lineStart + 1, start: valueFrom, end: glued ?? lineEnd)
                guard let glued, let (nextTag, nextValue) = Self.tag(bytes, at: glued, end: lineEnd) else { break }
                fieldTag = nextTag
                fieldStart = glued
                valueFrom = nextValue
            }
        }
        try finish(&sink)
        try mapper.flush(batch, into: &sink)
        if records == 0 && failures == 0 && contentLine > 0 {
            var message = "no RIS records: no line starts with 'TY  - '"
            if let first = source.text.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) }), first.hasPrefix("FN ") {
                message += "; this is Web of Science tagged text, export it as RIS instead"
            }
            sink.diagnose(.error("ris.no-records", message, at: source.location(line: contentLine, column: 1)))
            sink.countFailed()
        }
    }

    /// Where the line that starts at `start` ends: the offset of its LF, or the end of the bytes.
    static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) else {
            return bytes.count
        }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The tag at `position` and where its value starts, when the line is a tag line: `XX  - value`, `XX - value`,
    /// `XX  -value`, `XX  -`, or a bare `ER`.
    static func tag(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> (UInt16, Int)? {
        guard end - position >= 2 else { return nil }
        let first = bytes[position]
        let second = bytes[position + 1]
        guard (0x41...0x5A).contains(first), (0x41...0x5A).contains(second) || (0x30...0x39).contains(second) else { return nil }
        var cursor = position + 2
        if cursor == end {
            return first == 0x45 && second == 0x52 ? (RISTag.endCode, end) : nil
        }
        let spaces = cursor
        while cursor < end, bytes[cursor] == 0x20 { cursor += 1 }
        guard cursor > spaces, cursor - spaces <= 4, cursor < end, bytes[cursor] == 0x2D else {
            // A bare `ER` followed only by white space.
            if first == 0x45 && second == 0x52, cursor == end { return (RISTag.endCode, end) }
            return nil
        }
        return (RISTag.code(first, second), cursor + 1)
    }

    /// Where a second tag starts inside a value, after two or more spaces (`...export     U2  - L20`); `TY` and `ER`
    /// are never taken as glued. Found 16 bytes at a time, in C (`evidence_ris_glued_tag`).
    static func gluedTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        guard end - start > 6, let base = bytes.baseAddress else { return nil }
        let found = evidence_ris_glued_tag(base, start, end)
        return found < 0 ? nil : found
    }

    /// `1.`, `12. `: EndNote's and Ovid's record numbering, in `bytes[start..<end]` (trailing spaces and tabs aside).
    static func isNumbering(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var end = end
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end - start >= 2, bytes[end - 1] == 0x2E else { return false }
        for index in start..<(end - 1) where !(0x30...0x39).contains(bytes[index]) { return false }
        return true
    }
}
