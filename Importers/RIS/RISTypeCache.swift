import CitationModel

/// The reading of `TY` values already seen by one mapper, so the vocabulary's hash tables are consulted once per
/// distinct value rather than once per record (a file has a handful of types and tens of thousands of records).
///
/// The reading is a pure function of the value, so a cached one is exactly what a fresh lookup gives.
struct RISTypeCache {
    /// What a `TY` value means.
    struct Reading {
        /// The CSL type.
        var type: ReferenceType
        /// The RIS code the value stands for, or nil when it is unknown (the record's code stays `GEN`).
        var risType: String?
        /// The value to keep under `TY` in the extra fields, when the CSL type does not give it back.
        var kept: String?
        /// Whether the value is no RIS type at all (a warning).
        var isUnknown: Bool
        /// Whether `BT` names the container for this code (`RISVocabulary.containerIsBook`).
        var containerIsBook: Bool
    }

    /// Values seen, each packed into an integer (`key(of:)`), and their readings, at the same index.
    private var keys: [UInt64] = []
    private var readings: [Reading] = []

    /// The reading of a value given as UTF-8 bytes, looked up once per distinct value: a string is made only for a
    /// value not seen before.
    mutating func reading(utf8 value: UnsafeBufferPointer<UInt8>) -> Reading {
        guard let key = Self.key(of: value) else { return Self.read(String(decoding: value, as: UTF8.self)) }
        if let index = keys.firstIndex(of: key) { return readings[index] }
        let reading = Self.read(String(decoding: value, as: UTF8.self))
        if keys.count < 64 {
            keys.append(key)
            readings.append(reading)
        }
        return reading
    }

    /// Up to eight ASCII bytes as one integer (one value per key: no byte is zero), or nil for other values,
    /// which are looked up every time. Comparing bytes rather than strings keeps canonically equal spellings apart.
    private static func key(of value: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard value.count <= 8 else { return nil }
        var key: UInt64 = 0
        for byte in value {
            guard byte != 0, byte < 0x80 else { return nil }
            key = key << 8 | UInt64(byte)
        }
        return key
    }

    /// RIS specification (2011), "Reference Type": the exact code first, then a code in another case or a type's
    /// name (`RISVocabulary.cslType(forRISType:)`); anything else is a generic document.
    private static func read(_ value: String) -> Reading {
        if let type = RISVocabulary.cslTypeByRISType[value] {
            let kept = RISVocabulary.risType(for: type) != value ? value : nil
            return Reading(type: type, risType: value, kept: kept, isUnknown: false, containerIsBook: RISVocabulary.containerIsBook(value))
        }
        if let type = RISVocabulary.cslType(forRISType: value) {
            let upper = value.uppercased()
            let code = RISVocabulary.cslTypeByRISType[upper] != nil ? upper : RISVocabulary.risTypeByName[value.lowercased()] ?? "GEN"
            let kept = RISVocabulary.risType(for: type) != code ? code : nil
            return Reading(type: type, risType: code, kept: kept, isUnknown: false, containerIsBook: RISVocabulary.containerIsBook(code))
        }
        return Reading(type: .document, risType: nil, kept: value, isUnknown: true, containerIsBook: RISVocabulary.containerIsBook("GEN"))
    }
}
