internal import CLibXML2

/// The state of one parse (its messages, the element whose content is not built); reached from the C callbacks
/// through the parser context's `_private`.
final class XMLParseState {
    var problems: [XMLProblem] = []
    /// Names of elements whose content builds no tree.
    let skippedNames: [StaticString]
    /// The element being skipped: while it is the parser's current node, nothing is added to the tree.
    var skippedNode: xmlNodePtr?
    /// How many start tags inside the skipped element are open.
    var skippedDepth = 0

    init(skippedNames: [StaticString]) { self.skippedNames = skippedNames }

    /// Runs `body` with the parse's state (the context's `_private`), without retaining and releasing it: the SAX
    /// callbacks below run for every element and text of the document, and taking the state out with a retain was
    /// about as much work as the callbacks themselves (callgrind, `Benchmarks/perf.md`, session 7). The parse keeps
    /// the state alive.
    @inline(__always)
    static func with<Result>(_ userData: UnsafeMutableRawPointer?, _ body: (XMLParseState) -> Result) -> Result? {
        guard let pointer = userData?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<XMLParseState>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
    }

    /// Whether the parser is inside the skipped element (its current node is that element).
    @inline(__always)
    static func skipping(_ userData: UnsafeMutableRawPointer?) -> Bool {
        guard let userData, let node = with(userData, { $0.skippedNode }) ?? nil else { return false }
        return userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee.node == node
    }
}

/// The SAX callbacks `LibXMLParser` installs on each parser context (C function pointers: no captures).
extension XMLParseState {
    static let startElement: startElementNsSAX2Func = { userData, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
        if skipping(userData), !JATSNode.equal(name, "ref-list") {
            with(userData) { $0.skippedDepth += 1 }
            return
        }
        xmlSAX2StartElementNs(userData, name, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes)
        with(userData) { state in
            guard state.skippedNames.contains(where: { JATSNode.equal(name, $0) }) else { return }
            state.skippedNode = userData!.assumingMemoryBound(to: xmlParserCtxt.self).pointee.node
            state.skippedDepth = 0
        }
    }

    static let endElement: endElementNsSAX2Func = { userData, name, prefix, uri in
        // The end of an element inside the skipped one only closes what its start opened.
        if skipping(userData), with(userData, { state in
            guard state.skippedDepth > 0 else { return false }
            state.skippedDepth -= 1
            return true
        }) == true {
            return
        }
        xmlSAX2EndElementNs(userData, name, prefix, uri)
    }

    static let characters: charactersSAXFunc = { userData, text, length in
        if skipping(userData) { return }
        xmlSAX2Characters(userData, text, length)
    }

    static let reference: referenceSAXFunc = { userData, name in
        if skipping(userData) { return }
        xmlSAX2Reference(userData, name)
    }

    static let comment: commentSAXFunc = { userData, value in
        if skipping(userData) { return }
        xmlSAX2Comment(userData, value)
    }

    static let processingInstruction: processingInstructionSAXFunc = { userData, target, data in
        if skipping(userData) { return }
        xmlSAX2ProcessingInstruction(userData, target, data)
    }

    /// Receives libxml2's structured errors; `userData` is the parser context (the SAX user data, and the context the
    /// global handler is registered with).
    static let contextErrorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        with(userData) { collector in
            guard collector.problems.count < LibXMLParser.problemLimit else { return }
            let value = error.pointee
            var message = value.message.map { String(cString: $0) } ?? "unknown XML error"
            while message.last == "\n" || message.last == " " { message.removeLast() }
            collector.problems.append(
                XMLProblem(
                    fatal: value.level == XML_ERR_FATAL, warning: value.level == XML_ERR_WARNING, code: value.code, message: message,
                    line: Int(value.line), column: Int(value.int2), subject: value.str1.map { String(cString: $0) }))
        }
    }

    /// Looks up an entity: libxml2's own lookup first, then the JATS table, declaring the name in the document.
    static let entityLookup: getEntitySAXFunc = { userData, name in
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
    static let refuseExternalResource: resolveEntitySAXFunc = { _, _, _ in nil }

    /// Ignores the external DTD subset (the DOCTYPE's system identifier is only a name here).
    static let ignoreExternalSubset: externalSubsetSAXFunc = { _, _, _, _ in }
}
