import CitationModel

/// Reads BibTeX and BibLaTeX files: the splitter's blocks, macros resolved, LaTeX decoded, fields mapped.
///
/// Every `@`-block is counted once: an entry is a record or a failed block (with an error diagnostic); `@string`,
/// `@preamble`, `@comment` and `@xdata` are skipped blocks. Records stream to the sink in batches of 256 (while a core
/// is free, one batch is mapped on a second thread while the next is split, then both threads share what is left;
/// records are delivered in source order), so memory stays flat; a file with a `crossref` or `xdata` field holds its
/// entries until the end, so parents may come in any order.
///
/// Keys: an entry without a key gets `familyYEARword` (`CitationKeyGenerator`) and a warning; a key already used in
/// the file is renamed `key-2` (`-3` ...) with a warning, so no record is lost.
public struct BibTeXImporter: Importer {
    public init() {}

    public var format: ImportFormat { .bibtex }

    public func parse<Sink: ImportSink>(_ source: SourceText, into sink: inout Sink) throws {
        var reader = BibTeXReader(source: source)
        try CoreBudget.shared.reading {
            try source.bytes.withUnsafeBufferPointer { buffer in
                try reader.read(buffer, into: &sink)
            }
        }
    }
}
