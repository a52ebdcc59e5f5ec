import CitationModel
import Tagging

/// Resolving a concept the user typed, with "did you mean" on failure.
extension ConceptResolver {
    /// The concept `text` names, or a failure (exit 1) that lists suggestions.
    func require(_ text: String) throws -> Concept {
        switch resolve(text) {
        case .concept(let concept):
            return concept
        case .ambiguous(let concepts):
            throw CommandFailure(message: "'\(text)' names concepts in several frameworks: \(concepts.map(\.id).joined(separator: ", ")); use one of those ids")
        case .unknown(let suggestions):
            var message = "no principle, domain or competency matches '\(text)'"
            if !suggestions.isEmpty { message += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?" }
            message += " (see 'evidence framework')"
            throw CommandFailure(message: message)
        }
    }
}
