/// The fields of a source format that have no place in the model, by the source's field name, in the order they were
/// added (for an import, the order of the source).
///
/// Read and written like a dictionary (`extraFields["hhtype"] = "grammar"`; nil removes), but kept as a short list: a
/// record has a handful of such fields, and scanning a few names costs less than building, hashing into and freeing
/// a hash table for each record (about 1,500 instructions a record when importing BibTeX). Equality and hashing
/// ignore the order, as a dictionary's do, so two readings of one record that add the same fields in another order
/// are equal.
public struct ExtraFields: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: String)

    /// One field; a struct rather than a tuple so the list is copied and freed by specialised code.
    fileprivate struct Field: Hashable, Sendable, KeyedElement {
        var key: String
        var value: String
    }

    private var fields: [Field] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The value of the field named `key`; setting nil removes the field, setting a new name adds it at the end.
    public subscript(key: String) -> String? {
        get { fields[key: key] }
        set { fields[key: key] = newValue }
    }

    public var isEmpty: Bool { fields.isEmpty }
    public var count: Int { fields.count }
    /// The field names, in order.
    public var keys: [String] { fields.map(\.key) }

    /// Makes room for `capacity` fields.
    public mutating func reserveCapacity(_ capacity: Int) { fields.reserveCapacity(capacity) }

    public struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Field]>
        public mutating func next() -> Element? { base.next().map { ($0.key, $0.value) } }
    }

    public func makeIterator() -> Iterator { Iterator(base: fields.makeIterator()) }

    public var underestimatedCount: Int { fields.count }

    /// Equal when they have the same names with the same values, in whatever order.
    public static func == (lhs: ExtraFields, rhs: ExtraFields) -> Bool {
        lhs.fields.count == rhs.fields.count && lhs.fields.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// Hashes the fields independently of their order, as `Dictionary` does.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for field in fields {
            var own = Hasher()
            own.combine(field)
            combined = combined &+ own.finalize()
        }
        hasher.combine(fields.count)
        hasher.combine(combined)
    }
}

extension ExtraFields: CustomStringConvertible {
    /// `["hhtype": "grammar", "lgcode": "abc"]`, in order.
    public var description: String {
        guard !fields.isEmpty else { return "[:]" }
        return "[" + fields.map { "\($0.key.debugDescription): \($0.value.debugDescription)" }.joined(separator: ", ") + "]"
    }
}
