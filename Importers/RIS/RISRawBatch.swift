/// Records as the RIS reader finds them: fields as byte ranges of the source, with no string built yet.
///
/// The reader only finds where tags and values are; a worker reads the ranges as `RISField`s and maps them
/// (`RISBatchMapper`), so building strings happens on every core and the reader allocates nothing per record.
struct RISRawBatch: Sendable {
    /// One field: its tag, where it is, the bytes of its value on the tag's line (untrimmed) and its continuation
    /// lines (a range of `continuations`).
    struct Field: Sendable {
        var code: UInt16
        var line: Int
        var column: Int
        var start: Int
        var end: Int
        var continuationStart: Int
        var continuationEnd: Int
    }

    /// One record: the line of its `TY` and its fields (a range of `fields`).
    struct Record: Sendable {
        var line: Int
        var fieldStart: Int
        var fieldEnd: Int
    }

    var records: [Record] = []
    var fields: [Field] = []
    /// Byte ranges of continuation lines (untrimmed), each field's in a row.
    var continuations: [(start: Int, end: Int)] = []

    /// An empty batch with room for `records` records.
    init(capacity records: Int = 0) {
        guard records > 0 else { return }
        self.records.reserveCapacity(records)
        fields.reserveCapacity(records * 16)
    }

    /// Adds a field to the record being read.
    mutating func addField(code: UInt16, line: Int, column: Int, start: Int, end: Int) {
        let next = continuations.count
        fields.append(Field(code: code, line: line, column: column, start: start, end: end, continuationStart: next, continuationEnd: next))
    }

    /// Adds a continuation line to the last field (its continuations are the last ones added, so they stay in a row).
    mutating func addContinuation(start: Int, end: Int) {
        continuations.append((start, end))
        fields[fields.count - 1].continuationEnd = continuations.count
    }

    /// The fields of record `index`, read in place in `bytes` (the source) and `continuations` (this batch's).
    func fields(
        of index: Int, in bytes: UnsafeBufferPointer<UInt8>, continuations: UnsafeBufferPointer<(start: Int, end: Int)>,
        into result: inout [RISField]
    ) {
        let record = records[index]
        for fieldIndex in record.fieldStart..<record.fieldEnd {
            result.append(RISField(raw: fields[fieldIndex], bytes: bytes, continuations: continuations))
        }
    }
}
