import CitationModel

/// One record an importer read: the reference, where it starts, and what came with it.
public struct ImportedRecord: Sendable {
    public var reference: Reference
    /// Where the record starts in its file.
    public var location: SourceLocation
    /// Evidence links the record carried (CSL-JSON items exported by `evidence` carry theirs).
    public var evidence: [EvidenceLink]
    /// The works this record cites, in order (a JATS reference list); stored as citation-only works.
    public var cites: [Reference]

    public init(reference: Reference, location: SourceLocation, evidence: [EvidenceLink] = [], cites: [Reference] = []) {
        self.reference = reference
        self.location = location
        self.evidence = evidence
        self.cites = cites
    }
}

/// Where an importer sends what it reads, as soon as it has read it, so memory does not grow with the file.
public protocol ImportSink {
    /// A complete record, handed over (`consuming`: the importer does not keep it, so the receiver stores it
    /// without copying its strings and arrays). Throws only when the receiver cannot keep it (a store error), which
    /// ends the import.
    mutating func accept(_ record: consuming ImportedRecord) throws
    /// A diagnostic about the source.
    mutating func diagnose(_ diagnostic: Diagnostic)
    /// A block that should have been a record but was not imported (each with an error diagnostic of its own).
    mutating func countFailed()
    /// A block that is not a record (`@comment`, `@string`, `@preamble`, a header line), so every block is counted.
    mutating func countSkipped()
}

/// A parser of one file format into references.
///
/// Importers never see the store: they read a `SourceText` and hand records and diagnostics to a sink. They throw
/// only what the sink throws.
public protocol Importer: Sendable {
    var format: ImportFormat { get }
    func parse<Sink: ImportSink>(_ source: SourceText, into sink: inout Sink) throws
}

/// A sink that keeps everything in memory, for tests and small files.
public struct CollectingSink: ImportSink {
    public var records: [ImportedRecord] = []
    public var diagnostics: [Diagnostic] = []
    public var failed = 0
    public var skipped = 0

    public init() {}

    public mutating func accept(_ record: consuming ImportedRecord) { records.append(record) }
    public mutating func diagnose(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public mutating func countFailed() { failed += 1 }
    public mutating func countSkipped() { skipped += 1 }

    /// The references read, in order.
    public var references: [Reference] { records.map(\.reference) }
    /// Only the error diagnostics.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

extension Importer {
    /// Parses a whole source into memory.
    public func parseAll(_ source: SourceText) -> CollectingSink {
        var sink = CollectingSink()
        try? parse(source, into: &sink)
        return sink
    }
}
