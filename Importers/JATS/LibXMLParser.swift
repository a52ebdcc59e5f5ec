internal import CLibXML2

/// One message libxml2 gave while parsing: where, how serious, and what.
struct XMLProblem: Sendable, Equatable {
    /// Whether the message ends the parse (the document is not well-formed).
    var fatal: Bool
    /// Whether libxml2 called it a warning.
    var warning: Bool
    /// libxml2's error code (`xmlParserErrors`).
    var code: Int32
    var message: String
    /// 1-based line and column, 0 when libxml2 gave none.
    var line: Int
    var column: Int
    /// The entity or name the message is about (libxml2's `str1`), when there is one.
    var subject: String?
}

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
/// (`&#x2014;`), which can hold no markup. libxml2 then owns it and frees it with the document; the tree keeps an
/// entity-reference node that `JATSText` expands. Unknown names stay undeclared (a libxml2 warning when the
/// document has a DOCTYPE, a fatal error when it has none).
///
/// Skipping the body (`skipping: ["body"]`): the parser still reads and checks every byte, but the SAX callbacks
/// build no tree under an element named in the list (except a `ref-list` inside it, kept as its direct child), which
/// spares building and freeing the nodes of the article text that the importer never reads.
///
/// Errors: every message goes to a structured handler. The parser context's own SAX `serror` gets the parser's
/// messages (libxml2 2.9 has no `xmlCtxtSetErrorHandler`, added in 2.13); the thread's global structured handler is
/// also set for the duration of the parse, for messages raised without a context, and restored afterwards. The
/// context and, unless the closure is running, the document are always freed.
enum LibXMLParser {
    /// The options every parse uses.
    static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// At most this many messages are kept from one parse.
    static let problemLimit = 200

    /// Initialises libxml2 once per process (the first call is not thread-safe in libxml2 itself).
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `bytes`. When the document is well-formed, `body` reads it and its result is returned; the document is
    /// freed when `body` returns. When it is not, the result is nil and `problems` holds at least one fatal problem.
    static func parse<Result>(
        _ bytes: [UInt8], skippingContentOf skipped: [StaticString] = [], _ body: (xmlDocPtr) throws -> Result
    ) rethrows -> (result: Result?, problems: [XMLProblem]) {
        _ = initialised
        let collector = XMLProblemCollector()
        collector.skippedNames = skipped
        guard bytes.count < Int(Int32.max) else {
            return (nil, [XMLProblem(fatal: true, warning: false, code: -1, message: "file too large for the XML parser", line: 1, column: 1)])
        }
        let context: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlCreateMemoryParserCtxt($0, Int32(buffer.count)) }
            }
        }
        guard let context else {
            return (nil, [XMLProblem(fatal: true, warning: false, code: -1, message: bytes.isEmpty ? "the file is empty" : "libxml2 could not create a parser", line: 1, column: 1)])
        }
        defer { xmlFreeParserCtxt(context) }
        // The memory parser context reads `bytes` in place: keep them alive until the parse ends.
        return try withExtendedLifetime(bytes) {
            _ = xmlCtxtUseOptions(context, options)
            context.pointee.loadsubset = 0
            context.pointee.validate = 0
            context.pointee.replaceEntities = 0
            context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
            if let sax = context.pointee.sax {
                sax.pointee.serror = contextErrorHandler
                sax.pointee.getEntity = entityLookup
                sax.pointee.resolveEntity = refuseExternalResource
                sax.pointee.externalSubset = ignoreExternalSubset
                if !skipped.isEmpty {
                    sax.pointee.startElementNs = startElement
                    sax.pointee.endElementNs = endElement
                    sax.pointee.characters = characters
                    sax.pointee.ignorableWhitespace = characters
                    sax.pointee.reference = reference
                    sax.pointee.comment = comment
                    sax.pointee.processingInstruction = processingInstruction
                }
            }
            let savedHandler = __xmlStructuredError()?.pointee
            let savedContext = __xmlStructuredErrorContext()?.pointee
            xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(context), contextErrorHandler)
            _ = xmlParseDocument(context)
            xmlSetStructuredErrorFunc(savedContext, savedHandler)

            let document = context.pointee.myDoc
            context.pointee.myDoc = nil
            guard let document else {
                if !collector.problems.contains(where: \.fatal) {
                    collector.problems.append(XMLProblem(fatal: true, warning: false, code: -1, message: "no document", line: 1, column: 1))
                }
                return (nil, collector.problems)
            }
            defer { xmlFreeDoc(document) }
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

