internal import CLibXML2
import CitationModel

/// Reads the text of JATS elements: inline markup to `RichText`, plain strings, and the literal text of a citation.
///
/// Inline styles follow the JATS tag library's "Formatting elements": `italic`, `bold`, `sup`, `sub`, `sc` become
/// the RichText styles, `roman` removes italic, `monospace`/`underline`/`overline` keep their text unstyled. White
/// space is XML's (space, tab, line feed, carriage return): each run of it becomes one space, kept between adjacent
/// elements (`<italic>Homo</italic> <italic>sapiens</italic>`), and trimmed at both ends. Markers that are not part
/// of the text are left out: footnote and affiliation `xref`s, `fn`, graphics; `alternatives` gives its first form;
/// a formula gives its MathML or TeX text.
///
/// Entity references: an entity declared inside the document (or by `LibXMLParser` from `JATSEntityTable`) expands
/// to its replacement text, within a budget of nodes and of bytes (a million each) per document, so an expansion bomb
/// that libxml2 let through (one large entity referenced many times) still ends quickly; an external entity is never read (a warning); an unknown name stays as `&name;` (a warning).
final class JATSText {
    /// Something about entities worth a warning, with the line of the element it was in.
    struct Event: Hashable {
        enum Kind: Hashable { case unknownEntity, externalEntity }
        var kind: Kind
        var name: String
        var line: Int
    }

    /// Warnings gathered while reading, at most one per kind and name.
    private(set) var events: [Event] = []
    private var reported: Set<String> = []
    /// Nodes left to visit inside entity expansions for this document.
    private var expansionBudget: Int
    /// Bytes of text left to take from entity expansions for this document (a quadratic blow-up: one large entity
    /// referenced many times, which libxml2 does not expand and so does not limit).
    private var expansionByteBudget: Int
    /// Set when the expansion budget ran out: the document must not be imported.
    private(set) var expansionExceeded = false
    /// Whether element boundaries separate words (reading a literal).
    private var softBreaks = false

    init(expansionBudget: Int = 1_000_000, expansionByteBudget: Int = 1_000_000) {
        self.expansionBudget = expansionBudget
        self.expansionByteBudget = expansionByteBudget
    }

    // MARK: Public readers

    /// The element's content with its inline styles, or nil when it has no text; child elements named in
    /// `skipping` are left out.
    func rich(_ node: JATSNode?, skipping: [StaticString] = []) -> RichText? {
        guard let node else { return nil }
        var builder = Builder()
        read(node, skipping: skipping, into: &builder)
        if expansionExceeded { return nil }
        let text = builder.richText()
        return text.isEmpty ? nil : text
    }

    /// The element's text without styles, white space collapsed, or nil when empty; child elements named in
    /// `skipping` are left out.
    func plain(_ node: JATSNode?, skipping: [StaticString] = []) -> String? {
        guard let node else { return nil }
        if !softBreaks, let only = node.pointer.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
            let content = only.pointee.content, Self.isClean(content)
        {
            return String(cString: content)
        }
        var builder = Builder()
        read(node, skipping: skipping, into: &builder)
        if expansionExceeded { return nil }
        let text = builder.plain()
        return text.isEmpty ? nil : text
    }

    /// Reads an element's content into `builder`.
    func read(_ node: JATSNode, skipping: [StaticString] = [], style: RichText.Style = [], into builder: inout Builder) {
        guard !skipping.isEmpty else {
            walk(node.pointer.pointee.children, style: style, line: node.line, into: &builder, depth: 0)
            return
        }
        var cursor = node.pointer.pointee.children
        while let child = cursor {
            cursor = child.pointee.next
            if child.pointee.type == XML_ELEMENT_NODE, skipping.contains(where: { JATSNode(child).is($0) }) { continue }
            if !visit(child, style: style, line: node.line, into: &builder, depth: 0) { return }
        }
    }

    /// The whole text of a citation, for its literal form: like `plain`, but where two tagged parts meet with no
    /// text between them (`<surname>Avery</surname><given-names>SV</given-names>`, as BMC writes mixed citations)
    /// and both sides are letters or digits, a space separates them.
    func literal(_ node: JATSNode) -> String? {
        softBreaks = true
        defer { softBreaks = false }
        return plain(node)
    }

    /// The plain text of several elements, joined with `separator`, or nil when all are empty.
    func plain(_ nodes: [JATSNode], separator: String) -> String? {
        let parts = nodes.compactMap { plain($0) }
        return parts.isEmpty ? nil : parts.joined(separator: separator)
    }

    // MARK: Walking

