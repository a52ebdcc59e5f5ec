import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters

/// `evidence search TEXT`: full-text search, best first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, abstracts, creators, keywords and notes (ranked).",
        discussion: """
            Every word must match; the last word may be the start of a word. FTS5 syntax works too: "a phrase", OR, NOT, NEAR(a b), title:word.

            Examples:
              evidence search trust
              evidence search "implementation support" --limit 5
              evidence search 'title:review OR title:survey' --json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "What to look for.")
    var text: [String]

    @Option(help: "At most this many results.")
    var limit = 20

    @Flag(help: "Write CSL-JSON items.")
    var json = false

    @Flag(help: "Include works known only from reference lists.")
    var includeCited = false

    func run() throws {
        let store = try storeOptions.openForReading()
        let query = text.joined(separator: " ")
        let hits: [EvidenceStore.SearchHit]
        do {
            hits = try store.search(query, includeCited: includeCited, limit: limit)
        } catch {
            throw CommandFailure.usage("the search '\(query)' is not valid FTS5 syntax: \(error)")
        }
        if json {
            let items = hits.map { JSONValue.object($0.stored.reference.cslJSON()) }
            Output.write(JSONValue.array(items).serialized(pretty: true) + "\n")
            return
        }
        guard !hits.isEmpty else {
            Output.line("No references match '\(query)'.")
            return
        }
        for (number, hit) in hits.enumerated() {
            let marker = String(number + 1).leftPadded(to: 3) + ". "
            Output.line(Output.wrap(CitationFormatter.citation(hit.stored.reference), indent: "     ", firstIndent: marker))
            Output.line("     [\(hit.stored.reference.citationKey)]")
            let snippet = hit.snippet.trimmingCharacters(in: .whitespacesAndNewlines)
            if !snippet.isEmpty && !hit.stored.reference.fullTitle.hasPrefix(snippet) {
                Output.line(Output.wrap(snippet, indent: "     ", firstIndent: "     "))
            }
        }
    }
}
