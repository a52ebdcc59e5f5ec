import ArgumentParser
import Foundation
import Tagging

/// The `evidence` command: the root of every subcommand.
@main
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Curate and look up the evidence base of implementation support practice.",
        discussion: """
            evidence keeps references (imported from CSL-JSON, BibTeX, RIS, PubMed and JATS XML) in one SQLite file and links them to the principles and competencies of the Implementation Support Practitioner (ISP) framework.

            Examples:
              evidence for co-design           what supports "Co-design"
              evidence for "Sustaining change" a domain, with its competencies
              evidence framework               the framework, with evidence counts
              evidence map --html map.html     the evidence-gap map as a web page
              evidence tag metz2022building C4 link a paper to a competency
              evidence search "trusting relationships"
              evidence import library.json     add references and their links
              evidence export -o library.json  CSL-JSON, links included

            The store is $EVIDENCE_STORE, or --store PATH, or by default $XDG_DATA_HOME/evidence/evidence.sqlite (~/.local/share/evidence/evidence.sqlite), created and seeded with the bundled framework and key publications on first use.

            Exit status: 0 success; 1 a record failed, a reference or concept was not found; 2 a usage error.
            """,
        version: "0.1.0",
        subcommands: [
            ForCommand.self, FrameworkCommand.self, SearchCommand.self, ListCommand.self, ShowCommand.self,
            ImportCommand.self, ExportCommand.self, SeedCommand.self, TagCommand.self, UntagCommand.self, TagsCommand.self,
            RestoreCommand.self, LogCommand.self, DesignCommand.self, SuggestCommand.self, MapCommand.self, GapsCommand.self,
            CitedByCommand.self,
        ]
    )

    /// Runs the command line, with usage errors exiting 2 (architecture "CLI contract") instead of 64, and a
    /// leading global `--store PATH` accepted before the subcommand.
    static func main() {
        let arguments = GlobalArguments.reorder(Array(CommandLine.arguments.dropFirst()))
        if let first = arguments.first, !first.hasPrefix("-"), first != "help",
            !configuration.subcommands.contains(where: { $0.configuration.commandName == first })
        {
            // Only an unknown name costs every subcommand's configuration.
            let names = configuration.subcommands.compactMap { $0.configuration.commandName }
            var message = "unknown command '\(first)'"
            if let closest = GlobalArguments.closest(to: first, in: names) { message += "; did you mean '\(closest)'?" }
            Output.error(message + " (see 'evidence --help')")
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let failure as CommandFailure {
            failure.report()
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Moves a global `--store PATH` given before the subcommand to after it, where every subcommand accepts it.
enum GlobalArguments {
    /// The name within two edits of `word`, if any.
    static func closest(to word: String, in names: [String]) -> String? {
        let scored = names.map { ($0, EditDistance.between(word.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func reorder(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first, first.hasPrefix("--store") {
            leading.append(first)
            rest = rest.dropFirst()
            if first == "--store", let value = rest.first {
                leading.append(value)
                rest = rest.dropFirst()
            }
        }
        guard !leading.isEmpty else { return arguments }
        var result = Array(rest)
        if let terminator = result.firstIndex(of: "--") {
            result.insert(contentsOf: leading, at: terminator)
        } else {
            result.append(contentsOf: leading)
        }
        return result
    }
}

/// A failure that has already been explained to the user, with the exit status scripts rely on.
struct CommandFailure: Error {
    var message: String?
    var exitCode: Int32 = 1

    func report() {
        if let message { Output.error(message) }
    }

    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }
}
