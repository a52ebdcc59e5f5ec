import CitationModel
import Foundation

/// Proposes concepts for a paper: its title, abstract and keywords are matched against each concept's name, aliases
/// and summary with BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009,
/// section 3.6), the ranking FTS5's `bm25()` implements, extended with field weights, light stemming and a bonus for
/// a concept's whole name or alias appearing as a phrase in the paper.
///
/// A proposal needs the concept's name or an alias as a phrase, or at least two matching words.
///
/// The concepts are the documents and the paper is the query: a paper word that is rare among concepts
/// ("brokering") counts far more than one that many concepts share ("implementation").
public struct ConceptSuggester: Sendable {
    /// A proposed concept with its score and the paper's words that matched.
    public struct Suggestion: Sendable, Hashable {
        public var concept: Concept
        public var score: Double
        /// The paper's words (as written there) that matched the concept, most important first.
        public var matchedWords: [String]
        /// The concept names or aliases found whole in the paper.
        public var matchedPhrases: [String]
    }

    /// BM25 parameters, FTS5's defaults.
    static let k1 = 1.2
    static let b = 0.75
    /// Field weights: a concept's name counts most, then its aliases, then its summary.
    static let nameWeight = 3.0
    static let aliasWeight = 2.0
    static let summaryWeight = 1.0

    private struct Document: Sendable {
        var concept: Concept
        var termWeights: [String: Double]
        var length: Double
        /// Name and aliases as stem sequences, with their text.
        var phrases: [(stems: [String], text: String)]
    }

    private let documents: [Document]
    private let idf: [String: Double]
    private let averageLength: Double

    public init(frameworks: [Framework]) {
        var documents: [Document] = []
        var documentFrequency: [String: Int] = [:]
        for concept in frameworks.flatMap(\.concepts) {
            var weights: [String: Double] = [:]
            var length = 0.0
            func add(_ text: String, weight: Double) {
                for token in Self.tokens(text) {
                    weights[token.stem, default: 0] += weight
                    length += weight
                }
            }
            add(concept.name, weight: Self.nameWeight)
            concept.aliases.forEach { add($0, weight: Self.aliasWeight) }
            add(concept.summary ?? "", weight: Self.summaryWeight)
            let phrases = ([concept.name] + concept.aliases).map { (Self.tokens($0).map(\.stem), $0) }.filter { !$0.0.isEmpty }
            documents.append(Document(concept: concept, termWeights: weights, length: length, phrases: phrases))
            for term in weights.keys { documentFrequency[term, default: 0] += 1 }
        }
        let count = Double(documents.count)
        self.documents = documents
        // Words that a fifth or more of the concepts share ("implementation", "support") say nothing about which
        // concept a paper is about: they are left out, like stop words drawn from the framework itself.
        let common = max(3, documents.count / 5)
        self.idf = documentFrequency.filter { $0.value < common }.mapValues { log(1 + (count - Double($0) + 0.5) / (Double($0) + 0.5)) }
        self.averageLength = documents.isEmpty ? 1 : documents.map(\.length).reduce(0, +) / count
    }

    /// The concepts that match a paper, best first, at most `limit`, each scoring at least `minimumScore`.
    public func suggest(for reference: Reference, limit: Int = 5, minimumScore: Double = 4.0) -> [Suggestion] {
        suggest(
            title: reference.fullTitle, abstract: reference.abstract?.plain ?? "", keywords: reference.keywords,
            limit: limit, minimumScore: minimumScore)
    }