/// The state of one parse (its messages, the element whose content is not built); reached from the C callbacks
/// through the parser context's `_private`.
final class XMLProblemCollector {
    var problems: [XMLProblem] = []
    /// Names of elements whose content builds no tree.
    var skippedNames: [StaticString] = []
    /// The element being skipped: while it is the parser's current node, nothing is added to the tree.
    var skippedNode: xmlNodePtr?
    /// How many start tags inside the skipped element are open.
    var skippedDepth = 0

    static func of(_ userData: UnsafeMutableRawPointer?) -> XMLProblemCollector? {
        guard let pointer = userData?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<XMLProblemCollector>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Whether the parser is inside the skipped element (its current node is that element).
    static func skipping(_ userData: UnsafeMutableRawPointer?) -> Bool {
        guard let userData, let collector = of(userData), let node = collector.skippedNode else { return false }
        return userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee.node == node
    }
}

private let startElement: startElementNsSAX2Func = { userData, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
    if XMLProblemCollector.skipping(userData), !JATSNode.equal(name, "ref-list") {
        XMLProblemCollector.of(userData)?.skippedDepth += 1
        return
    }
    xmlSAX2StartElementNs(userData, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes)
    guard let collector = XMLProblemCollector.of(userData), collector.skippedNames.contains(where: { JATSNode.equal(name, $0) }) else { return }
    let context = userData!.assumingMemoryBound(to: xmlParserCtxt.self)
    collector.skippedNode = context.pointee.node
    collector.skippedDepth = 0
}

private let endElement: endElementNsSAX2Func = { userData, name, prefix, uri in
    if XMLProblemCollector.skipping(userData), let collector = XMLProblemCollector.of(userData), collector.skippedDepth > 0 {
        collector.skippedDepth -= 1
        return
    }
    xmlSAX2EndElementNs(userData, name, prefix, uri)
}

private let characters: charactersSAXFunc = { userData, text, length in
    if XMLProblemCollector.skipping(userData) { return }
    xmlSAX2Characters(userData, text, length)
}

private let reference: referenceSAXFunc = { userData, name in
    if XMLProblemCollector.skipping(userData) { return }
    xmlSAX2Reference(userData, name)
}

private let comment: commentSAXFunc = { userData, value in
    if XMLProblemCollector.skipping(userData) { return }
    xmlSAX2Comment(userData, value)
}

private let processingInstruction: processingInstructionSAXFunc = { userData, target, data in
    if XMLProblemCollector.skipping(userData) { return }
    xmlSAX2ProcessingInstruction(userData, target, data)
}

/// Receives libxml2's structured errors; `userData` is the parser context (the SAX user data, and the context the
/// global handler is registered with).
private let contextErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    guard let collector = XMLProblemCollector.of(userData) else { return }
    guard collector.problems.count < LibXMLParser.problemLimit else { return }
    let value = error.pointee
    var message = value.message.map { String(cString: $0) } ?? "unknown XML error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    collector.problems.append(
        XMLProblem(
            fatal: value.level == XML_ERR_FATAL, warning: value.level == XML_ERR_WARNING, code: value.code, message: message,
            line: Int(value.line), column: Int(value.int2), subject: value.str1.map { String(cString: $0) }))
}

/// Looks up an entity: libxml2's own lookup first, then the JATS table, declaring the name in the document.
private let entityLookup: getEntitySAXFunc = { userData, name in
    guard let userData, let name else { return nil }
    if let found = xmlSAX2GetEntity(userData, name) { return found }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard context.pointee.inSubset == 0, let document = context.pointee.myDoc,
        let value = JATSEntityTable.value(of: String(cString: name))
    else { return nil }
    if document.pointee.intSubset == nil {
        _ = xmlCreateIntSubset(document, nil, nil, nil)
    }
    var replacement = ""
    for scalar in value.unicodeScalars { replacement += "&#x" + String(scalar.value, radix: 16) + ";" }
    return replacement.withCString { text in
        text.withMemoryRebound(to: xmlChar.self, capacity: replacement.utf8.count + 1) {
            xmlAddDocEntity(document, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, $0)
        }
    }
}

/// Never loads an external entity or DTD.
private let refuseExternalResource: resolveEntitySAXFunc = { _, _, _ in nil }

/// Ignores the external DTD subset (the DOCTYPE's system identifier is only a name here).
private let ignoreExternalSubset: externalSubsetSAXFunc = { _, _, _, _ in }
