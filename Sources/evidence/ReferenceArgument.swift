import EvidenceStore
import Tagging

extension EvidenceStore {
    /// The reference `text` names, or a failure (exit 1) with close keys as suggestions.
    func require(_ text: String) throws -> StoredReference {
        if let stored = try reference(matching: text) { return stored }
        var message = "no reference '\(text)' in the store (give a citation key, DOI, PMID, PMCID or row id)"
        let typed = text.lowercased()
        let close = try citationKeys(like: text)
            .map { (key: $0, distance: EditDistance.between($0.lowercased(), typed)) }
            .filter { $0.distance <= max(2, typed.count / 4) }
            .sorted { $0.distance < $1.distance }
            .prefix(3).map(\.key)
        if !close.isEmpty { message += "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?" }
        throw CommandFailure(message: message)
    }
}
