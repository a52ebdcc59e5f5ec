import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation
import Tagging

/// `evidence framework`: the principles, domains and competencies with their evidence counts.
struct FrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "Show the framework's principles, domains and competencies with evidence counts.",
        discussion: """
            Each count is the number of papers in the library with a confirmed link to the concept; a domain's count includes the papers linked to its competencies.

            Examples:
              evidence framework
              evidence framework --json
              evidence framework add my-framework.json
            """,
        subcommands: [Show.self, Add.self],
        defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the framework tree (the default).")

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Write the frameworks as JSON.")
        var json = false

        func run() throws {
            let store = try storeOptions.openForReading()
            let frameworks = try store.frameworks()
            let counts = try FrameworkCounts(frameworks: frameworks, store: store)
            if json {
                Output.write(JSONValue.array(frameworks.map { Self.json($0, counts: counts) }).serialized(pretty: true) + "\n")
                return
            }
            for framework in frameworks {
                Self.print(framework, counts: counts)
            }
        }

        static func print(_ framework: Framework, counts: FrameworkCounts) {
            var title = framework.title
            if let version = framework.version { title += " (version \(version))" }
            Output.line(title + "  [\(framework.id)]")
            var lines: [(label: String, count: Int)?] = []
            func row(_ concept: Concept, indent: String) {
                let code = (concept.code ?? "").padding(toLength: 4, withPad: " ", startingAt: 0)
                lines.append(("\(indent)\(code)\(concept.name)", counts.papers(for: concept)))
            }
            func heading(_ text: String) {
                lines.append(nil)
                lines.append((text, -1))
            }
            let principles = framework.concepts.filter { $0.kind == .principle }
            if !principles.isEmpty {
                heading("Principles (\(principles.count))")
                principles.forEach { row($0, indent: "  ") }
            }
            let domains = framework.concepts.filter { $0.kind == .domain }
            if !domains.isEmpty {
                let competencies = framework.concepts.filter { $0.kind == .competency }
                heading("Core competencies (\(competencies.count)) in \(domains.count) domains")
                for domain in domains {
                    row(domain, indent: "  ")
                    framework.children(of: domain).forEach { row($0, indent: "      ") }
                }
            }
            let countWidth = 11
            let labelWidth = min(Output.width - countWidth - 1, (lines.compactMap { $0?.count ?? -1 >= 0 ? $0?.label.count : nil }.max() ?? 20) + 2)
            for line in lines {
                guard let line else {
                    Output.line()
                    continue
                }
                guard line.count >= 0 else {
                    Output.line(line.label)
                    continue
                }
                let label = Output.truncate(line.label, labelWidth - 1).padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                let count = "\(line.count) paper\(line.count == 1 ? "" : "s")"
                Output.line(label + count.leftPadded(to: countWidth - 1))
            }
            Output.line()
        }

        static func json(_ framework: Framework, counts: FrameworkCounts) -> JSONValue {
            var object = JSONObject()
            object["id"] = .string(framework.id)
            object["title"] = .string(framework.title)
            if let version = framework.version { object["version"] = .string(version) }
            if let publisher = framework.publisher { object["publisher"] = .string(publisher) }
            if let summary = framework.summary { object["summary"] = .string(summary) }
            object["sources"] = .array(framework.sources.map { source in
                var item: JSONObject = ["reference": .string(source.reference)]
                if let role = source.role { item["role"] = .string(role) }
                return .object(item)
            })
            object["concepts"] = .array(framework.concepts.map { concept in
                var item = JSONObject()
                item["id"] = .string(concept.id)
                item["localId"] = .string(concept.localID)
                item["kind"] = .string(concept.kind.rawValue)
                if let code = concept.code { item["code"] = .string(code) }
                item["name"] = .string(concept.name)
                if let parent = concept.parent { item["parent"] = .string(framework.id + ":" + parent) }
                item["aliases"] = .array(concept.aliases.map(JSONValue.string))
                if let summary = concept.summary { item["summary"] = .string(summary) }
                item["evidenceCount"] = .integer(counts.papers(for: concept))
                return .object(item)
            })
            return .object(object)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Install another framework from a JSON file (schema evidence-framework/1).",
            discussion: "See Data/frameworks/isp.json for the format. Re-adding a framework with the same id updates it.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The framework file.")
        var file: String

        func run() throws {
            let store = try storeOptions.open()
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CommandFailure(message: "cannot read '\(file)': \(error.localizedDescription)")
            }
            let (framework, diagnostics) = FrameworkFile.read(SourceText(file: file, data: data))
            diagnostics.forEach(Output.diagnostic)
            guard let framework else { throw CommandFailure(message: nil) }
            do {
                try store.install(framework)
            } catch let error as StoreError {
                throw CommandFailure(message: error.description)
            }
            Output.line("Installed framework '\(framework.id)' (\(framework.title)) with \(framework.concepts.count) concepts.")
        }
    }
}

/// Counts of distinct library papers with a confirmed link per concept; a concept's count includes its children's
/// papers (a domain counts the papers of its competencies once each).
struct FrameworkCounts {
    private var papersByConcept: [String: Int] = [:]

    init(frameworks: [Framework], store: EvidenceStore) throws {
        for framework in frameworks {
            for concept in framework.concepts {
                let scope = [concept] + framework.children(of: concept)
                papersByConcept[concept.id] = try store.rankedEvidence(forConcepts: scope.map(\.id), limit: 0).total
            }
        }
    }

    func papers(for concept: Concept) -> Int { papersByConcept[concept.id] ?? 0 }
}
