internal import CLibXML2
import CitationModel
import Foundation

/// Reads JATS XML (NLM Journal Archiving 2.x/3.0, JATS 1.0-1.3): each `article` (one, or several in a
/// `<pmc-articleset>`) becomes a record whose `cites` are the works of its reference list, in order.
///
/// The file is parsed whole by libxml2 (`LibXMLParser`: no network, no external entities, no DTD loading, entity
/// amplification limits on). A file that is not well-formed is one failed block: every message libxml2 gave is
/// reported at its `file:line:col` and nothing from the file is imported. libxml2's other messages (an undeclared
/// entity, an undeclared namespace prefix) are warnings, each distinct message once, and the file imports. The bytes given to libxml2 are the
/// file's own (`SourceText.rawBytes`), so a BOM and the XML declaration's encoding are honoured. The article
/// `body` is parsed and checked but builds no tree (a `ref-list` inside it still does).
///
/// Diagnostic codes: `jats.xml-syntax` (not well-formed), `jats.entity-expansion` (an entity bomb),
/// `jats.unknown-entity`, `jats.external-entity` (declared but never read), `jats.xml` (other libxml2 warnings),
/// `jats.no-article` (no `article` element), `jats.empty-ref` (a `ref` with no text), `jats.no-title`.
public struct JATSImporter: Importer {
    public init() {}

    public var format: ImportFormat { .jats }