    /// The concepts that match a text, best first. Title words and keywords count twice as much as abstract words.
    public func suggest(title: String, abstract: String, keywords: [String], limit: Int = 5, minimumScore: Double = 4.0) -> [Suggestion] {
        var queryWeights: [String: Double] = [:]
        var surface: [String: String] = [:]
        var sequence: [String] = []
        for (text, weight) in [(title, 2.0), (keywords.joined(separator: " ; "), 2.0), (abstract, 1.0)] {
            for token in Self.tokens(text) {
                queryWeights[token.stem] = max(queryWeights[token.stem] ?? 0, weight)
                if surface[token.stem] == nil { surface[token.stem] = token.word }
            }
            sequence += Self.tokens(text).map(\.stem) + ["|"]
        }
        let joined = "|" + sequence.joined(separator: "|") + "|"
        var suggestions: [Suggestion] = []
        for document in documents {
            var score = 0.0
            var contributions: [(String, Double)] = []
            for (term, queryWeight) in queryWeights {
                guard let tf = document.termWeights[term], let idf = idf[term] else { continue }
                let norm = Self.k1 * (1 - Self.b + Self.b * document.length / averageLength)
                let part = queryWeight * idf * tf * (Self.k1 + 1) / (tf + norm)
                score += part
                contributions.append((term, part))
            }
            var phrases: [String] = []
            for phrase in document.phrases where joined.contains("|" + phrase.stems.joined(separator: "|") + "|") {
                score += phrase.stems.reduce(0) { $0 + (idf[$1] ?? 0) } * 2
                phrases.append(phrase.text)
            }
            // One stray word is not enough: a proposal needs the concept's name or an alias, or two matching words.
            guard score >= minimumScore, !phrases.isEmpty || contributions.count >= 2 else { continue }
            let words = contributions.sorted { $0.1 > $1.1 }.compactMap { surface[$0.0] }
            suggestions.append(Suggestion(concept: document.concept, score: (score * 100).rounded() / 100, matchedWords: words, matchedPhrases: phrases))
        }
        return Array(suggestions.sorted { $0.score > $1.score || ($0.score == $1.score && $0.concept.position < $1.concept.position) }.prefix(limit))
    }

    /// Words of a text: folded to lower case without accents, split at anything but letters and digits, stop words
    /// left out; a hyphenated word also yields its joined form ("co-design" gives co, design and codesign).
    static func tokens(_ text: String) -> [(word: String, stem: String)] {
        var result: [(String, String)] = []
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        for chunk in folded.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
            let parts = chunk.split(separator: "-").map(String.init)
            if parts.count > 1 {
                let joined = parts.joined()
                if joined.count > 3 { result.append((String(chunk), stem(joined))) }
            }
            for part in parts where part.count > 1 && !stopWords.contains(part) {
                result.append((part, stem(part)))
            }
        }
        return result
    }

    /// A light suffix-stripping stemmer (in the spirit of Porter's step 1 and 2): enough that "facilitation",
    /// "facilitating" and "facilitator" meet, without Porter's full rule set.
    static func stem(_ word: String) -> String {
        var stem = word
        for suffix in suffixes where stem.count - suffix.count >= 4 && stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        if stem.count > 4, stem.hasSuffix("e") { stem.removeLast() }
        if stem.count > 4, stem.hasSuffix("i") || stem.hasSuffix("y") { stem.removeLast() }
        return stem
    }

    static let suffixes = [
        "isations", "izations", "isation", "ization", "ational", "ations", "ation", "ating", "ators", "ator", "ated",
        "ates", "ities", "ity", "ings", "ing", "ments", "ment", "ness", "ically", "ical", "ically", "ists", "ist",
        "ism", "ive", "ies", "ied", "ers", "er", "ed", "es", "ly", "ic", "al", "s",
    ]

    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "for", "from", "has", "have", "how", "in",
        "into", "is", "it", "its", "of", "on", "or", "our", "that", "the", "their", "them", "these", "this", "those", "to",
        "was", "we", "were", "what", "when", "which", "who", "with", "within", "without", "while", "will", "would", "also",
        "such", "other", "than", "then", "there", "they", "through", "use", "used", "using", "one", "two", "more", "most",
        "may", "not", "all", "about", "out", "up", "over", "under", "last", "new", "based", "well", "across", "after",
        "before", "during", "via", "per", "any", "some", "own", "so", "if", "do", "does", "did", "no", "only", "very", "between", "both", "each", "study", "paper", "article", "results", "findings",
    ]
}
