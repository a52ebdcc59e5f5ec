import CitationModel
import Foundation

/// The state of reading one file: macros, keys seen, and entries held for inheritance.
struct BibTeXReader {
    let source: SourceText
    /// `@string` macros by lower-cased name; the month macros are predefined.
    private var macros: [String: [UInt8]]
    /// Keys used so far in this file, and the offset of the entry that used each first.
    private var keys: [String: Int] = [:]
    private var held: [BibTeXInheritance.Entry] = []
    private var heldStarts: [Int] = []
    private var xdata: [String: BibTeXInheritance.Entry] = [:]

    init(source: SourceText) {
        self.source = source
        var macros: [String: [UInt8]] = [:]
        for (name, number) in BibTeXVocabulary.monthMacros { macros[name] = Array(BibTeXVocabulary.monthFullNames[number - 1].utf8) }
        self.macros = macros
    }

    mutating func read<Sink: ImportSink>(_ buffer: UnsafeBufferPointer<UInt8>, into sink: inout Sink) throws {
        let holding = Self.mentionsInheritance(buffer)
        // Room for the keys up front (an entry is rarely under 256 bytes), so the table is not rehashed as it grows;
        // at most 65,536, so a file of large entries does not reserve far more than it uses.
        keys.reserveCapacity(min(buffer.count / 256, 1 << 16))
        var splitter = BibTeXSplitter(bytes: buffer)
        // Entries are mapped in batches (on two threads where there are two cores); everything the sink hears is
        // buffered with them and replayed in source order, so diagnostics and records keep their order.
        var events = EventBuffer()
        var pending: [Pending] = []
        pending.reserveCapacity(Self.batchSize)
        // The resolved fields of the batch's entries, one after another (`Pending.fields` is each entry's range).
        var batchFields: [ResolvedField] = []
        var flight: EntryBatch?
        // When the sink throws, the batch in flight is finished before the buffer goes, so its worker is done.
        defer { flight?.finish() }
        while let item = splitter.next() {
            switch item {
            case .failed(let start, let offset, let code, let message, let key):
                events.diagnose(.error(code, message, at: source.location(of: offset), entry: key ?? "line \(source.line(of: start))"))
                events.countFailed()
            case .block(var block):
                defer { splitter.recycle(&block.fields) }
                switch block.kind {
                case .comment:
                    events.countSkipped()
                case .preamble:
                    _ = resolve(block.fields[0], block.morePieces, in: buffer, entry: nil, into: &events)
                    events.countSkipped()
                case .string:
                    let field = block.fields[0]
                    let value = resolve(field, block.morePieces, in: buffer, entry: nil, into: &events)
                    macros[field.nameText] = value.withBytes { Array($0) }
                    events.countSkipped()
                case .entry where block.type == "xdata" || holding:
                    let fields = block.fields.map { resolve($0, block.morePieces, in: buffer, entry: block.key, into: &events) }
                    if block.type == "xdata" {
                        if let key = block.key { xdata[key.lowercased()] = BibTeXInheritance.Entry(type: block.type, key: block.key, fields: fields) }
                        events.countSkipped()
                    } else {
                        held.append(BibTeXInheritance.Entry(type: block.type, key: block.key, fields: fields))
                        heldStarts.append(block.start)
                    }
                case .entry:
                    let first = batchFields.count
                    for field in block.fields { batchFields.append(resolve(field, block.morePieces, in: buffer, entry: block.key, into: &events)) }
                    events.events.append(.entry(pending.count))
                    pending.append(Pending(type: block.type, key: block.key, fields: first..<batchFields.count, start: block.start))
                    if pending.count == (flight == nil ? Self.firstBatchSize : Self.batchSize) {
                        let batch = EntryBatch(events: events.events, pending: pending, fields: batchFields, source: source)
                        events.events.removeAll(keepingCapacity: true)
                        pending.removeAll(keepingCapacity: true)
                        batchFields = []
                        batchFields.reserveCapacity(batch.fields.count + batch.fields.count / 4)
                        try advance(to: batch, in: &flight, into: &sink)
                    }
                }
            }
        }
        try advance(to: EntryBatch(events: events.events, pending: pending, fields: batchFields, source: source), in: &flight, into: &sink)
        try advance(to: nil, in: &flight, into: &sink)
        guard holding else { return }
        let problems = BibTeXInheritance.resolve(&held, xdata: xdata, names: &splitter.names)
        var problemsByEntry: [Int: [BibTeXInheritance.Problem]] = [:]
        for problem in problems { problemsByEntry[problem.entry, default: []].append(problem) }
        for (position, entry) in held.enumerated() {
            for problem in problemsByEntry[position] ?? [] {
                sink.diagnose(.warning(problem.code, problem.message, at: source.location(of: problem.offset), entry: entry.key))
            }
            try emit(type: entry.type, key: entry.key, fields: entry.fields, start: heldStarts[position], into: &sink)
        }
    }

