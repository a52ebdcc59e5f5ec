import CitationModel

/// One entry of the append-only audit log: who changed which link or record, when, with the before and after images.
public struct AuditEvent: Sendable, Hashable {
    public var id: Int64
    /// ISO 8601 time.
    public var at: String
    public var actor: String
    /// `link.add`, `link.update`, `link.remove`, `link.restore` or `reference.design`.
    public var action: String
    public var referenceKey: String?
    public var conceptID: String?
    /// The JSON image before and after the change (an evidence link, or `{"studyDesign": ...}`).
    public var before: JSONValue?
    public var after: JSONValue?

    /// The link the `before` image holds, when it is a link.
    public var linkBefore: EvidenceLink? { Self.link(before, referenceKey: referenceKey) }
    /// The link the `after` image holds, when it is a link.
    public var linkAfter: EvidenceLink? { Self.link(after, referenceKey: referenceKey) }

    static func link(_ image: JSONValue?, referenceKey: String?) -> EvidenceLink? {
        guard let image, case .object = image, let node = try? JSONParser.parse(image.serialized()) else { return nil }
        var diagnostics: [Diagnostic] = []
        return EvidenceLink.fromJSON(node, reference: referenceKey, file: "audit", diagnostics: &diagnostics)
    }
}
