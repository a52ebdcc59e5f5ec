import ArgumentParser

/// `evidence seed`: load the bundled framework and key publications into a store.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load the bundled ISP framework and its key publications (with their evidence links) into the store.",
        discussion: """
            The default store is seeded when it is created; use this for a store given with --store or $EVIDENCE_STORE. Seeding again updates the records in place.

            Example:
              evidence --store team.sqlite seed
            """)

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let summary = try BundledEvidence.seed(store)
        Output.line("Seeded " + summary.line)
    }
}
