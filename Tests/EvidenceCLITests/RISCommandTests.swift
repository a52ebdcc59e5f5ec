import Foundation
import Testing

/// `evidence import` and `evidence export --format ris [--crlf]` on RIS and MEDLINE files, run as a user runs them.
@Suite struct RISCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ImportersTests/Fixtures")

    /// The built `evidence` next to the test bundle.
    static var binary: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !url.path.isEmpty && url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("evidence").path) {
            url = url.deletingLastPathComponent()
        }
        return url.appendingPathComponent("evidence")
    }

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    /// Runs `evidence` with a store in a new folder; returns exit status, standard output and standard error.
    static func run(_ arguments: [String], store: URL) throws -> (Int32, Data, String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--store", store.path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, data, text)
    }

    @Test(.enabled(if: binaryExists))
    func importsRISAndMEDLINEByContentAndExportsRISWithCRLF() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ris-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store.sqlite")
        // A MEDLINE file saved as .ris is still read as MEDLINE.
        let misnamed = folder.appendingPathComponent("pubmed-export.ris")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("nbib/pubmed.nbib"), to: misnamed)
        let (status, output, errors) = try Self.run(["import", Self.fixtures.appendingPathComponent("ris/authors.ris").path, misnamed.path], store: store)
        #expect(status == 0, "\(errors)")
        #expect(String(decoding: output, as: UTF8.self).contains("4 records from 2 files"))
        #expect(errors.contains("pubmed-export.ris:50:1: warning: [nbib.invalid-pmid] 'abc' is not a PMID"))

        let (exportStatus, ris, _) = try Self.run(["export", "--format", "ris", "--crlf"], store: store)
        #expect(exportStatus == 0)
        let text = String(decoding: ris, as: UTF8.self)
        #expect(text.components(separatedBy: "\r\n").filter { $0.hasPrefix("TY  - ") }.count == 4)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("AU  - Shannon, Claude E.\r\n"))
        #expect(text.contains("AN  - PMID: 33000001\r\n"))

        let (misuse, _, usage) = try Self.run(["export", "--format", "csljson", "--crlf"], store: store)
        #expect(misuse == 2, "\(usage)")
        #expect(usage.contains("--crlf applies to --format ris only"))
    }
}
