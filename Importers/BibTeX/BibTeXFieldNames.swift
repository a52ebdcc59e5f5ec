/// The field names one reader has seen, interned: each distinct lower-cased name is made into a `String`, numbered
/// and looked up in the mapper's slot table once, then found again by its bytes, with no `String` made or hashed:
/// a name of up to 16 bytes by its lower-cased bytes packed in two words, a longer one in an open-addressing table
/// with an FNV-1a hash over the lower-cased bytes.
struct BibTeXFieldNames {
    private var names: [BibTeXFieldName] = []
    /// The lower-cased bytes of every name, one after another; `spans[i]` is where name `i`'s are.
    private var storage: [UInt8] = []
    private var spans: [Range<Int>] = []
    /// Slots of the hash table: an index into `names`, or -1.
    private var table = [Int32](repeating: -1, count: 256)

    /// Names of up to 16 bytes (nearly all), found by their lower-cased bytes packed in two words: a hash of the
    /// words and two comparisons, where the general table hashes and compares byte by byte.
    private var shortTable = [ShortSlot](repeating: ShortSlot(), count: 256)

    private struct ShortSlot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        /// The name's index plus one; 0 for an empty slot.
        var entry: Int32 = 0
        var count: UInt8 = 0
    }

    /// The interned name for ASCII-case-insensitive `bytes`.
    ///
    /// Unretained: the table holds the name for as long as it lives, and fields keep it so (`NamedField`).
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Unmanaged<BibTeXFieldName> {
        guard bytes.count <= 16, let base = bytes.baseAddress else { return .passUnretained(internLong(bytes)) }
        // The name's bytes in two words (byte i at bits 8i, zeros after the name), lower-cased eight at a time.
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
        let low = Self.lower(word: UInt64(littleEndian: words.0))
        let high = Self.lower(word: UInt64(littleEndian: words.1))
        let mask = shortTable.count - 1
        var slot = Self.shortHash(low, high, bytes.count) & mask
        while true {
            let found = shortTable[slot]
            if found.entry == 0 { break }
            if found.low == low && found.high == high && Int(found.count) == bytes.count { return .passUnretained(names[Int(found.entry) - 1]) }
            slot = (slot + 1) & mask
        }
        let name = internLong(bytes)
        shortTable[slot] = ShortSlot(low: low, high: high, entry: Int32(name.id + 1), count: UInt8(bytes.count))
        if names.count * 2 > shortTable.count { growShort() }
        return .passUnretained(name)
    }

    private static func shortHash(_ low: UInt64, _ high: UInt64, _ count: Int) -> Int {
        var hash = (low ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ (hash >> 29) ^ high) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    private mutating func growShort() {
        let old = shortTable
        shortTable = [ShortSlot](repeating: ShortSlot(), count: old.count * 2)
        let mask = shortTable.count - 1
        for entry in old where entry.entry != 0 {
            var slot = Self.shortHash(entry.low, entry.high, Int(entry.count)) & mask
            while shortTable[slot].entry != 0 { slot = (slot + 1) & mask }
            shortTable[slot] = entry
        }
    }

    /// The interned name for `bytes` by the general table (any length).
    private mutating func internLong(_ bytes: UnsafeBufferPointer<UInt8>) -> BibTeXFieldName {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(Self.lower(byte))) &* 16_777_619 }
        let mask = table.count - 1
        var slot = Int(hash) & mask
        while true {
            let index = Int(table[slot])
            if index < 0 { break }
            if matches(index, bytes) { return names[index] }
            slot = (slot + 1) & mask
        }
        let text = String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = Self.lower(byte) }
            return bytes.count
        }
        let name = BibTeXFieldName(text: text, id: names.count, slot: BibTeXEntryMapper.slot(for: text))
        let start = storage.count
        storage.append(contentsOf: text.utf8)
        spans.append(start..<storage.count)
        table[slot] = Int32(names.count)
        names.append(name)
        if names.count * 2 > table.count { grow() }
        return name
    }

    /// The interned name for `text` (lower-cased already, or not).
    mutating func intern(_ text: String) -> Unmanaged<BibTeXFieldName> {
        return text.withUTF8Bytes { intern($0) }
    }

    private func matches(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[index]
        guard span.count == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            var offset = 0
            for position in span {
                if stored[position] != Self.lower(bytes[offset]) { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        storage.withUnsafeBufferPointer { stored in
            for (index, span) in spans.enumerated() {
                var hash: UInt32 = 2_166_136_261
                for position in span { hash = (hash ^ UInt32(stored[position])) &* 16_777_619 }
                var slot = Int(hash) & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(index)
            }
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// `lower` of each of the eight bytes of `word` at once: A-Z (0x41-0x5A) gain 0x20, every other byte (non-ASCII
    /// included) stays. Each byte's low seven bits plus a constant sets its high bit exactly when they reach a bound,
    /// and no sum carries into the next byte (at most 0x7F + 0x3F).
    private static func lower(word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = word & (0x7F &* ones)
        let fromA = low7 &+ ((0x80 - 0x41) &* ones)
        let pastZ = low7 &+ ((0x80 - 0x5B) &* ones)
        let upper = fromA & ~pastZ & ~word & (0x80 &* ones)
        return word | (upper >> 2)
    }
}