    /// Maps an entry, settles its key, and hands it to the sink.
    private mutating func emit<Sink: ImportSink>(type: String, key: String?, fields: [ResolvedField], start: Int, into sink: inout Sink) throws {
        var mapper = BibTeXEntryMapper(file: source.file)
        let reference = fields.withUnsafeBufferPointer { mapper.map(type: type, key: key ?? "", fields: $0, typeOffset: start + 1) }
        try settle(reference, diagnostics: mapper.diagnostics, key: key, start: start, location: source.location(of: start), into: &sink)
    }

    /// Settles a mapped entry's key (generated when missing, renamed when taken), reports, and hands it to the sink.
    mutating func settle<Sink: ImportSink>(
        _ reference: consuming Reference, diagnostics: [(offset: Int, code: String, message: String)], key: String?, start: Int,
        location: SourceLocation, into sink: inout Sink
    ) throws {
        if let key {
            // One hash for the common new key: the old offset, if any, is put back and the entry renamed.
            if let first = keys.updateValue(start, forKey: key) {
                keys[key] = first
                var suffix = 2
                while keys["\(key)-\(suffix)"] != nil { suffix += 1 }
                reference.citationKey = "\(key)-\(suffix)"
                sink.diagnose(
                    .warning(
                        "bibtex.duplicate-key", "duplicate citation key '\(key)' (first at line \(source.line(of: first))); imported as '\(reference.citationKey)'",
                        at: keyLocation(start), entry: reference.citationKey))
            }
        } else {
            let base = CitationKeyGenerator.key(for: reference)
            var candidate = base
            var letter: UInt8 = 0x61
            while keys[candidate] != nil {
                candidate = base + String(UnicodeScalar(letter))
                letter = letter == 0x7A ? 0x61 : letter + 1
                if letter == 0x61 { candidate = base + "-\(keys.count)" }
            }
            reference.citationKey = candidate
            sink.diagnose(.warning("bibtex.missing-key", "the entry has no citation key; using generated key '\(candidate)'", at: keyLocation(start), entry: candidate))
        }
        let settled = reference.citationKey
        if settled != key { keys[settled] = start }
        for diagnostic in diagnostics {
            sink.diagnose(.warning(diagnostic.code, diagnostic.message, at: source.location(of: diagnostic.offset), entry: settled))
        }
        try sink.accept(ImportedRecord(reference: consume reference, location: location))
    }

    /// Where an entry's key is (or should be): just after its opening delimiter.
    private func keyLocation(_ start: Int) -> SourceLocation {
        var index = start
        let bytes = source.bytes
        while index < bytes.count, bytes[index] != 0x7B, bytes[index] != 0x28 { index += 1 }
        index += 1
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 { index += 1 }
        return source.location(of: index)
    }

    /// Expands macros and joins `#` pieces (those after the first are in `morePieces`, the block's); an undefined
    /// macro is a warning and stays as its name.
    private func resolve<Sink: ImportSink>(
        _ field: BibTeXField, _ morePieces: [BibTeXValuePiece], in buffer: UnsafeBufferPointer<UInt8>, entry: String?, into sink: inout Sink
    ) -> ResolvedField {
        if field.value.rest.isEmpty {
            switch field.value.first {
            case .text(let range), .number(let range):
                return ResolvedField(nameReference: field.nameReference, storage: .source(UnsafeBufferPointer(rebasing: buffer[range])), offset: field.nameOffset)
            case .macro:
                break
            }
        }
        var value: [UInt8] = []
        for piece in field.value.pieces(morePieces) {
            switch piece {
            case .text(let range), .number(let range):
                value.append(contentsOf: source.bytes[range])
            case .macro(let range):
                let name = String(decoding: source.bytes[range], as: UTF8.self).lowercased()
                if let expansion = macros[name] {
                    value.append(contentsOf: expansion)
                } else {
                    sink.diagnose(.warning("bibtex.undefined-macro", "undefined macro '\(name)'; kept as text", at: source.location(of: range.lowerBound), entry: entry))
                    value.append(contentsOf: source.bytes[range])
                }
            }
        }
        return ResolvedField(nameReference: field.nameReference, storage: .owned(value), offset: field.nameOffset)
    }

    /// Whether the source has a `crossref` or `xdata` field (the name, case-insensitive, then `=`), so entries must
    /// be held until the end. A mention elsewhere (`api.crossref.org` in a URL) does not count. Jumps from `=` to
    /// `=` with `memchr` and looks at the word before each.
    static func mentionsInheritance(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var offset = 0
        while offset < count, let found = memchr(base + offset, 0x3D, count - offset) {
            let equals = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            var end = equals
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0A { end -= 1 }
            // Most names end in neither `f` nor `a`, which one test rules out.
            if end > 0 {
                let last = bytes[end - 1] | 0x20
                if last == 0x66, Self.endsWith(bytes, end, "crossref") { return true }
                if last == 0x61, Self.endsWith(bytes, end, "xdata") { return true }
            }
            offset = equals + 1
        }
        return false
    }

    /// Whether the bytes before `end` are `word` (ASCII, any case) preceded by a non-name byte.
    private static func endsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard end >= length else { return false }
        let start = end - length
        for index in 0..<length where bytes[start + index] | 0x20 != word.utf8Start[index] { return false }
        return start == 0 || !BibTeXSplitter.isFieldNameByte(bytes[start - 1]) || bytes[start - 1] == 0x7B
    }
}
