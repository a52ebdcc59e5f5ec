import CitationModel
import Foundation
import Importers

/// Fixture and corpus access for the JATS tests.
enum JATSFixtures {
    /// `Tests/ImportersTests/Fixtures/jats`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/jats")

    /// `../shared/corpora/jats` next to the package root.
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpora/jats")

    static var corpusExists: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// Parses a fixture file. Every `parse` makes its source text as `evidence import` does for JATS
    /// (`SourceText(file:markup:)`: the bytes as read, not validated).
    static func parse(_ name: String) throws -> CollectingSink {
        let url = folder.appendingPathComponent(name)
        return JATSImporter().parseAll(SourceText(file: name, markup: try SourceBytes(contentsOfFile: url.path)))
    }

    /// Parses XML text given inline.
    static func parse(text: String, file: String = "inline.xml") -> CollectingSink {
        JATSImporter().parseAll(SourceText(file: file, markup: SourceBytes(text.utf8)))
    }

    /// Parses raw bytes.
    static func parse(bytes: [UInt8], file: String = "inline.xml") -> CollectingSink {
        JATSImporter().parseAll(SourceText(file: file, markup: SourceBytes(bytes)))
    }

    /// A minimal article around `meta` (inside article-meta) and `back`.
    static func article(meta: String = "", journal: String = "", back: String = "", attributes: String = "article-type=\"research-article\"") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">
        <article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" \(attributes)>
        <front>
        <journal-meta>\(journal)</journal-meta>
        <article-meta>
        \(meta)
        </article-meta>
        </front>
        <back>\(back)</back>
        </article>
        """
    }
}