    public func parse<Sink: ImportSink>(_ source: SourceText, into sink: inout Sink) throws {
        let text = JATSText()
        let (articles, problems) = LibXMLParser.parse(source.rawBytes, skippingContentOf: ["body"]) { document in
            readArticles(document, source: source, text: text)
        }
        guard let articles else {
            // An entity loop is reported once per entity level, first at positions inside the entity's text: keep
            // the last report, which is at the reference in the document. Repeats are dropped.
            var errors = problems.filter { !$0.warning }
            if let loop = errors.last(where: { Self.code($0) == "jats.entity-expansion" }) {
                errors.removeAll { Self.code($0) == "jats.entity-expansion" }
                errors.append(loop)
            }
            var seen: Set<String> = []
            for problem in errors {
                let diagnostic = Diagnostic.error(Self.code(problem), Self.message(problem), at: Self.location(problem, in: source))
                if seen.insert(diagnostic.description).inserted { sink.diagnose(diagnostic) }
            }
            if errors.isEmpty { sink.diagnose(.error("jats.xml-syntax", "the file is not well-formed XML", at: source.location(line: 1, column: 1))) }
            sink.countFailed()
            return
        }
        var unknownEntities: Set<String> = []
        var otherMessages: Set<String> = []
        for problem in problems {
            if problem.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) {
                let name = problem.subject ?? ""
                guard unknownEntities.insert(name).inserted else { continue }
                sink.diagnose(.warning("jats.unknown-entity", "unknown entity '&\(name);' kept as written", at: Self.location(problem, in: source)))
            } else if otherMessages.insert(Self.message(problem)).inserted {
                sink.diagnose(.warning("jats.xml", Self.message(problem), at: Self.location(problem, in: source)))
            }
        }
        for event in text.events {
            switch event.kind {
            case .externalEntity:
                sink.diagnose(.warning("jats.external-entity", "external entity '&\(event.name);' was not read", at: source.location(line: max(event.line, 1), column: 1)))
            case .unknownEntity:
                guard unknownEntities.insert(event.name).inserted else { continue }
                sink.diagnose(.warning("jats.unknown-entity", "unknown entity '&\(event.name);' kept as written", at: source.location(line: max(event.line, 1), column: 1)))
            }
        }
        if text.expansionExceeded {
            sink.diagnose(.error("jats.entity-expansion", "entity expansion exceeds the limit (an entity bomb?); nothing imported from this file", at: source.location(line: 1, column: 1)))
            sink.countFailed()
            return
        }
        switch articles {
        case .noArticle(let root):
            sink.diagnose(.error("jats.no-article", "no JATS 'article' element (the root element is '\(root)')", at: source.location(line: 1, column: 1)))
            sink.countFailed()
        case .articles(let list):
            for article in list {
                for line in article.emptyRefs {
                    sink.diagnose(.warning("jats.empty-ref", "reference list entry has no text; skipped", at: Self.locate("ref", line: line, in: source), entry: article.record.reference.citationKey))
                }
                if article.record.reference.title == nil {
                    sink.diagnose(.warning("jats.no-title", "article has no title", at: article.record.location, entry: article.record.reference.citationKey))
                }
                try sink.accept(article.record)
            }
        }
    }

    // MARK: Reading the document

    private enum Articles {
        case noArticle(String)
        case articles([(record: ImportedRecord, emptyRefs: [Int])])
    }

    private func readArticles(_ document: xmlDocPtr, source: SourceText, text: JATSText) -> Articles {
        guard let rootPointer = xmlDocGetRootElement(document) else { return .noArticle("") }
        let root = JATSNode(rootPointer)
        let articles = root.is("article") ? [root] : root.descendants("article")
        guard !articles.isEmpty else { return .noArticle(root.name) }
        let reader = JATSArticleReader(text: text)
        var records: [(ImportedRecord, [Int])] = []
        for article in articles {
            let (reference, cites, emptyRefs) = reader.read(article)
            let location = Self.locate("article", line: article.line, in: source)
            records.append((ImportedRecord(reference: reference, location: location, cites: cites.map(\.reference)), emptyRefs))
            if text.expansionExceeded { break }
        }
        return .articles(records)
    }

    // MARK: Locations and messages

    /// Where the start tag `<name` that ends on `line` begins: libxml2 records the line of a start tag's `>`, so the
    /// tag is looked for on that line and, for a tag spread over several lines, the lines before it.
    static func locate(_ name: String, line: Int, in source: SourceText) -> SourceLocation {
        let pattern = Array(("<" + name).utf8)
        let bytes = source.bytes
        let lineStarts = source.lineStarts
        var current = min(max(line, 1), lineStarts.count)
        let lowest = max(1, current - 50)
        while current >= lowest {
            let start = lineStarts[current - 1]
            let end = current < lineStarts.count ? lineStarts[current] : bytes.count
            // The last `<name` on the line followed by white space, `>` or `/`; a PLOS article can be one line of
            // 100 KB, so the line's `<`s are found with `memchr`.
            let found: Int? = bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return nil }
                var found: Int?
                var index = start
                while index + pattern.count <= end, let hit = memchr(base + index, 0x3C, end - index) {
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    guard at + pattern.count <= end else { break }
                    if pattern.indices.allSatisfy({ buffer[at + $0] == pattern[$0] }) {
                        let after = at + pattern.count < buffer.count ? buffer[at + pattern.count] : 0x3E
                        if after == 0x20 || after == 0x3E || after == 0x0A || after == 0x0D || after == 0x09 || after == 0x2F { found = at }
                    }
                    index = at + 1
                }
                return found
            }
            if let found { return source.location(of: found) }
            current -= 1
        }
        return source.location(line: max(line, 1), column: 1)
    }

    private static func location(_ problem: XMLProblem, in source: SourceText) -> SourceLocation {
        source.location(line: max(problem.line, 1), column: max(problem.column, 1))
    }

    private static func code(_ problem: XMLProblem) -> String {
        problem.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) ? "jats.entity-expansion" : "jats.xml-syntax"
    }

    /// libxml2's message in the project's style: lower-case start, no trailing period; an entity loop explained.
    static func message(_ problem: XMLProblem) -> String {
        if problem.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
            return "entity expansion is recursive or too large (an entity bomb?): libxml2 stopped with '\(problem.message)'"
        }
        var message = problem.message
        while message.last == "." { message.removeLast() }
        guard let first = message.first else { return "XML error" }
        let second = message.dropFirst().first
        if first.isUppercase, second.map({ !$0.isUppercase }) ?? true { message = first.lowercased() + message.dropFirst() }
        return message
    }
}
