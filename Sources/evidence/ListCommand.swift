import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters

/// `evidence list`: the library, one line a reference.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the references in the library.",
        discussion: """
            Examples:
              evidence list
              evidence list --json > library.json
              evidence list --include-cited --limit 50
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "At most this many references.")
    var limit: Int?

    @Flag(help: "Write CSL-JSON items.")
    var json = false

    @Flag(help: "Include works known only from reference lists.")
    var includeCited = false

    func run() throws {
        let store = try storeOptions.openForReading()
        let references = try store.references(includeCited: includeCited, limit: limit)
        if json {
            Output.write(JSONValue.array(references.map { .object($0.reference.cslJSON()) }).serialized(pretty: true) + "\n")
            return
        }
        guard !references.isEmpty else {
            Output.line("The library is empty. Add references with 'evidence import FILE' or load the key publications with 'evidence seed'.")
            return
        }
        let keyWidth = min(28, references.map(\.reference.citationKey.count).max() ?? 10)
        for stored in references {
            let reference = stored.reference
            let key = Output.truncate(reference.citationKey, keyWidth).padding(toLength: keyWidth, withPad: " ", startingAt: 0)
            let year = reference.year.map(String.init) ?? "n.d."
            let lead = reference.leadCreator?.familyWithParticle ?? ""
            let cited = stored.isMember ? "" : " (cited only)"
            let line = "\(key)  \(year.padding(toLength: 4, withPad: " ", startingAt: 0))  \(lead.isEmpty ? "" : lead + ": ")\(reference.fullTitle)\(cited)"
            Output.line(Output.truncate(line, Output.width))
        }
        Output.line("\(references.count) reference\(references.count == 1 ? "" : "s")")
    }
}
