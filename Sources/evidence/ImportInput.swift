import CitationModel
import Foundation
import Importers

/// One thing to import: a path (a file, or `-` for standard input) read and decoded on a parsing thread, or text
/// already in memory (the bundled seed).
enum ImportInput: Sendable {
    case path(String)
    case source(SourceText, ImportFormat)

    /// What reading an input gave: its decoded text and format, or why there is nothing to parse.
    enum Opening: Sendable {
        case readable(SourceText, ImportFormat)
        /// The file could not be read (the message says why).
        case unreadable(file: String, message: String)
        /// Nothing in the file or its name tells its format.
        case unknownFormat(file: String)
    }

    /// The input's size in bytes without reading it, or nil when it is not known ahead (standard input, a file
    /// that cannot be read).
    var byteCount: Int? {
        switch self {
        case .source(let source, _):
            return source.bytes.count
        case .path(let file):
            guard file != "-" else { return nil }
            return (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int
        }
    }

    /// Reads and decodes the input; `forced` overrides format detection.
    func open(forcing forced: ImportFormat?) -> Opening {
        switch self {
        case .source(let source, let format):
            return .readable(source, format)
        case .path(let file):
            let source: SourceText
            do {
                source = file == "-" ? SourceText(file: file, data: FileHandle.standardInput.readDataToEndOfFile()) : try SourceText(contentsOfFile: file)
            } catch {
                return .unreadable(file: file, message: "cannot read '\(file)': \(error.localizedDescription)")
            }
            guard let format = forced ?? ImportFormat.detect(bytes: Array(source.rawBytes.prefix(4096)), fileName: file) else {
                return .unknownFormat(file: file)
            }
            return .readable(source, format)
        }
    }
}
