internal import CLibXML2
internal import CXMLArena
import CitationModel

/// Parses XML from memory with libxml2, safely, and hands the document to a closure that must not keep it.
///
/// Safety (issue 5, "Parsing and safety"): the options are `XML_PARSE_NONET | XML_PARSE_NOCDATA |
/// XML_PARSE_COMPACT | XML_PARSE_BIG_LINES`, never `NOENT`, `DTDLOAD`, `DTDVALID` or `HUGE`; the context's
/// `loadsubset`, `validate` and `replaceEntities` are forced off after the options are applied, so no external DTD,
/// parameter entity or general entity is ever fetched, and libxml2's entity amplification limits stay in force.
/// The SAX `resolveEntity` and `externalSubset` callbacks are replaced by ones that load nothing, in case a path
/// the options do not cover asks for an external resource.
///
/// Named entities the document does not declare (`&mdash;` with only a DOCTYPE naming the JATS DTD) are resolved
/// by a SAX `getEntity` callback: libxml2's own lookup runs first (the five predefined entities, the document's
/// internal subset); when it finds nothing and the name is in `JATSEntityTable`, the entity is declared on demand in
/// the document's internal subset as an internal entity whose replacement text is a character reference
/// (`&#x2014;`), which can hold no markup. The document then holds it and it goes with the document; the tree keeps an
/// entity-reference node that `JATSText` expands. Unknown names stay undeclared (a libxml2 warning when the
/// document has a DOCTYPE, a fatal error when it has none).
///
/// Skipping the body (`skippingContentOf: ["body"]`): the parser still reads and checks every byte, but the SAX callbacks
/// build no tree under an element named in the list (except a `ref-list` inside it, kept as its direct child), which
/// spares building and freeing the nodes of the article text that the importer never reads.
///
/// Errors: every message goes to a structured handler. The parser context's own SAX `serror` gets the parser's
/// messages (libxml2 2.9 has no `xmlCtxtSetErrorHandler`, added in 2.13); the thread's global structured handler is
/// also set for the duration of the parse, for messages raised without a context, and restored afterwards.
///
/// Memory: libxml2 allocates from the calling thread's arena (`CXMLArena`) for the whole parse and reading. The
/// context is freed as usual; the document is not walked node by node (`xmlFreeDoc`, 3% of a JATS parsing thread's
/// instructions even with frees that do nothing): all of its memory is the arena's, released when `parse` returns.
enum LibXMLParser {
    /// The options every parse uses.
    static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// At most this many messages are kept from one parse.
    static let problemLimit = 200

    /// Initialises libxml2 once per process (the first call is not thread-safe in libxml2 itself), with its memory
    /// functions set to `CXMLArena`'s first (`xmlMemSetup` must come before anything else of libxml2's).
    private static let initialised: Bool = {
        xmlMemSetup(evidence_xml_arena_free, evidence_xml_arena_malloc, evidence_xml_arena_realloc, evidence_xml_arena_strdup)
        xmlInitParser()
        return true
    }()

    /// Parses `bytes`. When the document is well-formed, `body` reads it and its result is returned; the document is
    /// released when `body` returns. When it is not, the result is nil and `problems` holds at least one fatal problem.
    static func parse<Result>(
        _ bytes: SourceBytes, skippingContentOf skipped: [StaticString] = [], _ body: (xmlDocPtr) throws -> Result
    ) rethrows -> (result: Result?, problems: [XMLProblem]) {
        _ = initialised
        let collector = XMLParseState(skippedNames: skipped)
        guard bytes.count < Int(Int32.max) else {
            return (nil, [XMLProblem(fatal: true, warning: false, code: -1, message: "file too large for the XML parser", line: 1, column: 1)])
        }
        // Everything libxml2 allocates from here on comes from the thread's arena, and is gone when the arena span
        // ends: after the context is freed (the `defer` below runs first) and the thread's last error, which holds
        // copies of the messages, is reset. The document is released with the arena.
        evidence_xml_arena_begin()
        defer {
            xmlResetLastError()
            evidence_xml_arena_end()
        }
        // The whole parse runs while the buffer is pinned: libxml2 2.9 copies it, later versions read it in place.
        return try bytes.withUnsafeBufferPointer { buffer in
            let context = buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlCreateMemoryParserCtxt($0, Int32(buffer.count)) }
            }
            guard let context else {
                let message = buffer.isEmpty ? "the file is empty" : "libxml2 could not create a parser"
                return (nil, [XMLProblem(fatal: true, warning: false, code: -1, message: message, line: 1, column: 1)])
            }
            defer { xmlFreeParserCtxt(context) }
            _ = xmlCtxtUseOptions(context, options)
            context.pointee.loadsubset = 0
            context.pointee.validate = 0
            context.pointee.replaceEntities = 0
            // The collector is kept alive through the parse (`withExtendedLifetime` below), so the callbacks read it
            // unretained.
            context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
            if let sax = context.pointee.sax {
                sax.pointee.serror = XMLParseState.contextErrorHandler
                sax.pointee.getEntity = XMLParseState.entityLookup
                sax.pointee.resolveEntity = XMLParseState.refuseExternalResource
                sax.pointee.externalSubset = XMLParseState.ignoreExternalSubset
                if !skipped.isEmpty {
                    sax.pointee.startElementNs = XMLParseState.startElement
                    sax.pointee.endElementNs = XMLParseState.endElement
                    sax.pointee.characters = XMLParseState.characters
                    sax.pointee.ignorableWhitespace = XMLParseState.characters
                    sax.pointee.reference = XMLParseState.reference
                    sax.pointee.comment = XMLParseState.comment
                    sax.pointee.processingInstruction = XMLParseState.processingInstruction
                }
            }
            let savedHandler = __xmlStructuredError()?.pointee
            let savedContext = __xmlStructuredErrorContext()?.pointee
            xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(context), XMLParseState.contextErrorHandler)
            withExtendedLifetime(collector) { _ = xmlParseDocument(context) }
            xmlSetStructuredErrorFunc(savedContext, savedHandler)

            let document = context.pointee.myDoc
            context.pointee.myDoc = nil
            guard let document else {
                if !collector.problems.contains(where: \.fatal) {
                    collector.problems.append(XMLProblem(fatal: true, warning: false, code: -1, message: "no document", line: 1, column: 1))
                }
                return (nil, collector.problems)
            }
            guard context.pointee.wellFormed != 0 else {
                if !collector.problems.contains(where: \.fatal) {
                    collector.problems.append(XMLProblem(fatal: true, warning: false, code: -1, message: "the document is not well-formed", line: 1, column: 1))
                }
                return (nil, collector.problems)
            }
            return (try body(document), collector.problems)
        }
    }
}
