/// An element of a short list that is read like a dictionary: a key and its value (`JSONObject`'s members, a
/// record's `ExtraFields`, the RIS mapper's container titles). For a handful of entries, scanning the list costs
/// less than building, hashing into and freeing a hash table, and the list keeps its order.
public protocol KeyedElement {
    associatedtype Key: Equatable
    associatedtype Value
    var key: Key { get }
    var value: Value { get set }
    init(key: Key, value: Value)
}

extension Array where Element: KeyedElement {
    /// The value of the first element with `key`; setting replaces it in place or appends an element, and nil removes
    /// the element.
    @inlinable
    public subscript(key key: Element.Key) -> Element.Value? {
        get {
            // By index, so only the value is copied out, not the whole element.
            guard let index = firstIndex(where: { $0.key == key }) else { return nil }
            return self[index].value
        }
        set {
            if let index = firstIndex(where: { $0.key == key }) {
                if let newValue { self[index].value = newValue } else { remove(at: index) }
            } else if let newValue {
                append(Element(key: key, value: newValue))
            }
        }
    }
}
