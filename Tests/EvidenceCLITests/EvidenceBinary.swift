import Foundation

/// Runs the built `evidence` executable as a user would, in a private data folder.
struct EvidenceBinary {
    /// The result of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable next to the test bundle (`.build/<config>/evidence`).
    static let url: URL = {
        var candidates: [URL] = []
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("evidence"))
            folder = folder.deletingLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/evidence"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// A fresh home for the default store (`XDG_DATA_HOME`) and scratch files.
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// The default store's path in this home.
    var defaultStore: String { home.appendingPathComponent("data/evidence/evidence.sqlite").path }

    /// Runs `evidence` with `arguments`, from `home` as working directory unless given.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "EVIDENCE_STORE")
        environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        environment["COLUMNS"] = "100"
        environment["EVIDENCE_CURATOR"] = "cli-test"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = directory ?? home
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func remove() { try? FileManager.default.removeItem(at: home) }
}
