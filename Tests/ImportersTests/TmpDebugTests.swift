import CitationModel
import Foundation
import Importers
import Testing
@Test func tmpDebug() throws {
    let folder = RISTestSupport.corpora.appendingPathComponent("asreview")
    let base = RISImporter().parseAll(SourceText(file: "b", data: try Data(contentsOf: folder.appendingPathComponent("_baseline.ris")))).references
    let cit = RISImporter().parseAll(SourceText(file: "c", data: try Data(contentsOf: folder.appendingPathComponent("_baseline_citavi.ris")))).references
    for b in cit { guard let a = base.first(where: { RISCorpusTests.normalised($0.title?.plain) == RISCorpusTests.normalised(b.title?.plain) }) else { print("NOMATCH", b.title ?? ""); continue }
        if a.doi != b.doi || a.leadCreators.first?.family != b.leadCreators.first?.family {
            print("BASE", a.doi ?? "-", a.leadCreators.first ?? Creator(), "\nCIT ", b.doi ?? "-", b.leadCreators.first ?? Creator())
        }
    }
}
