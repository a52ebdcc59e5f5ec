import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation
import Tagging

/// `evidence gaps`: concepts with no evidence, or only weak or only inferred evidence.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "List concepts with no evidence, only weak (emerging) evidence, or only inferred evidence.",
        discussion: """
            Only confirmed links count; a domain is judged with its competencies. A link with no recorded basis counts as stated.

            Examples:
              evidence gaps
              evidence gaps --json
            """)

    @Option(name: .long, help: StoreOptions.storeHelp)
    var store: String?

    /// `--store`, declared here rather than as an option group (see `StoreOptions.init(store:)`).
    var storeOptions: StoreOptions { StoreOptions(store: store) }

    @Flag(help: "Write the gaps as JSON.")
    var json = false

    @Flag(help: "Count suggested (unconfirmed) links too.")
    var includeSuggested = false

    func run() throws {
        let store = try storeOptions.openForReading()
        let frameworks = try store.frameworks()
        let gaps = EvidenceGaps.find(frameworks: frameworks, tallies: try store.linkTallies(by: [.strength, .basis], includeSuggested: includeSuggested))
        if json {
            Output.write(JSONValue.array(gaps.map { gap in
                var object = JSONObject()
                object["concept"] = .string(gap.concept.id)
                if let code = gap.concept.code { object["code"] = .string(code) }
                object["name"] = .string(gap.concept.name)
                object["kind"] = .string(gap.concept.kind.rawValue)
                object["reasons"] = .array(gap.reasons.map { .string($0.rawValue) })
                object["links"] = .integer(gap.links)
                if let strongest = gap.strongest { object["strongest"] = .string(strongest.rawValue) }
                return .object(object)
            }).serialized(pretty: true) + "\n")
            return
        }
        let total = frameworks.reduce(0) { $0 + $1.concepts.count }
        guard !gaps.isEmpty else {
            Output.line("No gaps: each of the \(total) concepts has stated evidence stronger than emerging.")
            return
        }
        Output.line("\(gaps.count) of \(total) concepts have thin evidence:")
        for reason in EvidenceGaps.Reason.allCases {
            let matching = gaps.filter { $0.reasons.contains(reason) }
            guard !matching.isEmpty else { continue }
            Output.line()
            Output.line("With \(reason.meaning) (\(matching.count)):")
            for gap in matching {
                let label = (gap.concept.code.map { $0 + " " } ?? "") + gap.concept.name
                let detail = gap.links == 0 ? "" : "  \(gap.links) link\(gap.links == 1 ? "" : "s")"
                Output.line(Output.wrap("  " + label + " (\(gap.concept.kind.rawValue))" + detail, indent: "      "))
            }
        }
    }
}
