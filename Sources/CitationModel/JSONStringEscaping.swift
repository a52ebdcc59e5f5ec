/// JSON string escaping (RFC 8259, section 7), the one implementation behind `JSONValue.writeString` and
/// `CSLJSONTextWriter`: only `"`, `\` and the control characters below U+0020 are escaped, with the short forms
/// `\"` `\\` `\n` `\r` `\t` `\b` `\f` where JSON has them and `\u00xx` otherwise. Every escaped character is ASCII,
/// so working on UTF-8 bytes never splits a character.
enum JSONStringEscaping {
    /// Calls `write` with the pieces of the escaped form of `utf8`, in order: the runs that need no escaping, whole,
    /// and an escape sequence for each byte between them.
    @inline(__always)
    static func forEachPiece(of utf8: UnsafeBufferPointer<UInt8>, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        while let index = firstEscape(in: utf8, from: start) {
            if start < index { write(UnsafeBufferPointer(rebasing: utf8[start..<index])) }
            sequences[Int(utf8[index])].withUnsafeBufferPointer(write)
            start = index + 1
        }
        if start < utf8.count { write(UnsafeBufferPointer(rebasing: utf8[start...])) }
    }

    /// The offset of the first byte from `start` on that must be escaped, if any: eight bytes at a time while none
    /// of them needs it (most text needs none).
    static func firstEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = utf8.baseAddress else { return nil }
        var index = start
        let end = utf8.count
        while index + 8 <= end, !mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
            index += 8
        }
        while index < end {
            if needsEscape(utf8[index]) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `byte` is escaped: a control character, `"` or `\`.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }

    /// Whether any of the eight bytes of `word` needs escaping: the SWAR tests "has a byte less than n" and "has a
    /// zero byte" (after XOR with the byte sought), which are exact for whether such a byte exists. Bytes of 0x80
    /// and above (UTF-8 sequences) never match.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote & highs
        let backslashZero = (backslash &- ones) & ~backslash & highs
        return (control | quoteZero | backslashZero) != 0
    }

    /// The escape sequence of each byte up to `\` (0x5C); empty for the bytes written as they are.
    private static let sequences: [[UInt8]] = (0...0x5C).map { (byte: Int) -> [UInt8] in
        switch byte {
        case 0x22: return Array(#"\""#.utf8)
        case 0x5C: return Array(#"\\"#.utf8)
        case 0x0A: return Array(#"\n"#.utf8)
        case 0x0D: return Array(#"\r"#.utf8)
        case 0x09: return Array(#"\t"#.utf8)
        case 0x08: return Array(#"\b"#.utf8)
        case 0x0C: return Array(#"\f"#.utf8)
        case ..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            return Array(#"\u00"#.utf8) + [hex[byte >> 4], hex[byte & 0x0F]]
        default: return []
        }
    }
}
