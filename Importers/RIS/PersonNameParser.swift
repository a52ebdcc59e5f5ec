import CitationModel

/// Splits the personal names of RIS and MEDLINE into CSL name parts.
///
/// Forms read (RIS specification, "Author" fields; NLM MEDLINE `AU`/`FAU` elements): `Last, First`,
/// `Last, F.M.`, `Last, First, Suffix`, `Last FM` and `Last F M` (initials after the family name, as MEDLINE's `AU`
/// and several RIS exporters write them). A name without a comma whose last words are not initials is an
/// organisation or an unsplit name and stays `literal`; a single word is a family name. Lower-case words that open a
/// family name (`van der`, `de`) are its non-dropping particle (CSL 1.0.2, "Name-part order"). The name is read on
/// its UTF-8 bytes; strings are built once per part.
enum PersonNameParser {
    /// The creator for one name, or nil when the text is empty.
    static func parse(_ text: String, role: CreatorRole) -> Creator? {
        return text.withUTF8Bytes { parse(bytes: $0, role: role) }
    }

    /// Appends every name in one field value, given as UTF-8 bytes, to `creators`: names separated by `;` (several
    /// authors on one line).
    static func parseList(utf8 bytes: UnsafeBufferPointer<UInt8>, role: CreatorRole, into creators: inout [Creator]) {
        if creators.capacity == 0 { creators.reserveCapacity(4) }
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x3B {
            if let creator = parse(bytes: UnsafeBufferPointer(rebasing: bytes[start..<index]), role: role) {
                creators.append(creator)
            }
            start = index + 1
        }
    }

    /// A name's parts as they are read; the `Creator` is built once from them (copying a blank `Creator` and filling
    /// it in cost three copies of the value per name).
    private struct Parts {
        var family: String?
        var given: String?
        var particle: String?
        var suffix: String?

        consuming func creator(_ role: CreatorRole) -> Creator {
            Creator(role: role, family: family, given: given, nonDroppingParticle: particle, suffix: suffix)
        }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, role: CreatorRole) -> Creator? {
        let (start, end) = trimmed(bytes, 0, bytes.count)
        guard start < end else { return nil }
        var parts = Parts()
        if let comma = firstIndex(of: 0x2C, in: bytes, start, end) {
            setFamily(bytes, start, comma, of: &parts)
            if let second = firstIndex(of: 0x2C, in: bytes, comma + 1, end) {
                parts.given = string(bytes, comma + 1, second)
                var suffixes: [String] = []
                var pieceStart = second + 1
                for index in (second + 1)...end where index == end || bytes[index] == 0x2C {
                    if let piece = string(bytes, pieceStart, index) { suffixes.append(piece) }
                    pieceStart = index + 1
                }
                if !suffixes.isEmpty { parts.suffix = suffixes.joined(separator: ", ") }
            } else {
                parts.given = string(bytes, comma + 1, end)
            }
            if parts.family == nil && parts.particle == nil {
                // `, Given`: the only name there is becomes the family name.
                return parts.given.map { Creator(role: role, family: $0) }
            }
            return parts.creator(role)
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard firstIndex(of: 0x20, in: bytes, start, end) != nil else {
            return Creator(role: role, family: name)
        }
        // Words, and where the trailing initials start.
        var words: [(Int, Int)] = []
        var wordStart = start
        for index in start...end where index == end || bytes[index] == 0x20 {
            if index > wordStart { words.append((wordStart, index)) }
            wordStart = index + 1
        }
        var initialsStart = words.count
        while initialsStart > 1, isInitials(bytes, words[initialsStart - 1]) { initialsStart -= 1 }
        guard initialsStart < words.count else { return .literal(name, role: role) }
        setFamily(bytes, words[0].0, words[initialsStart - 1].1, of: &parts)
        parts.given = words[initialsStart...].map { expandInitials(bytes, $0) }.joined(separator: " ")
        return parts.creator(role)
    }

    /// Sets the family name of `bytes[start..<end]`, splitting off lower-case leading words as the particle.
    private static func setFamily(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, of parts: inout Parts) {
        let (start, end) = trimmed(bytes, start, end)
        guard start < end else { return }
        var particleEnd = start
        var cursor = start
        // Leading words that start with an ASCII lower-case letter, as long as a word follows them.
        while cursor < end, (0x61...0x7A).contains(bytes[cursor]) {
            guard let space = firstIndex(of: 0x20, in: bytes, cursor, end) else { break }
            particleEnd = space
            cursor = space + 1
            while cursor < end, bytes[cursor] == 0x20 { cursor += 1 }
        }
        if particleEnd > start, cursor < end {
            parts.particle = string(bytes, start, particleEnd)
            parts.family = string(bytes, cursor, end)
        } else {
            parts.family = string(bytes, start, end)
        }
    }

    /// `FM`, `F.M.`, `F`, `J.-P.`: one to three capital letters, with optional dots and hyphens.
    private static func isInitials(_ bytes: UnsafeBufferPointer<UInt8>, _ word: (Int, Int)) -> Bool {
        var letters = 0
        for index in word.0..<word.1 {
            let byte = bytes[index]
            if (0x41...0x5A).contains(byte) {
                letters += 1
            } else if byte >= 0x80 {
                // A non-ASCII word: judge it by its characters.
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[word.0..<word.1]), as: UTF8.self)
                return isInitials(text)
            } else if byte != 0x2E && byte != 0x2D {
                return false
            }
        }
        return (1...3).contains(letters)
    }

    private static func isInitials(_ word: String) -> Bool {
        var letters = 0
        for character in word {
            if character.isUppercase && character.isLetter {
                letters += 1
            } else if character != "." && character != "-" {
                return false
            }
        }
        return (1...3).contains(letters)
    }

    /// `FM` -> `F. M.`; a word that already has dots or hyphens stays as it is.
    private static func expandInitials(_ bytes: UnsafeBufferPointer<UInt8>, _ word: (Int, Int)) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[word.0..<word.1]), as: UTF8.self)
        if firstIndex(of: 0x2E, in: bytes, word.0, word.1) != nil || firstIndex(of: 0x2D, in: bytes, word.0, word.1) != nil {
            return text
        }
        return text.map { "\($0)." }.joined(separator: " ")
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var low = start
        var high = end
        while low < high, bytes[low] <= 0x20 { low += 1 }
        while high > low, bytes[high - 1] <= 0x20 { high -= 1 }
        return (low, high)
    }

    /// The trimmed text of `bytes[start..<end]`, or nil when it is empty.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        let (low, high) = trimmed(bytes, start, end)
        guard low < high else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self)
    }

    private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }
}
