/// Eight bytes at a time: tests on a 64-bit word that answer for each of its bytes at once, for the scans that skip
/// text holding none of a few bytes (the UTF-8 check of a file, BibTeX values, RIS values).
public enum ByteWord {
    /// The eight bytes at `pointer`, the first in the lowest bits.
    @inlinable
    public static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is zero, and no other bit. Exact for every byte: adding 0x7F to a
    /// byte's low seven bits never carries into the next byte, where the usual `(w - 0x01..) & ~w & 0x80..` can
    /// mark a 0x01 that follows a zero byte.
    @inlinable
    public static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low7) &+ low7) | word | low7)
    }

    /// The high bit of each byte of `word` that is `byte`, and no other bit.
    @inlinable
    public static func bytes(_ byte: UInt8, in word: UInt64) -> UInt64 {
        zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(byte)))
    }
}
