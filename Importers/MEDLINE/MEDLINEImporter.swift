import CitationModel

/// Reads PubMed's MEDLINE display format (`.nbib`), as PubMed's "Send to > Citation manager" writes it.
///
/// NLM, "MEDLINE/PubMed Data Element (Field) Descriptions": each line is a tag of up to four characters padded to
/// four, a hyphen, a space and the value (`PMID- 30922926`, `TI  - Title`, `FAU - Smith, John`); a value runs on in
/// lines indented by six spaces. A record starts at `PMID-` and ends at a blank line. A line with a tag of another
/// shape inside a record is read as a continuation (tolerant of re-wrapped files); text before the first record is
/// header text and skipped. Like the RIS reader this works on bytes and builds strings only for values.
public struct MEDLINEImporter: Importer {
    public init() {}

    public var format: ImportFormat { .nbib }

    public func parse<Sink: ImportSink>(_ source: SourceText, into sink: inout Sink) throws {
        let bytes = source.bytes
        let starts = source.lineStarts
        var mapper = MEDLINERecordMapper(file: source.file)
        var fields: [MEDLINEField] = []
        var recordLine = 0
        var inHeader = false
        var records = 0
        var contentLine = 0

        func finish(_ sink: inout Sink) throws {
            guard !fields.isEmpty else { return }
            let (record, diagnostics) = mapper.map(fields, line: recordLine)
            fields.removeAll(keepingCapacity: true)
            for diagnostic in diagnostics { sink.diagnose(diagnostic) }
            records += 1
            try sink.accept(record)
        }

        for index in 0..<starts.count {
            let lineStart = starts[index]
            let lineEnd = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
            var position = lineStart
            while position < lineEnd, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            if position == lineEnd {
                try finish(&sink)
                continue
            }
            if contentLine == 0 { contentLine = index + 1 }
            if position == lineStart, let (tag, valueStart) = Self.tag(bytes, at: lineStart, end: lineEnd) {
                if tag == "PMID" { try finish(&sink) }
                if fields.isEmpty {
                    recordLine = index + 1
                    inHeader = false
                }
                fields.append(MEDLINEField(tag: tag, first: RISText.string(bytes, from: valueStart, to: lineEnd), line: index + 1, column: 1))
            } else if !fields.isEmpty {
                fields[fields.count - 1].continuation.append(RISText.string(bytes, from: position, to: lineEnd))
            } else if !inHeader {
                inHeader = true
                sink.countSkipped()
            }
        }
        try finish(&sink)
        if records == 0 && contentLine > 0 {
            sink.diagnose(.error("nbib.no-records", "no MEDLINE records: no line starts with 'PMID- '", at: source.location(line: contentLine, column: 1)))
            sink.countFailed()
        }
    }

    /// The tag of a MEDLINE line and where its value starts: up to four capitals or digits, padded with spaces to
    /// four, then `- ` (or `-` at the end of the line).
    static func tag(_ bytes: SourceBytes, at start: Int, end: Int) -> (String, Int)? {
        guard end - start >= 5, bytes[start + 4] == 0x2D, (0x41...0x5A).contains(bytes[start]) else { return nil }
        guard start + 5 == end || bytes[start + 5] == 0x20 else { return nil }
        var tagEnd = start + 1
        while tagEnd < start + 4 {
            let byte = bytes[tagEnd]
            if byte == 0x20 { break }
            guard (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) else { return nil }
            tagEnd += 1
        }
        for padding in tagEnd..<(start + 4) where bytes[padding] != 0x20 { return nil }
        return (String(decoding: bytes[start..<tagEnd], as: UTF8.self), min(start + 6, end))
    }
}
