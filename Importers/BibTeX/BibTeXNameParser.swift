import CitationModel
import Foundation

/// Splits a BibTeX name list into creators, by the rules of "Tame the BeaST" (section 11, "Names in BibTeX").
///
/// - Names are separated by `and` at brace depth 0 (any case); a final `and others` means et al.
/// - Three forms: `First von Last`, `von Last, First` and `von Last, Jr, First`. Words are split at blanks and `~`
///   at depth 0; a word's case is that of its first letter at depth 0, looking into special characters (`{\"O}`) and
///   skipping other brace groups (which are caseless). In `First von Last` the von part runs from the first to the last
///   lower-case word before the last word; in `von Last, ...` it is the leading lower-case words (so
///   `Ramón y Cajal, Santiago` keeps its family whole, as biber does).
/// - A name that is one brace group (`{World Health Organization}`) is a literal: an organisation.
/// - The von part becomes the non-dropping particle (`van der Berg`: particle `van der`, family `Berg`).
enum BibTeXNameParser {
    /// Lists of ranges the parser fills and empties for each name, kept by the caller so they are allocated once.
    struct Scratch {
        var names = ScratchList<Range<Int>>()
        var parts = ScratchList<Range<Int>>()
        var words = ScratchList<Range<Int>>()
        /// A creator with only a role, copied for each name and filled in where it lies: a `Creator` is a struct of
        /// 136 bytes, which its initialiser builds aside, copies into place and destroys (some 520 instructions).
        var blank = Creator(role: .author)
    }

