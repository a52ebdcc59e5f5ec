import CitationModel
import Foundation
import Importers

/// Paths and helpers shared by the RIS and MEDLINE tests.
enum RISTestSupport {
    /// `Tests/ImportersTests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `../shared/corpora/ris` next to the package root.
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora/ris")

    static var corporaExist: Bool { FileManager.default.fileExists(atPath: corpora.path) }

    /// A fixture's source text; the file name is the diagnostics' path.
    static func fixture(_ name: String) throws -> SourceText {
        let url = fixtures.appendingPathComponent(name)
        return SourceText(file: name, data: try Data(contentsOf: url))
    }

    /// Parses a fixture with the importer its content calls for.
    static func parse(_ name: String) throws -> CollectingSink {
        let source = try fixture(name)
        let format = ImportFormat.detect(bytes: source.bytes, fileName: name) ?? .ris
        return format.importer!.parseAll(source)
    }

    /// Parses text given inline.
    static func parse(ris text: String, file: String = "inline.ris") -> CollectingSink {
        RISImporter().parseAll(SourceText(file: file, text: text))
    }

    /// `(code, line)` of every diagnostic, in order.
    static func lines(_ sink: CollectingSink) -> [String] {
        sink.diagnostics.map { "\($0.severity.rawValue) \($0.code) \($0.location?.line ?? 0)" }
    }
}
