import EvidenceStore
import Tagging

extension EvidenceStore {
    /// The reference `text` names, or a failure (exit 1) with close keys as suggestions.
    func require(_ text: String) throws -> StoredReference {
        if let stored = try reference(matching: text) { return stored }
        var message = "no reference '\(text)' in the store (give a citation key, DOI, PMID, PMCID or row id)"
        let close = try citationKeys(like: text).sorted {
            EditDistance.between($0.lowercased(), text.lowercased()) < EditDistance.between($1.lowercased(), text.lowercased())
        }.prefix(3)
        if !close.isEmpty { message += "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?" }
        throw CommandFailure(message: message)
    }
}
