/// A list a parser fills and empties again and again (the parts of a name, the fields of a record): emptied by
/// setting its count to zero, its storage kept and written over.
///
/// `Array.removeAll(keepingCapacity: true)` goes through the general `replaceSubrange` and costs about 190
/// instructions even on a short array of plain values; the BibTeX name parser emptied three lists for every name.
/// Elements past `count` stay in the storage until written over.
struct ScratchList<Element>: RandomAccessCollection {
    private var storage: [Element] = []
    /// The number of elements in use.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// The element at `index`, read in place (as `Array`'s subscript does), not copied out: a record's dates hold
    /// strings, and copying one to read its year retained and released them.
    subscript(index: Int) -> Element {
        _read {
            assert(index < count, "index \(index) beyond the \(count) elements in use")
            yield storage[index]
        }
    }

    /// Empties the list; its storage is kept for the next use.
    mutating func removeAll() { count = 0 }

    mutating func append(_ element: consuming Element) {
        if count < storage.count { storage[count] = element } else { storage.append(element) }
        count += 1
    }
}