    /// Appends the creators of a name list to `creators`; returns how many, and whether the list ended in `and others`.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, role: CreatorRole, into creators: inout [Creator], scratch: inout Scratch
    ) -> (count: Int, others: Bool) {
        let before = creators.count
        var others = false
        if scratch.blank.role != role { scratch.blank = Creator(role: role) }
        splitNames(bytes, into: &scratch.names)
        // Room for the whole list at once, rather than growing the array name by name.
        creators.reserveCapacity(before + scratch.names.count)
        for index in 0..<scratch.names.count {
            let name = scratch.names[index]
            let text = UnsafeBufferPointer(rebasing: bytes[name])
            if name.count == 6, String(decoding: text, as: UTF8.self).lowercased() == "others" {
                others = true
                continue
            }
            parseName(bytes, name, parts: &scratch.parts, words: &scratch.words, blank: scratch.blank, into: &creators)
        }
        return (creators.count - before, others)
    }

    /// The ranges of the names in a list, split at ` and ` at depth 0.
    static func splitNames(_ bytes: UnsafeBufferPointer<UInt8>, into names: inout ScratchList<Range<Int>>) {
        names.removeAll()
        var depth = 0
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x7B {
                depth += 1
            } else if byte == 0x7D {
                depth -= 1
            } else if depth == 0, isBlank(byte), index + 4 < count, bytes[index + 1] | 0x20 == 0x61, bytes[index + 2] | 0x20 == 0x6E,
                bytes[index + 3] | 0x20 == 0x64, isBlank(bytes[index + 4])
            {
                let name = trimmed(bytes, start..<index)
                if !name.isEmpty { names.append(name) }
                index += 4
                start = index
                continue
            }
            index += 1
        }
        let last = trimmed(bytes, start..<count)
        if !last.isEmpty { names.append(last) }
    }

    /// One name in its three forms, appended to `creators` as a copy of `blank` (which has the list's role) filled in.
    static func parseName(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, parts: inout ScratchList<Range<Int>>,
        words: inout ScratchList<Range<Int>>, blank: Creator, into creators: inout [Creator]
    ) {
        guard !range.isEmpty else { return }
        // A name that is a single brace group is a literal.
        if bytes[range.lowerBound] == 0x7B, bytes[range.upperBound - 1] == 0x7D,
            range.count < 2 || bytes[range.lowerBound + 1] != 0x5C,
            LaTeXDecoder.group(bytes, at: range.lowerBound)?.upperBound == range.upperBound - 1
        {
            creators.append(blank)
            creators[creators.count - 1].literal = decode(bytes, range.lowerBound + 1..<range.upperBound - 1)
            return
        }
        splitCommas(bytes, range, into: &parts)
        // The parts are read into variables and the creator built once: filling in a `Creator` and returning it
        // cost a copy of it (every part retained, and released after).
        var given: String?
        var family: String?
        var particle: String?
        var suffix: String?
        if parts.count == 1 {
            splitWords(bytes, parts[0], into: &words)
            guard !words.isEmpty else { return }
            let last = words.count - 1
            var vonStart: Int?
            var vonEnd = 0
            for index in 0..<last where wordCase(bytes, words[index]) == .lower {
                if vonStart == nil { vonStart = index }
                vonEnd = index + 1
            }
            if let vonStart {
                if vonStart > 0 { given = decode(bytes, words[0].lowerBound..<words[vonStart - 1].upperBound) }
                particle = decode(bytes, words[vonStart].lowerBound..<words[vonEnd - 1].upperBound)
                family = decode(bytes, words[vonEnd].lowerBound..<words[last].upperBound)
            } else {
                if last > 0 { given = decode(bytes, words[0].lowerBound..<words[last - 1].upperBound) }
                family = decode(bytes, words[last])
            }
        } else {
            splitWords(bytes, parts[0], into: &words)
            if !words.isEmpty {
                var vonEnd = 0
                if wordCase(bytes, words[0]) == .lower {
                    for index in 0..<(words.count - 1) where wordCase(bytes, words[index]) == .lower { vonEnd = index + 1 }
                }
                if vonEnd > 0 { particle = decode(bytes, words[0].lowerBound..<words[vonEnd - 1].upperBound) }
                family = decode(bytes, words[vonEnd].lowerBound..<words[words.count - 1].upperBound)
            }
            let firstPart = parts.count == 2 ? parts[1] : parts[2].lowerBound..<parts[parts.count - 1].upperBound
            if !firstPart.isEmpty { given = decode(bytes, firstPart) }
            if parts.count >= 3, !parts[1].isEmpty { suffix = decode(bytes, parts[1]) }
        }
        if given?.isEmpty == true { given = nil }
        if family?.isEmpty == true { family = nil }
        if suffix?.isEmpty == true { suffix = nil }
        if particle?.isEmpty == true { particle = nil }
        if family == nil && given == nil { return }
        creators.append(blank)
        let last = creators.count - 1
        creators[last].family = family
        if let given { creators[last].given = given }
        if let particle { creators[last].nonDroppingParticle = particle }
        if let suffix { creators[last].suffix = suffix }
    }

    enum Case { case lower, upper, caseless }

    /// The case of a word: its first letter at brace depth 0, special characters (`{\"o}`, `{\ss}`) looked into.
    static func wordCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Case {
        var index = word.lowerBound
        while index < word.upperBound {
            let byte = bytes[index]
            if LaTeXDecoder.isLetter(byte) { return byte >= 0x61 ? .lower : .upper }
            if byte >= 0x80 {
                var end = index + 1
                while end < word.upperBound, bytes[end] & 0xC0 == 0x80 { end += 1 }
                let character = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                if let scalar = character.unicodeScalars.first, scalar.properties.isAlphabetic {
                    if scalar.properties.isLowercase { return .lower }
                    if scalar.properties.isUppercase { return .upper }
                    return .caseless
                }
                index = end
                continue
            }
            if byte == 0x7B {
                guard let group = LaTeXDecoder.group(bytes, at: index) else { return .caseless }
                if index + 1 < word.upperBound, bytes[index + 1] == 0x5C {
                    // A special character: the case of its letter (`{\"O}`), or of the command itself (`{\AE}`, `{\ss}`).
                    var cursor = index + 2
                    var name = cursor
                    while cursor < group.upperBound, LaTeXDecoder.isLetter(bytes[cursor]) { cursor += 1 }
                    let command = String(decoding: UnsafeBufferPointer(rebasing: bytes[name..<cursor]), as: UTF8.self)
                    if let letter = LaTeXVocabulary.letters[command], let scalar = letter.unicodeScalars.first {
                        return scalar.properties.isLowercase ? .lower : .upper
                    }
                    if cursor == name { cursor += 1 }
                    name = cursor
                    while name < group.upperBound {
                        if LaTeXDecoder.isLetter(bytes[name]) { return bytes[name] >= 0x61 ? .lower : .upper }
                        name += 1
                    }
                    return .caseless
                }
                index = group.upperBound + 1
                continue
            }
            if byte == 0x5C {
                // A command outside braces (`\"Ozt\"urk`): the case of the letter it applies to.
                var cursor = index + 1
                while cursor < word.upperBound, LaTeXDecoder.isLetter(bytes[cursor]) { cursor += 1 }
                let command = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<cursor]), as: UTF8.self)
                if let letter = LaTeXVocabulary.letters[command], let scalar = letter.unicodeScalars.first {
                    return scalar.properties.isLowercase ? .lower : .upper
                }
                index = cursor == index + 1 ? index + 2 : cursor
                continue
            }
            index += 1
        }
        return .caseless
    }

    /// The parts of a name split at commas at depth 0.
    static func splitCommas(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into parts: inout ScratchList<Range<Int>>) {
        parts.removeAll()
        var depth = 0
        var start = range.lowerBound
        for index in range {
            let byte = bytes[index]
            if byte == 0x7B { depth += 1 } else if byte == 0x7D { depth -= 1 } else if byte == 0x2C, depth == 0 {
                parts.append(trimmed(bytes, start..<index))
                start = index + 1
            }
        }
        parts.append(trimmed(bytes, start..<range.upperBound))
    }

    /// The words of a part, split at blanks and `~` at depth 0.
    static func splitWords(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into words: inout ScratchList<Range<Int>>) {
        words.removeAll()
        var depth = 0
        var start: Int?
        for index in range {
            let byte = bytes[index]
            if byte == 0x7B { depth += 1 } else if byte == 0x7D { depth -= 1 }
            let separator = depth == 0 && (isBlank(byte) || byte == 0x7E)
            if separator {
                if let begin = start { words.append(begin..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let begin = start { words.append(begin..<range.upperBound) }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let part = UnsafeBufferPointer(rebasing: bytes[range])
        let text = LaTeXDecoder.plain(part)
        // A no-break space (C2 A0) from `~` is an ordinary space inside a name part. Only `~`, a command or a
        // no-break space in the source (C2) can give one, so most parts need no search of their text.
        guard part.contains(where: { $0 == 0x7E || $0 == 0x5C || $0 == 0xC2 }), text.utf8.contains(0xA0) else { return text }
        return String(text.map { $0 == "\u{00A0}" ? " " : $0 })
    }

    /// `range` without the blanks (space, tab, line ends) at either end.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
