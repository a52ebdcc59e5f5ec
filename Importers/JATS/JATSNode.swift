internal import CLibXML2

/// A read-only view of one libxml2 element, valid while its document is alive (inside `LibXMLParser.parse`).
///
/// Element names are compared by local name without allocating (JATS elements have no namespace; `mml:math` is
/// `math`); attributes are found by local name in any namespace, so `xlink:href` is `href` whether or not the
/// document declared the `xlink` prefix.
struct JATSNode {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) { self.pointer = pointer }

    /// The local name as a string.
    var name: String { String(cString: pointer.pointee.name) }

    /// Whether the element's local name is `name`.
    func `is`(_ name: StaticString) -> Bool { JATSNode.equal(pointer.pointee.name, name) }

    /// Whether the element's local name is one of `names`.
    func isAny(_ names: StaticString...) -> Bool { names.contains { JATSNode.equal(pointer.pointee.name, $0) } }

    static func equal(_ cName: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
        guard let cName else { return false }
        let count = name.utf8CodeUnitCount
        let bytes = name.utf8Start
        var index = 0
        while index < count {
            if cName[index] != bytes[index] { return false }
            index += 1
        }
        return cName[count] == 0
    }

    /// Whether a C string is `prefix:name` (an attribute whose prefix the document did not declare keeps it).
    static func hasPrefixedName(_ cName: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
        guard let cName else { return false }
        var colon = -1
        var index = 0
        while cName[index] != 0 {
            if cName[index] == 0x3A { colon = index }
            index += 1
        }
        return colon >= 0 && equal(cName + colon + 1, name)
    }

    /// The 1-based line of the start tag's end, as libxml2 recorded it.
    var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The element children, in order.
    var elements: ElementSequence { ElementSequence(first: pointer.pointee.children) }

    /// The first child element.
    var firstElement: JATSNode? {
        var iterator = elements
        return iterator.next()
    }

    /// The first child element named `name`.
    func child(_ name: StaticString) -> JATSNode? {
        var cursor = pointer.pointee.children
        while let node = cursor {
            if node.pointee.type == XML_ELEMENT_NODE, JATSNode.equal(node.pointee.name, name) { return JATSNode(node) }
            cursor = node.pointee.next
        }
        return nil
    }

    /// The child elements named `name`.
    func children(_ name: StaticString) -> [JATSNode] {
        var found: [JATSNode] = []
        var cursor = pointer.pointee.children
        while let node = cursor {
            if node.pointee.type == XML_ELEMENT_NODE, JATSNode.equal(node.pointee.name, name) { found.append(JATSNode(node)) }
            cursor = node.pointee.next
        }
        return found
    }

    /// The first element named `name` at any depth below this one, in document order.
    func descendant(_ name: StaticString) -> JATSNode? {
        for child in elements {
            if child.is(name) { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }

    /// Every element below this one whose name is in `names`, in document order (one walk for several names).
    func descendants(anyOf names: [StaticString]) -> [JATSNode] {
        var found: [JATSNode] = []
        collect(anyOf: names, into: &found)
        return found
    }

    private func collect(anyOf names: [StaticString], into found: inout [JATSNode]) {
        for child in elements {
            if names.contains(where: { child.is($0) }) { found.append(child) }
            child.collect(anyOf: names, into: &found)
        }
    }

    /// Every element named `name` below this one, in document order, not looking inside a match or inside
    /// elements named in `stop`.
    func descendants(_ name: StaticString, stoppingAt stop: [StaticString] = []) -> [JATSNode] {
        var found: [JATSNode] = []
        collect(name, stop, into: &found)
        return found
    }

    private func collect(_ name: StaticString, _ stop: [StaticString], into found: inout [JATSNode]) {
        for child in elements {
            if child.is(name) {
                found.append(child)
            } else if !stop.contains(where: { child.is($0) }) {
                child.collect(name, stop, into: &found)
            }
        }
    }

    /// The value of the attribute with local name `name` (any namespace), entity references expanded.
    func attribute(_ name: StaticString) -> String? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if JATSNode.equal(current.pointee.name, name) || (current.pointee.ns == nil && JATSNode.hasPrefixedName(current.pointee.name, name)) {
                if let only = current.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE, let content = only.pointee.content {
                    return String(cString: content)
                }
                var bytes: [UInt8] = []
                var child = current.pointee.children
                while let node = child {
                    JATSNode.appendRawText(of: node, to: &bytes, depth: 0)
                    child = node.pointee.next
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// The attribute's value trimmed and lower-cased, for comparing with a vocabulary.
    func keyword(_ name: StaticString) -> String? {
        guard let value = attribute(name) else { return nil }
        if !value.isEmpty, value.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || ($0 >= 0x30 && $0 <= 0x39) }) { return value }
        let trimmed = JATSText.collapse(value)
        return trimmed.isEmpty ? nil : trimmed.lowercased()
    }

    /// Text and entity content of a node list without any normalisation (attribute values).
    private static func appendRawText(of node: xmlNodePtr, to bytes: inout [UInt8], depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))) }
        case XML_ENTITY_REF_NODE:
            guard depth < 8, let entity = JATSNode.entity(of: node), entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY else { return }
            var child = entity.pointee.children
            while let current = child {
                appendRawText(of: current, to: &bytes, depth: depth + 1)
                child = current.pointee.next
            }
        default:
            break
        }
    }

    /// The entity declaration an entity-reference node points at, if it was declared.
    static func entity(of reference: xmlNodePtr) -> xmlEntityPtr? {
        guard let target = reference.pointee.children, target.pointee.type == XML_ENTITY_DECL else { return nil }
        return UnsafeMutableRawPointer(target).assumingMemoryBound(to: xmlEntity.self)
    }
}

/// The element children of a node, lazily.
struct ElementSequence: Sequence, IteratorProtocol {
    var cursor: xmlNodePtr?

    init(first: xmlNodePtr?) { self.cursor = first }

    mutating func next() -> JATSNode? {
        while let current = cursor {
            cursor = current.pointee.next
            if current.pointee.type == XML_ELEMENT_NODE { return JATSNode(current) }
        }
        return nil
    }
}
