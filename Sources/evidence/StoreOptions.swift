import ArgumentParser
import BundledData
import CitationModel
import EvidenceStore
import Foundation
import Tagging

/// The global `--store PATH` option that every command takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: Self.storeHelp)
    var store: String?

    /// The help of `--store`, also used by the commands that declare the option themselves.
    static let storeHelp = ArgumentHelp(
        "The SQLite store to use (default: $EVIDENCE_STORE, else $XDG_DATA_HOME/evidence/evidence.sqlite).", valueName: "path")

    /// The path to use and whether it is the default store (which is seeded on creation).
    var location: (path: String, isDefault: Bool) {
        if let store { return (Self.expand(store), false) }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["EVIDENCE_STORE"], !path.isEmpty { return (Self.expand(path), false) }
        return (Self.defaultPath(environment), true)
    }

    /// `$XDG_DATA_HOME/evidence/evidence.sqlite`, or `~/.local/share/evidence/evidence.sqlite`.
    static func defaultPath(_ environment: [String: String]) -> String {
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return dataHome + "/evidence/evidence.sqlite"
    }

    static func expand(_ path: String) -> String { (path as NSString).expandingTildeInPath }

    /// Opens the store, creating it with the bundled frameworks when new; the default store is also seeded with the
    /// bundled evidence base when it is created.
    func open() throws -> EvidenceStore {
        let (path, isDefault) = location
        let store: EvidenceStore
        do {
            store = try EvidenceStore(path: path)
        } catch {
            throw CommandFailure(message: "cannot open the store '\(path)': \(error)")
        }
        if try !store.hasFrameworks() {
            try BundledEvidence.installFrameworks(into: store)
            if isDefault, try store.statistics().references == 0 {
                _ = try BundledEvidence.seed(store)
            }
        }
        return store
    }

    /// Opens the store for a command that only reads it: one connection, without the migrator, when the file
    /// exists with the current schema and a framework; otherwise as `open()` does (creating, migrating, installing
    /// the frameworks and seeding the default store as needed).
    func openForReading() throws -> EvidenceStore {
        let (path, _) = location
        if let store = EvidenceStore.reading(path: path) { return store }
        return try open()
    }

    /// The concept resolver over the store's frameworks.
    func resolver(_ store: EvidenceStore) throws -> ConceptResolver {
        ConceptResolver(frameworks: try store.frameworks())
    }
}

extension StoreOptions {
    /// The options for a `--store` value a command parsed itself: `for`, `map` and `gaps` declare `--store` as
    /// their own option rather than through an option group, which spares the argument parser the reflection of a
    /// nested type at every start.
    init(store: String?) {
        self.init()
        self.store = store
    }
}

/// The framework and seed evidence compiled into the binary from `Data/`.
enum BundledEvidence {
    /// The curator recorded for the bundled links.
    static let curator = "evidence (bundled seed)"

    /// Installs (or updates) every bundled framework.
    static func installFrameworks(into store: EvidenceStore) throws {
        for path in BundledFiles.paths(under: "frameworks") where path.hasSuffix(".json") {
            let source = SourceText(file: "Data/" + path, text: BundledFiles.text(at: path) ?? "")
            let (framework, diagnostics) = FrameworkFile.read(source)
            guard let framework else {
                diagnostics.forEach(Output.diagnostic)
                throw CommandFailure(message: "the bundled framework '\(path)' is invalid")
            }
            try store.install(framework)
        }
    }

    /// Loads the bundled key publications and their links into `store`; returns the import summary.
    static func seed(_ store: EvidenceStore) throws -> ImportSummary {
        try installFrameworks(into: store)
        let resolver = ConceptResolver(frameworks: try store.frameworks())
        var sources: [SourceText] = []
        for path in BundledFiles.paths(under: "evidence") where path.hasSuffix(".json") && path != "evidence/links.json" {
            sources.append(SourceText(file: "Data/" + path, text: BundledFiles.text(at: path) ?? ""))
        }
        var links: [EvidenceLink] = []
        var diagnostics: [Diagnostic] = []
        if let text = BundledFiles.text(at: "evidence/links.json") {
            let source = SourceText(file: "Data/evidence/links.json", text: text)
            if case .array(let nodes)? = (try? JSONParser.parse(text))?.kind {
                links = nodes.compactMap { EvidenceLink.fromJSON($0, reference: nil, file: source.file, diagnostics: &diagnostics) }
            }
        }
        let summary = try ImportRunner(store: store, resolver: resolver, actor: LazyName { curator }, strict: true, dryRun: false, quiet: true)
            .run(inputs: sources.map { .source($0, .csljson) }, extraLinks: links, description: "evidence seed (bundled key publications)")
        if !diagnostics.isEmpty || summary.failed > 0 {
            diagnostics.forEach(Output.diagnostic)
            throw CommandFailure(message: "the bundled evidence base did not load cleanly")
        }
        return summary
    }
}
