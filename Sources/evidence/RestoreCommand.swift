import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation
import Tagging

/// `evidence restore REF CONCEPT...`: bring back removed links from the audit log.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore removed links from the audit log, as they were.",
        discussion: """
            Restores the latest removal of each link (or the removal with --event ID, as 'evidence log' numbers it), with its relation, strength, locator, quote, rationale, curator and times. The restore is logged too.

            Examples:
              evidence restore metz2021implementation co-design
              evidence restore metz2021implementation C4 --event 112
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The paper (citation key, DOI, PMID or id) and the concepts whose links to restore.")
    var targets: [String]

    @Option(help: "The audit event (a removal) to restore from.")
    var event: Int64?

    @Option(help: "Who is curating (default: $EVIDENCE_CURATOR, git user.name or the login name).")
    var curator: String?

    func validate() throws {
        if targets.count < 2 { throw ValidationError("give a reference and at least one concept") }
    }

    func run() throws {
        try Self.restore(targets: targets, event: event, storeOptions: storeOptions, curator: curator)
    }

    static func restore(targets: [String], event: Int64?, storeOptions: StoreOptions, curator: String?) throws {
        let store = try storeOptions.open()
        let resolver = try storeOptions.resolver(store)
        let stored = try store.require(targets[0])
        var failed = 0
        for text in targets.dropFirst() {
            let concept = try resolver.require(text)
            do {
                let link = try store.restoreLink(referenceID: stored.id, conceptID: concept.id, actor: Curator.name(curator), eventID: event)
                Output.line("Restored \(stored.reference.citationKey) → \(concept.code.map { $0 + " " } ?? "")\(concept.name): \(TagsCommand.facts(link))")
            } catch let error as EvidenceStore.RestoreError {
                Output.error(error.description)
                failed += 1
            }
        }
        if failed > 0 { throw CommandFailure(message: nil) }
    }
}
