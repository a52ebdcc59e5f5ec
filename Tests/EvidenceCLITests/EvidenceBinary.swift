import Foundation

/// Runs the built `evidence` executable as a user would, in a child process with its own default store.
struct EvidenceBinary {
    /// The result of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable next to the test bundle (or in a folder above it), else in the package's `.build/debug`.
    static let url: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("evidence")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/evidence")
    }()

    /// A temporary folder for scratch files; `XDG_DATA_HOME` is its `data` subfolder, so each test has its own
    /// fresh default store.
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// The default store's path in this home.
    var defaultStore: String { home.appendingPathComponent("data/evidence/evidence.sqlite").path }
    var storePath: String { defaultStore }

    func remove() { try? FileManager.default.removeItem(at: home) }
    func cleanUp() { remove() }

    /// The child's environment: no EVIDENCE_STORE, XDG_DATA_HOME in the temporary folder, a fixed curator and width.
    func environment(curator: String = "test curator", extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "EVIDENCE_STORE")
        environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        environment["EVIDENCE_CURATOR"] = curator
        environment["COLUMNS"] = "100"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Starts `evidence ARGS` and returns the running process with its input and output pipes.
    func start(
        _ arguments: [String], curator: String = "test curator", environment extra: [String: String] = [:], directory: URL? = nil
    ) throws -> (process: Process, stdin: Pipe, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = Self.url
        process.arguments = arguments
        process.environment = environment(curator: curator, extra: extra)
        process.currentDirectoryURL = directory ?? home
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, input, output, errors)
    }

    /// Runs `evidence ARGS` to the end.
    @discardableResult
    func run(_ arguments: String..., curator: String = "test curator") throws -> Result {
        try run(arguments, curator: curator)
    }

    /// Runs `evidence` with `arguments` to the end, with optional standard input, extra environment and working folder.
    @discardableResult
    func run(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:], directory: URL? = nil,
        curator: String = "test curator"
    ) throws -> Result {
        let (process, input, output, errors) = try start(arguments, curator: curator, environment: extra, directory: directory)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
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
