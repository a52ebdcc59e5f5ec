import Foundation

extension SourceText {
    /// The line starts of `bytes` when they are valid UTF-8 without a carriage return, in one pass; nil otherwise
    /// (the caller then takes the general path: fallback decoding, line-end normalisation, then the line table).
    ///
    /// Validation follows the Unicode Standard, Table 3-7 "Well-Formed UTF-8 Byte Sequences" (no overlong forms,
    /// no surrogates, nothing above U+10FFFF), so it accepts exactly what `String(validating:as:)` accepts. ASCII
    /// is checked eight bytes at a time, and line feeds in such a word are found without a branch per byte.
    static func scan(_ bytes: [UInt8]) -> [Int]? {
        bytes.withUnsafeBufferPointer { buffer -> [Int]? in
            let count = buffer.count
            var starts: [Int] = [0]
            starts.reserveCapacity(count / 24 + 1)
            guard let base = buffer.baseAddress else { return starts }
            let high: UInt64 = 0x8080_8080_8080_8080
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            let returns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
            /// The high bit of each byte of `word` that is zero, exactly (no borrow between bytes).
            func zeroBytes(_ word: UInt64) -> UInt64 { ~(((word & low7) &+ low7) | word | low7) }
            var index = 0
            while index < count {
                if index + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if word & high == 0 {
                        if zeroBytes(word ^ returns) != 0 { return nil }
                        var found = zeroBytes(word ^ lineFeeds)
                        while found != 0 {
                            starts.append(index + found.trailingZeroBitCount / 8 + 1)
                            found &= found &- 1
                        }
                        index += 8
                        continue
                    }
                }
                let byte = base[index]
                if byte < 0x80 {
                    if byte == 0x0A {
                        starts.append(index + 1)
                    } else if byte == 0x0D {
                        return nil
                    }
                    index += 1
                    continue
                }
                // A multi-byte sequence: its length and the range of its second byte (Table 3-7).
                let length: Int
                var secondLow: UInt8 = 0x80
                var secondHigh: UInt8 = 0xBF
                switch byte {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; secondLow = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; secondHigh = 0x9F
                case 0xF0: length = 4; secondLow = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; secondHigh = 0x8F
                default: return nil
                }
                guard index + length <= count else { return nil }
                let second = base[index + 1]
                guard second >= secondLow && second <= secondHigh else { return nil }
                var next = 2
                while next < length {
                    guard base[index + next] & 0xC0 == 0x80 else { return nil }
                    next += 1
                }
                index += length
            }
            return starts
        }
    }
}
