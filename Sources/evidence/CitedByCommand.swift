import ArgumentParser
import CitationModel
import EvidenceStore
import Exporters

/// `evidence cited-by REF`: the papers in the store whose reference lists cite a work.
struct CitedByCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cited-by",
        abstract: "List the papers in the store that cite a work.",
        discussion: """
            REF is a citation key, a DOI, a PMID, a PMCID or the numeric id, of a library member or of a work known only from reference lists (imported JATS articles record the works they cite).

            Examples:
              evidence cited-by 10.1038/nrmicro1460
              evidence cited-by avery2006microbial --json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The cited work.")
    var ref: String

    @Flag(help: "Write the citing papers as CSL-JSON items.")
    var json = false

    func run() throws {
        let store = try storeOptions.openForReading()
        let cited = try store.require(ref)
        let citing = try store.citingWorks(of: cited.id)
        if json {
            Output.write(JSONValue.array(citing.map { .object($0.reference.cslJSON()) }).serialized(pretty: true) + "\n")
            return
        }
        Output.line(Output.wrap(CitationFormatter.citation(cited.reference)))
        Output.line()
        guard !citing.isEmpty else {
            Output.line("No paper in the store cites it.")
            return
        }
        Output.line("Cited by (\(citing.count))")
        for (number, work) in citing.enumerated() {
            let marker = String(number + 1).leftPadded(to: 5) + ". "
            Output.line(Output.wrap(CitationFormatter.citation(work.reference), indent: "       ", firstIndent: marker))
            Output.line("       [\(work.reference.citationKey)]\(work.isMember ? "" : " (cited only)")")
        }
    }
}
