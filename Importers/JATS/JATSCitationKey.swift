import CitationModel

/// Deterministic citation keys for JATS records, so importing a file again updates its records instead of adding new.
///
/// The base is the lead creator's family name, the year and the first significant word of the title, in lower-case
/// ASCII: `dennehy2011factors` (`nd` for no year). An article, and a cited work with a DOI, PMID, PMCID, ISBN or
/// arXiv id, keeps the base alone: the store finds it again by that identifier. A cited work without one gets a
/// suffix, six hex digits of a hash of its normalised title (or, without a title, of its literal text), so two
/// different works by the same author in the same year do not share a key, and the same work cited by two papers
/// with the same title does.
enum JATSCitationKey {
    private static let stopWords: Set<String> = [
        "a", "an", "the", "on", "of", "in", "and", "for", "to", "at", "by", "with", "from", "is", "are", "as", "or",
        "der", "die", "das", "le", "la", "les", "el", "los", "de", "du", "des", "un", "une", "ein", "eine",
    ]

    /// The key of an article or of a cited work with an identifier.
    static func key(for reference: Reference) -> String {
        let fullTitle = reference.fullTitle
        let base = self.base(reference, fullTitle: fullTitle)
        return base.isEmpty ? "jats" + hash(fullTitle) : base
    }

    /// The key of a cited work: the base, with a hash suffix when the work has no identifier the store matches on.
    static func key(forCited reference: Reference, literal: String?) -> String {
        let fullTitle = reference.fullTitle
        let base = self.base(reference, fullTitle: fullTitle)
        let identified = reference.identifiers.contains { $0.kind.identifiesWork }
        if identified && !base.isEmpty { return base }
        var (value, kept) = normalisedHash(fullTitle)
        if kept == 0 { value = normalisedHash(literal ?? reference.note ?? "").value }
        return (base.isEmpty ? "ref" : base + "-") + hex(value)
    }

    /// `familyYEARword`, or the parts of it that exist.
    static func base(_ reference: Reference, fullTitle: String? = nil) -> String {
        var key = ""
        if let lead = reference.leadCreator {
            let name = lead.literal ?? lead.family ?? lead.given ?? ""
            key = ascii(lead.literal != nil ? String(name.split(separator: " ").first ?? "") : name)
        }
        key += reference.year.map(String.init) ?? "nd"
        if let word = firstSignificantWord(fullTitle ?? reference.fullTitle) { key += String(word.prefix(20)) }
        return key == "nd" ? "" : key
    }

    /// The first word of `title` that is not a stop word, as lower-case ASCII; hyphens and apostrophes inside a
    /// word are dropped (`co-creation` is `cocreation`).
    static func firstSignificantWord(_ title: String) -> String? {
        let fast = title.withUTF8Bytes { firstSignificantASCIIWord($0) }
        if fast.isASCII { return fast.word }
        var word = String.UnicodeScalarView()
        // The word's length in scalars, kept apart because `UnicodeScalarView.count` walks the whole view.
        var length = 0
        func finished() -> String? {
            defer {
                word = String.UnicodeScalarView()
                length = 0
            }
            guard !word.isEmpty else { return nil }
            let folded = ascii(String(word))
            return folded.isEmpty || stopWords.contains(folded) ? nil : folded
        }
        for scalar in title.unicodeScalars {
            let value = scalar.value
            let isWordCharacter = value < 0x80
                ? ((0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value))
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            if isWordCharacter {
                if length < 40 {
                    word.append(scalar)
                    length += 1
                }
            } else if !word.isEmpty, scalar == "-" || scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2010}" {
                continue  // inside a word: `co-creation`, `people's`
            } else if let found = finished() {
                return found
            }
        }
        return finished()
    }

    /// `firstSignificantWord` for a title of ASCII bytes only, byte by byte (the same words, the same rules);
    /// `isASCII` is false, and nothing was looked at, when the title has a byte outside ASCII: it takes the scalar path.
    private static func firstSignificantASCIIWord(_ title: UnsafeBufferPointer<UInt8>) -> (isASCII: Bool, word: String?) {
        guard !title.contains(where: { $0 >= 0x80 }) else { return (false, nil) }
        var word: [UInt8] = []
        word.reserveCapacity(40)
        for byte in title {
            switch byte {
            case 0x61...0x7A, 0x30...0x39:
                if word.count < 40 { word.append(byte) }
                continue
            case 0x41...0x5A:
                if word.count < 40 { word.append(byte | 0x20) }
                continue
            case 0x2D, 0x27:
                continue  // inside a word: `co-creation`, `people's` (between words it ends nothing either)
            default:
                break
            }
            guard !word.isEmpty else { continue }
            let folded = String(decoding: word, as: UTF8.self)
            if !stopWords.contains(folded) { return (true, folded) }
            word.removeAll(keepingCapacity: true)
        }
        guard !word.isEmpty else { return (true, nil) }
        let folded = String(decoding: word, as: UTF8.self)
        return (true, stopWords.contains(folded) ? nil : folded)
    }

    /// Lower-case ASCII letters and digits of `text`, accents dropped (`ASCIIFolding`).
    static func ascii(_ text: String) -> String { ASCIIFolding.fold(text) }

    /// Six hex digits of the 32-bit FNV-1a hash of `text`'s UTF-8 (stable across runs and platforms).
    static func hash(_ text: String) -> String {
        var value = fnvOffsetBasis
        for byte in text.utf8 { fnvAdd(byte, to: &value) }
        return hex(value)
    }

    /// The FNV-1a hash of `text` normalised, and how many bytes the normalised text has, in one pass without making
    /// it: ASCII punctuation and spaces dropped, ASCII letters lower-cased, other bytes kept as they are, so that
    /// texts differing only in punctuation, spacing or case hash alike.
    static func normalisedHash(_ text: String) -> (value: UInt32, kept: Int) {
        return text.withUTF8Bytes { bytes in
            var value = fnvOffsetBasis
            var kept = 0
            for byte in bytes {
                let normal: UInt8
                switch byte {
                case 0x41...0x5A: normal = byte | 0x20
                case 0x61...0x7A, 0x30...0x39, 0x80...: normal = byte
                default: continue
                }
                fnvAdd(normal, to: &value)
                kept += 1
            }
            return (value, kept)
        }
    }

    private static let fnvOffsetBasis: UInt32 = 2_166_136_261
    private static let fnvPrime: UInt32 = 16_777_619

    /// One step of 32-bit FNV-1a: `byte` mixed into `value`.
    @inline(__always)
    private static func fnvAdd(_ byte: UInt8, to value: inout UInt32) {
        value ^= UInt32(byte)
        value = value &* fnvPrime
    }

    /// The low 24 bits of `value` as six lower-case hex digits.
    static func hex(_ value: UInt32) -> String {
        String(unsafeUninitializedCapacity: 6) { digits in
            for index in 0..<6 {
                let nibble = UInt8((value >> UInt32(20 - 4 * index)) & 0xF)
                digits[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 6
        }
    }
}
