import CitationModel
import Dispatch
import Foundation

/// Reads BibTeX and BibLaTeX files: the splitter's blocks, macros resolved, LaTeX decoded, fields mapped.
///
/// Every `@`-block is counted once: an entry is a record or a failed block (with an error diagnostic); `@string`,
/// `@preamble`, `@comment` and `@xdata` are skipped blocks. Records stream to the sink as they are read, except in a
/// file that uses `crossref` or `xdata`, whose entries are held until the end so parents may come in any order.
///
/// Keys: an entry without a key gets `familyYEARword` (`CitationKeyGenerator`) and a warning; a key already used in
/// the file is renamed `key-2` (`-3` ...) with a warning, so no record is lost.
public struct BibTeXImporter: Importer {
    public init() {}

    public var format: ImportFormat { .bibtex }

    public func parse<Sink: ImportSink>(_ source: SourceText, into sink: inout Sink) throws {
        var reader = BibTeXReader(source: source)
        try source.bytes.withUnsafeBufferPointer { buffer in
            try reader.read(buffer, into: &sink)
        }
    }
}

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
        var splitter = BibTeXSplitter(bytes: buffer)
        // Entries are mapped in batches (on two threads where there are two cores); everything the sink hears is
        // buffered with them and replayed in source order, so diagnostics and records keep their order.
        var events = EventBuffer()
        var pending: [Pending] = []
        pending.reserveCapacity(Self.batchSize)
        while let item = splitter.next() {
            switch item {
            case .failed(let start, let offset, let code, let message, let key):
                events.diagnose(.error(code, message, at: source.location(of: offset), entry: key ?? "line \(source.line(of: start))"))
                events.countFailed()
            case .block(let block):
                switch block.kind {
                case .comment:
                    events.countSkipped()
                case .preamble:
                    _ = resolve(block.fields[0], entry: nil, into: &events)
                    events.countSkipped()
                case .string:
                    let field = block.fields[0]
                    let value = resolve(field, entry: nil, into: &events)
                    macros[field.name] = Array(value.value)
                    events.countSkipped()
                case .entry:
                    let fields = block.fields.map { resolve($0, entry: block.key, into: &events) }
                    if block.type == "xdata" {
                        if let key = block.key { xdata[key.lowercased()] = BibTeXInheritance.Entry(type: block.type, key: block.key, fields: fields) }
                        events.countSkipped()
                    } else if holding {
                        held.append(BibTeXInheritance.Entry(type: block.type, key: block.key, fields: fields))
                        heldStarts.append(block.start)
                    } else {
                        events.events.append(.entry(pending.count))
                        pending.append(Pending(type: block.type, key: block.key, fields: fields, start: block.start))
                        if pending.count == Self.batchSize {
                            try flush(&events, &pending, into: &sink)
                        }
                    }
                }
            }
        }
        try flush(&events, &pending, into: &sink)
        guard holding else { return }
        let problems = BibTeXInheritance.resolve(&held, xdata: xdata)
        var problemsByEntry: [Int: [BibTeXInheritance.Problem]] = [:]
        for problem in problems { problemsByEntry[problem.entry, default: []].append(problem) }
        for (position, entry) in held.enumerated() {
            for problem in problemsByEntry[position] ?? [] {
                sink.diagnose(.warning(problem.code, problem.message, at: source.location(of: problem.offset), entry: entry.key))
            }
            try emit(type: entry.type, key: entry.key, fields: entry.fields, start: heldStarts[position], into: &sink)
        }
    }

    /// How many entries are mapped together.
    static let batchSize = 1024

    /// An entry read and resolved, waiting to be mapped.
    struct Pending: Sendable {
        var type: String
        var key: String?
        var fields: [ResolvedField]
        var start: Int
    }

    /// Maps the pending entries (in parallel when worth it) and replays the buffered events into the sink.
    private mutating func flush<Sink: ImportSink>(_ events: inout EventBuffer, _ pending: inout [Pending], into sink: inout Sink) throws {
        let mapped = Self.map(pending, file: source.file)
        for event in events.events {
            switch event {
            case .diagnostic(let diagnostic): sink.diagnose(diagnostic)
            case .failed: sink.countFailed()
            case .skipped: sink.countSkipped()
            case .entry(let index):
                let entry = pending[index]
                try settle(mapped[index].reference, diagnostics: mapped[index].diagnostics, key: entry.key, start: entry.start, into: &sink)
            }
        }
        events.events.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
    }

    /// The references of a batch, mapped on up to two threads.
    static func map(_ pending: [Pending], file: String) -> [(reference: Reference, diagnostics: [(offset: Int, code: String, message: String)])] {
        let results = MappedBatch(count: pending.count)
        let lanes = pending.count >= 64 && ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1
        let share = (pending.count + lanes - 1) / max(lanes, 1)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let range = (lane * share)..<min(pending.count, (lane + 1) * share)
            for index in range {
                var mapper = BibTeXEntryMapper(file: file)
                let entry = pending[index]
                let reference = mapper.map(type: entry.type, key: entry.key ?? "", fields: entry.fields, typeOffset: entry.start + 1)
                results.store(index, (reference, mapper.diagnostics))
            }
        }
        return results.values(pending.count)
    }

    /// Maps an entry, settles its key, and hands it to the sink.
    private mutating func emit<Sink: ImportSink>(type: String, key: String?, fields: [ResolvedField], start: Int, into sink: inout Sink) throws {
        var mapper = BibTeXEntryMapper(file: source.file)
        let reference = mapper.map(type: type, key: key ?? "", fields: fields, typeOffset: start + 1)
        try settle(reference, diagnostics: mapper.diagnostics, key: key, start: start, into: &sink)
    }

    /// Settles a mapped entry's key (generated when missing, renamed when taken), reports, and hands it to the sink.
    private mutating func settle<Sink: ImportSink>(
        _ mapped: Reference, diagnostics: [(offset: Int, code: String, message: String)], key: String?, start: Int, into sink: inout Sink
    ) throws {
        var reference = mapped
        let location = source.location(of: start)
        if let key {
            if let first = keys[key] {
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
        keys[reference.citationKey] = start
        for diagnostic in diagnostics {
            sink.diagnose(.warning(diagnostic.code, diagnostic.message, at: source.location(of: diagnostic.offset), entry: reference.citationKey))
        }
        try sink.accept(ImportedRecord(reference: reference, location: location))
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

    /// Expands macros and joins `#` pieces; an undefined macro is a warning and stays as its name.
    private func resolve<Sink: ImportSink>(_ field: BibTeXField, entry: String?, into sink: inout Sink) -> ResolvedField {
        if field.pieces.count == 1 {
            switch field.pieces[0] {
            case .text(let range), .number(let range):
                return ResolvedField(name: field.name, value: source.bytes[range], offset: field.nameOffset)
            case .macro:
                break
            }
        }
        var value: [UInt8] = []
        for piece in field.pieces {
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
        return ResolvedField(name: field.name, value: value[...], offset: field.nameOffset)
    }

    /// Whether the source mentions `crossref` or `xdata` (case-insensitive) anywhere, so entries must be held.
    static func mentionsInheritance(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index + 5 <= count {
            let byte = bytes[index] | 0x20
            if byte == 0x63, index + 8 <= count {  // crossref
                if bytes[index + 1] | 0x20 == 0x72, bytes[index + 2] | 0x20 == 0x6F, bytes[index + 3] | 0x20 == 0x73, bytes[index + 4] | 0x20 == 0x73,
                    bytes[index + 5] | 0x20 == 0x72, bytes[index + 6] | 0x20 == 0x65, bytes[index + 7] | 0x20 == 0x66
                {
                    return true
                }
            } else if byte == 0x78 {  // xdata
                if bytes[index + 1] | 0x20 == 0x64, bytes[index + 2] | 0x20 == 0x61, bytes[index + 3] | 0x20 == 0x74, bytes[index + 4] | 0x20 == 0x61 {
                    return true
                }
            }
            index += 1
        }
        return false
    }
}

/// What a reader told its sink, kept in order until the entries around it are mapped.
struct EventBuffer: ImportSink {
    enum Event {
        case diagnostic(Diagnostic)
        case failed
        case skipped
        /// The pending entry with this index.
        case entry(Int)
    }

    var events: [Event] = []

    mutating func accept(_ record: ImportedRecord) {}
    mutating func diagnose(_ diagnostic: Diagnostic) { events.append(.diagnostic(diagnostic)) }
    mutating func countFailed() { events.append(.failed) }
    mutating func countSkipped() { events.append(.skipped) }
}

/// Results written by two mapping threads, each to its own indices of a buffer allocated once (no Swift array is
/// accessed from two threads, so exclusivity holds).
private final class MappedBatch: @unchecked Sendable {
    typealias Result = (reference: Reference, diagnostics: [(offset: Int, code: String, message: String)])
    private let slots: UnsafeMutableBufferPointer<Result?>

    init(count: Int) {
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    /// Stores one result; each index is written by exactly one thread.
    func store(_ index: Int, _ value: Result) { slots[index] = value }

    func values(_ count: Int) -> [Result] { (0..<count).map { slots[$0]! } }
}
