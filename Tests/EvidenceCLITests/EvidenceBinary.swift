import Foundation

/// Runs the built `evidence` executable in a child process with its own default store.
struct EvidenceBinary {
    /// The executable: next to the test bundle (or in a folder above it), else in the package's `.build/debug`.
    static let url: URL = {
        var folder = Bundle.main.bundleURL.deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("evidence")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/evidence")
    }()

    /// A temporary XDG_DATA_HOME, so each test has its own fresh default store.
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    var storePath: String { home.appendingPathComponent("evidence/evidence.sqlite").path }

    func cleanUp() { try? FileManager.default.removeItem(at: home) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The child's environment: no EVIDENCE_STORE, XDG_DATA_HOME in the temporary folder, a fixed curator and width.
    func environment(curator: String = "test curator") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "EVIDENCE_STORE")
        environment["XDG_DATA_HOME"] = home.path
        environment["EVIDENCE_CURATOR"] = curator
        environment["COLUMNS"] = "100"
        return environment
    }

    /// Starts `evidence ARGS` and returns the running process with its output pipes.
    func start(_ arguments: [String], curator: String = "test curator") throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.url
        process.arguments = arguments
        process.environment = environment(curator: curator)
        process.currentDirectoryURL = home
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs `evidence ARGS` to the end.
    @discardableResult
    func run(_ arguments: String..., curator: String = "test curator") throws -> Result {
        try run(arguments, curator: curator)
    }

    func run(_ arguments: [String], curator: String = "test curator") throws -> Result {
        let (process, out, err) = try start(arguments, curator: curator)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes a file in the temporary folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Parses JSON output.
    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
}
