import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation
import Importers

extension ImportFormat: ExpressibleByArgument {}

/// `evidence import PATH...`: files, folders or `-` into the store, as one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import references from files, folders or standard input.",
        discussion: """
            The format is told from each file's content (override with --format). Folders are read recursively for files with a known extension. The whole run is one transaction. Diagnostics go to standard error as FILE:LINE:COL: error: [code] message; the summary goes to standard output.

            Exit status: 0 when every record imported (warnings allowed); 1 when any record failed (the good ones are kept, unless --strict); 2 for usage errors.

            Examples:
              evidence import library.json
              evidence import references/ --dry-run
              evidence export --format csljson | evidence --store copy.sqlite import -
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String]

    @Option(help: "auto, or one of: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "auto"

    @Flag(help: "Write nothing when any record fails.")
    var strict = false

    @Flag(help: "Read and report, write nothing.")
    var dryRun = false

    @Option(help: "Who is importing (recorded with links); default $EVIDENCE_CURATOR, git user.name or the login name.")
    var curator: String?

    func validate() throws {
        if format != "auto" && ImportFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)'; use auto or one of \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        // Every path is expanded first, so a missing one stops the import before anything is read.
        let inputs = try paths.flatMap { try Self.expand($0) }.map(ImportInput.path)
        // Reading and parsing start at once, while the store is opened (and, when new, created).
        let pipeline = ParsePipeline(inputs, forcing: ImportFormat(rawValue: format))
        let store = try storeOptions.open()
        let curator = self.curator
        let runner = ImportRunner(
            store: store, resolver: try storeOptions.resolver(store), actor: LazyName { Curator.name(curator) }, strict: strict, dryRun: dryRun,
            quiet: false)
        let summary = try runner.run(pipeline, description: "evidence import " + paths.joined(separator: " "))
        Output.line((dryRun ? "Dry run, nothing written: " : "Imported ") + summary.line)
        if strict && (summary.failed > 0 || summary.errors > 0) && !dryRun {
            Output.line("--strict: nothing was written because of the errors above.")
        }
        if summary.failed > 0 || summary.errors > 0 { throw CommandFailure(message: nil) }
    }

    /// A path's files: the path itself, `-`, or a folder's files with known extensions, sorted.
    static func expand(_ path: String) throws -> [String] {
        if path == "-" { return ["-"] }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure(message: "no such file or folder '\(path)'")
        }
        guard isFolder.boolValue else { return [path] }
        let extensions = ImportFormat.allCases.flatMap(\.fileExtensions)
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in walker where extensions.contains((relative as NSString).pathExtension.lowercased()) {
                files.append((path as NSString).appendingPathComponent(relative))
            }
        }
        // A folder with nothing to import is a mistake worth saying, not an empty run that succeeds.
        guard !files.isEmpty else {
            let known = extensions.map { "." + $0 }.joined(separator: ", ")
            throw CommandFailure(message: "no file to import in the folder '\(path)' (looked for \(known))")
        }
        return files.sorted()
    }
}

/// Who is making a change: `--curator`, `$EVIDENCE_CURATOR`, git's user.name, or the login name.
enum Curator {
    static func name(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["EVIDENCE_CURATOR"], !name.isEmpty { return name }
        if let name = gitUserName(), !name.isEmpty { return name }
        return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    }

    private static func gitUserName() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "user.name"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
