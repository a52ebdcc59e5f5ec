import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters
import Foundation
import Tagging

/// `evidence suggest REF|--all`: concepts a paper's title, abstract and keywords point to.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Propose principles and competencies for papers from their title, abstract and keywords.",
        discussion: """
            Each concept's name, aliases and summary are matched against the paper's words with BM25 (field-weighted, stemmed; a concept's whole name or alias found in the paper adds to the score). Each proposal shows its score and the words that matched. Concepts the paper is already linked to are marked and never changed.

            --accept stores the proposals as suggested links (describes · emerging · inferred) that a curator confirms or corrects with 'evidence tag' or removes with 'evidence untag'; 'evidence for' marks them "suggested, not confirmed", and 'evidence map' and 'gaps' leave them out until confirmed.

            Examples:
              evidence suggest albers2021skills
              evidence suggest --all --json
              evidence suggest --all --accept
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The paper: a citation key, DOI, PMID or id.")
    var reference: String?

    @Flag(help: "Every paper in the library.")
    var all = false

    @Flag(help: "Store the proposals as suggested links.")
    var accept = false

    @Option(help: "At most this many proposals a paper.")
    var limit = 5

    @Option(help: "Leave out proposals scoring below this.")
    var minScore = 4.0

    @Flag(help: "Write the proposals as JSON.")
    var json = false

    @Option(help: "Who is curating (default: $EVIDENCE_CURATOR, git user.name or the login name).")
    var curator: String?

    func validate() throws {
        if (reference == nil) == !all { throw ValidationError("give a reference or --all") }
    }

    func run() throws {
        let store = try storeOptions.open()
        let frameworks = try store.frameworks()
        let suggester = ConceptSuggester(frameworks: frameworks)
        let papers = try reference.map { [try store.require($0)] } ?? store.references()
        var edits: [EvidenceStore.LinkEdit] = []
        var output: [JSONValue] = []
        for stored in papers {
            let linked = Set(try store.links(ofReference: stored.id).map(\.conceptID))
            let suggestions = suggester.suggest(for: stored.reference, limit: limit, minimumScore: minScore)
            if accept {
                for suggestion in suggestions where !linked.contains(suggestion.concept.id) {
                    edits.append(EvidenceStore.LinkEdit(
                        referenceID: stored.id, conceptID: suggestion.concept.id, relation: .describes, strength: .emerging,
                        basis: .inferred,
                        rationale: "suggested by 'evidence suggest' (score \(suggestion.score)); matched: \(suggestion.matchedWords.prefix(8).joined(separator: ", "))",
                        curator: curator, status: .suggested))
                }
            }
            if json {
                var object = JSONObject()
                object["reference"] = .string(stored.reference.citationKey)
                object["suggestions"] = .array(suggestions.map { suggestion in
                    var item = JSONObject()
                    item["concept"] = .string(suggestion.concept.id)
                    item["name"] = .string(suggestion.concept.name)
                    item["score"] = .number(String(suggestion.score))
                    item["matched"] = .array(suggestion.matchedWords.map(JSONValue.string))
                    if !suggestion.matchedPhrases.isEmpty { item["phrases"] = .array(suggestion.matchedPhrases.map(JSONValue.string)) }
                    item["linked"] = .bool(linked.contains(suggestion.concept.id))
                    return .object(item)
                })
                output.append(.object(object))
                continue
            }
            if all && suggestions.isEmpty { continue }
            Output.line(Output.wrap(stored.reference.citationKey + ": " + CitationFormatter.shortCitation(stored.reference) + " — " + stored.reference.fullTitle, indent: "    "))
            if suggestions.isEmpty { Output.line("  no concept scores \(minScore) or more") }
            for suggestion in suggestions {
                let label = (suggestion.concept.code.map { $0 + " " } ?? "") + suggestion.concept.name
                let mark = linked.contains(suggestion.concept.id) ? "  (already linked)" : ""
                Output.line(Output.wrap(String(format: "%6.2f  ", suggestion.score) + label + mark, indent: "          ", firstIndent: "  "))
                Output.line(Output.wrap("matched: " + suggestion.matchedWords.prefix(10).joined(separator: ", "), indent: "          ", firstIndent: "          "))
            }
        }
        if json { Output.write(JSONValue.array(output).serialized(pretty: true) + "\n") }
        if accept {
            let summary = try store.applyLinks(edits, actor: Curator.name(curator))
            let message = "Stored \(summary.added) suggested link\(summary.added == 1 ? "" : "s") (confirm with 'evidence tag REF CONCEPT', review with 'evidence tags REF')"
            if json { FileHandle.standardError.write(Data((message + "\n").utf8)) } else { Output.line(message) }
        }
    }
}
