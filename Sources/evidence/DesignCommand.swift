import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation

/// `evidence design REF DESIGN`: record a paper's study design.
struct DesignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Set (or with 'none' clear) the study design of a paper.",
        discussion: """
            Designs: \(StudyDesign.allCases.map(\.rawValue).joined(separator: ", ")). The design weighs a paper in 'evidence for' and makes the columns of 'evidence map'. The change is recorded in the audit log.

            Examples:
              evidence design albers2021skills systematic-review
              evidence design metz2021implementation none
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The paper: a citation key, DOI, PMID or id.")
    var reference: String

    @Argument(help: "The study design, or none.")
    var design: String

    @Option(help: "Who is curating (default: $EVIDENCE_CURATOR, git user.name or the login name).")
    var curator: String?

    func validate() throws {
        if design != "none" && StudyDesign(rawValue: design.lowercased()) == nil {
            throw ValidationError("unknown study design '\(design)'; use none or one of \(StudyDesign.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let store = try storeOptions.open()
        let stored = try store.require(reference)
        let value = design == "none" ? nil : StudyDesign(rawValue: design.lowercased())
        let changed = try store.setStudyDesign(value, referenceID: stored.id, actor: Curator.name(curator))
        let label = value?.label ?? "not recorded"
        Output.line(changed ? "\(stored.reference.citationKey): study design \(label)" : "\(stored.reference.citationKey) already has study design \(label)")
    }
}
