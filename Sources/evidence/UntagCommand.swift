import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation
import Tagging

/// `evidence untag REF CONCEPT...`: remove links (kept in the audit log), or with `--undo` restore them.
struct UntagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "untag",
        abstract: "Remove a paper's links to concepts (the audit log keeps them; --undo restores).",
        discussion: """
            The removed link, with everything it held, stays in the audit log ('evidence log REF'), and 'evidence untag --undo REF CONCEPT' (or 'evidence restore REF CONCEPT') brings it back as it was.

            Examples:
              evidence untag metz2021implementation co-design
              evidence untag --undo metz2021implementation co-design
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The paper (citation key, DOI, PMID or id) and the concepts to unlink.")
    var targets: [String]

    @Flag(help: "Restore the links that were removed last, instead of removing.")
    var undo = false

    @Option(help: "Who is curating (default: $EVIDENCE_CURATOR, git user.name or the login name).")
    var curator: String?

    func validate() throws {
        if targets.count < 2 { throw ValidationError("give a reference and at least one concept") }
    }

    func run() throws {
        if undo {
            try RestoreCommand.restore(targets: targets, event: nil, storeOptions: storeOptions, curator: curator)
            return
        }
        let store = try storeOptions.open()
        let resolver = try storeOptions.resolver(store)
        let stored = try store.require(targets[0])
        let concepts = try targets.dropFirst().map { try resolver.require($0) }
        var missing = 0
        for concept in concepts {
            if try store.removeLink(referenceID: stored.id, conceptID: concept.id, actor: Curator.name(curator)) != nil {
                Output.line("Removed \(stored.reference.citationKey) → \(concept.code.map { $0 + " " } ?? "")\(concept.name) (undo: evidence untag --undo \(stored.reference.citationKey) \(concept.code ?? concept.slug))")
            } else {
                Output.error("'\(stored.reference.citationKey)' is not linked to '\(concept.name)'")
                missing += 1
            }
        }
        if missing > 0 { throw CommandFailure(message: nil) }
    }
}
