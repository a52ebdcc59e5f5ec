import EvidenceStore

extension EvidenceStore {
    /// The reference `text` names, or a failure (exit 1) with close keys as suggestions.
    func require(_ text: String) throws -> StoredReference {
        if let stored = try reference(matching: text) { return stored }
        var message = "no reference '\(text)' in the store (give a citation key, DOI, PMID, PMCID or row id)"
        let close = try citationKeys(like: text).sorted {
            Self.distance($0.lowercased(), text.lowercased()) < Self.distance($1.lowercased(), text.lowercased())
        }.prefix(3)
        if !close.isEmpty { message += "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?" }
        throw CommandFailure(message: message)
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let left = Array(a)
        let right = Array(b)
        var row = Array(0...right.count)
        for i in 1...max(left.count, 1) where !left.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: right.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (left[i - 1] == right[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[right.count]
    }
}