    private static let skipped: [StaticString] = [
        "fn", "inline-graphic", "graphic", "media", "target", "object-id", "alt-text", "long-desc", "private-char",
    ]
    /// Elements inside a word or phrase: no word boundary at their edges.
    private static let inline: [StaticString] = [
        "monospace", "underline", "overline", "sans-serif", "named-content", "styled-content", "inline-formula", "x",
        "strike", "math", "mi", "mo", "mn", "mrow", "msub", "msup", "abbrev",
    ]
    private static let markerReferences: Set<String> = ["fn", "aff", "corresp", "author-notes", "table-fn", "other"]

    private func walk(_ first: xmlNodePtr?, style: RichText.Style, line: Int, into builder: inout Builder, depth: Int) {
        var cursor = first
        while let node = cursor {
            cursor = node.pointee.next
            if !visit(node, style: style, line: line, into: &builder, depth: depth) { return }
        }
    }

    /// Reads one node; false when the expansion budget ran out.
    private func visit(_ node: xmlNodePtr, style: RichText.Style, line: Int, into builder: inout Builder, depth: Int) -> Bool {
        if expansionExceeded { return false }
        if depth > 0 {
            expansionBudget -= 1
            if expansionBudget < 0 {
                expansionExceeded = true
                return false
            }
        }
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { break }
            if depth > 0 {
                expansionByteBudget -= Int(xmlStrlen(content))
                if expansionByteBudget < 0 {
                    expansionExceeded = true
                    return false
                }
            }
            builder.append(cString: content, style: style)
        case XML_ENTITY_REF_NODE:
            expand(node, style: style, line: line, into: &builder, depth: depth)
        case XML_ELEMENT_NODE:
            element(JATSNode(node), style: style, into: &builder, depth: depth)
        default:
            break
        }
        return true
    }

    /// What an element is to the text reader.
    private enum Kind {
        case style(RichText.Style), roman, lineBreak, alternatives, reference, skipped, inline, other
    }

    /// Element kinds by the address of the element's name: libxml2 interns names in the document's dictionary, so
    /// each distinct name is classified once per document.
    private var kinds: [UnsafeRawPointer: Kind] = [:]

    private func kind(of element: JATSNode) -> Kind {
        let key = UnsafeRawPointer(element.pointer.pointee.name!)
        if let known = kinds[key] { return known }
        let kind: Kind
        if element.isAny("italic", "i", "em") {
            kind = .style(.italic)
        } else if element.isAny("bold", "b", "strong") {
            kind = .style(.bold)
        } else if element.is("sup") {
            kind = .style(.superscript)
        } else if element.is("sub") {
            kind = .style(.subscript)
        } else if element.is("sc") {
            kind = .style(.smallCaps)
        } else if element.is("roman") {
            kind = .roman
        } else if element.is("break") {
            kind = .lineBreak
        } else if element.is("alternatives") {
            kind = .alternatives
        } else if element.is("xref") {
            kind = .reference
        } else if Self.skipped.contains(where: { element.is($0) }) {
            kind = .skipped
        } else if Self.inline.contains(where: { element.is($0) }) {
            kind = .inline
        } else {
            kind = .other
        }
        kinds[key] = kind
        return kind
    }

    private func element(_ element: JATSNode, style: RichText.Style, into builder: inout Builder, depth: Int) {
        let line = element.line
        let children = element.pointer.pointee.children
        switch kind(of: element) {
        case .style(let added):
            walk(children, style: style.union(added), line: line, into: &builder, depth: depth)
        case .roman:
            walk(children, style: style.subtracting(.italic), line: line, into: &builder, depth: depth)
        case .lineBreak:
            builder.appendSpace(style: style)
        case .alternatives:
            if let first = element.elements.first(where: { !$0.isAny("graphic", "inline-graphic", "media") }) {
                self.element(first, style: style, into: &builder, depth: depth)
            }
        case .reference:
            if let type = element.keyword("ref-type"), Self.markerReferences.contains(type) { return }
            walk(children, style: style, line: line, into: &builder, depth: depth)
        case .skipped:
            return
        case .inline:
            walk(children, style: style, line: line, into: &builder, depth: depth)
        case .other:
            if softBreaks { builder.markBoundary() }
            walk(children, style: style, line: line, into: &builder, depth: depth)
            if softBreaks { builder.markBoundary() }
        }
    }

    private func expand(_ reference: xmlNodePtr, style: RichText.Style, line: Int, into builder: inout Builder, depth: Int) {
        let name = reference.pointee.name.map { String(cString: $0) } ?? ""
        guard let entity = JATSNode.entity(of: reference) else {
            note(.unknownEntity, name, line)
            builder.append(bytes: Array(("&" + name + ";").utf8), style: style)
            return
        }
        switch entity.pointee.etype {
        case XML_INTERNAL_GENERAL_ENTITY:
            guard depth < 32 else {
                expansionExceeded = true
                return
            }
            walk(entity.pointee.children, style: style, line: line, into: &builder, depth: depth + 1)
        default:
            note(.externalEntity, name, line)
        }
    }

    private func note(_ kind: Event.Kind, _ name: String, _ line: Int) {
        let key = "\(kind):\(name)"
        guard !reported.contains(key) else { return }
        reported.insert(key)
        events.append(Event(kind: kind, name: name, line: line))
    }

    // MARK: Building text

    /// Accumulates styled UTF-8 text, collapsing white space as it goes: one byte buffer, and the offsets where the
    /// style changes.
    struct Builder {
        private var bytes: [UInt8] = []
        private var styleStarts: [Int] = []
        private var styles: [RichText.Style] = []
        private var pendingSpace: RichText.Style?
        private var boundary = false

        /// Marks an element boundary: a space goes here if letters or digits meet across it.
        mutating func markBoundary() { boundary = true }

        private static func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }

        mutating func append(cString content: UnsafePointer<xmlChar>, style: RichText.Style) {
            let length = Int(xmlStrlen(content))
            append(UnsafeBufferPointer(start: content, count: length), style: style)
        }

        mutating func append(bytes text: [UInt8], style: RichText.Style) {
            text.withUnsafeBufferPointer { append($0, style: style) }
        }

        /// Adds `text` a word at a time: the first byte of each run without white space goes through `add` (the
        /// pending space, or the space at an element boundary, goes before it, and it sets the style), the rest of
        /// the run is copied after it, as `add` would add it byte by byte.
        private mutating func append(_ text: UnsafeBufferPointer<UInt8>, style: RichText.Style) {
            var index = 0
            while index < text.count {
                let byte = text[index]
                guard !Self.isSpace(byte) else {
                    add(byte, style: style)
                    index += 1
                    continue
                }
                var end = index + 1
                while end < text.count, !Self.isSpace(text[end]) { end += 1 }
                add(byte, style: style)
                if end > index + 1 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[(index + 1)..<end])) }
                index = end
            }
        }

        private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

        mutating func appendSpace(style: RichText.Style) { add(0x20, style: style) }

        private mutating func add(_ byte: UInt8, style: RichText.Style) {
            if Self.isSpace(byte) {
                if pendingSpace == nil && !bytes.isEmpty { pendingSpace = style }
                return
            }
            if let spaceStyle = pendingSpace {
                pendingSpace = nil
                push(0x20, style: spaceStyle)
            } else if boundary, let last = bytes.last, Self.isWordByte(last), Self.isWordByte(byte) {
                push(0x20, style: [])
            }
            boundary = false
            push(byte, style: style)
        }

        private mutating func push(_ byte: UInt8, style: RichText.Style) {
            if styles.last != style {
                styles.append(style)
                styleStarts.append(bytes.count)
            }
            bytes.append(byte)
        }

        func richText() -> RichText {
            var runs: [RichText.Run] = []
            runs.reserveCapacity(styles.count)
            for index in 0..<styles.count {
                let end = index + 1 < styleStarts.count ? styleStarts[index + 1] : bytes.count
                runs.append(RichText.Run(String(decoding: bytes[styleStarts[index]..<end], as: UTF8.self), style: styles[index]))
            }
            return RichText(runs: runs)
        }

        func plain() -> String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Whether a C string is non-empty and needs no white-space collapsing (no tab or line end, no leading, trailing
    /// or double space).
    private static func isClean(_ content: UnsafePointer<xmlChar>) -> Bool {
        guard content[0] != 0, content[0] != 0x20 else { return false }
        var index = 0
        var previous: UInt8 = 0
        while true {
            let byte = content[index]
            if byte == 0 { return previous != 0x20 }
            if byte == 0x0A || byte == 0x09 || byte == 0x0D || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
            index += 1
        }
    }

    /// Trims white space and citation punctuation (`.,;:()[]`) from both ends.
    static func trimPunctuation(_ text: String) -> String {
        var scalars = Substring(text)
        let set: Set<Character> = [".", ",", ";", ":", "(", ")", "[", "]"]
        while let first = scalars.first, first.isWhitespace || set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace || set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// Collapses XML white space to single spaces and trims the ends.
    static func collapse(_ text: String) -> String {
        var builder = Builder()
        builder.append(bytes: Array(text.utf8), style: [])
        return builder.plain()
    }
}
