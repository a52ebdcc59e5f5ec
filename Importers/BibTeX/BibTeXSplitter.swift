import CByteScan
import CitationModel

/// The roles a byte can have in the splitter's grammar, as bits of `byteRoles`.
private enum ByteRole {
    /// `BibTeXSplitter.isFieldNameByte`.
    static let fieldName: UInt8 = 1
    /// `BibTeXSplitter.isIdentifierByte`.
    static let identifier: UInt8 = 2
}

/// Each byte's `ByteRole` bits, so the splitter's name loops cost one load and one test a byte (written once, when
/// first used, then only read).
nonisolated(unsafe) private let byteRoles: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for byte in 0...255 {
        table[byte] =
            (BibTeXSplitter.isFieldNameByte(UInt8(byte)) ? ByteRole.fieldName : 0)
            | (BibTeXSplitter.isIdentifierByte(UInt8(byte)) ? ByteRole.identifier : 0)
    }
    return UnsafePointer(table)
}()

/// Splits BibTeX source bytes into `@`-blocks, one at a time, recovering from broken entries.
///
/// Syntax per "Tame the BeaST" (section 2, "The bibliography file") and btparse's grammar: an entry is
/// `@type{key, name = value, ...}` or the same with `(` `)`; a value is braced text, quoted text (braces balanced
/// inside), a bare number or a macro, joined by `#`. Text outside blocks is a comment, and so is a `%` line there
/// (biber's reading: `%@article{...}` is commented out). `@comment` may be braced or not.
///
/// Recovery (bibtexparser v2's "failed block"): a broken entry (unbalanced braces, a missing comma, the end of the
/// file inside an entry) gives a `.failed` item with the offset of the problem, and splitting resumes at the next line
/// that starts with `@`. A braced or quoted value that runs into a line starting with `@type{` is taken as unbalanced.
struct BibTeXSplitter {
    /// What the splitter found next.
    enum Item {
        case block(BibTeXBlock)
        /// A broken block: where it starts, the problem's offset, code and message, and the key if it was read.
        case failed(start: Int, offset: Int, code: String, message: String, key: String?)
    }

    struct Failure: Error {
        var offset: Int
        var code: String
        var message: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// `byteRoles`, fetched once.
    private let roles = byteRoles
    private(set) var position = 0
    /// The field names read so far.
    var names = BibTeXFieldNames()
    /// A field list given back by the reader (`recycle`), reused for the next entry so it is not allocated again.
    private var spareFields: [BibTeXField] = []
    /// The current block's pieces after the first of each `#`-joined value (`BibTeXBlock.morePieces`).
    private var morePieces: [BibTeXValuePiece] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Scanning between blocks

    /// The next block, or nil at the end of the source.
    mutating func next() -> Item? {
        guard let start = nextBlockStart(from: position) else {
            position = bytes.count
            return nil
        }
        var key: String?
        do {
            let block = try parseBlock(at: start, key: &key)
            return .block(block)
        } catch let failure as Failure {
            // Resume at the first line after the block's start that starts with `@`, even when the problem was found
            // further on, so a block swallowed by the broken one is read on its own.
            position = resumePoint(after: start + 1)
            return .failed(start: start, offset: failure.offset, code: failure.code, message: failure.message, key: key)
        } catch {
            position = bytes.count
            return nil
        }
    }

    /// The offset of the next `@` that starts a block: at the start of a line (after blanks), or anywhere when it is
    /// followed by `type{` or `type(` (BibTeX itself reads `@` anywhere outside entries).
    private func nextBlockStart(from offset: Int) -> Int? {
        var index = offset
        let count = bytes.count
        var atLineStart = index == 0 || bytes[index - 1] == 0x0A
        while index < count {
            let byte = bytes[index]
            if byte == 0x40 {
                if atLineStart || looksLikeEntryStart(index) { return index }
                atLineStart = false
            } else if byte == 0x0A {
                atLineStart = true
            } else if byte == 0x25 {
                // A `%` line comment (biber reads them): an `@` in it starts nothing.
                while index + 1 < count, bytes[index + 1] != 0x0A { index += 1 }
            } else if byte != 0x20 && byte != 0x09 {
                atLineStart = false
            }
            index += 1
        }
        return nil
    }

    /// Whether `@` at `index` is followed by an identifier, optional blanks and `{` or `(`.
    private func looksLikeEntryStart(_ index: Int) -> Bool {
        var cursor = index + 1
        let begin = cursor
        while cursor < bytes.count, isIdentifier(bytes[cursor]) { cursor += 1 }
        guard cursor > begin else { return false }
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        return cursor < bytes.count && (bytes[cursor] == 0x7B || bytes[cursor] == 0x28)
    }

    /// The next line start (after blanks) holding `@`, at or after `offset`; the end of the source when none.
    private func resumePoint(after offset: Int) -> Int {
        if offset < bytes.count, bytes[offset] == 0x40 {
            var before = offset - 1
            while before >= 0, bytes[before] == 0x20 || bytes[before] == 0x09 { before -= 1 }
            if before < 0 || bytes[before] == 0x0A { return offset }
        }
        var index = offset
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var cursor = index + 1
                while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == 0x40 { return cursor }
                index = cursor
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    // MARK: Blocks

    private mutating func parseBlock(at start: Int, key: inout String?) throws -> BibTeXBlock {
        if !morePieces.isEmpty { morePieces = [] }
        var cursor = start + 1
        skipWhitespace(&cursor)
        let typeStart = cursor
        while cursor < bytes.count, isIdentifier(bytes[cursor]) { cursor += 1 }
        guard cursor > typeStart else {
            throw Failure(offset: cursor, code: "bibtex.missing-type", message: "expected an entry type after '@', found \(describe(cursor))")
        }
        let type = lowercasedString(typeStart..<cursor)
        skipWhitespace(&cursor)
        if type == "comment" {
            return try parseComment(start: start, cursor: cursor)
        }
        guard cursor < bytes.count, bytes[cursor] == 0x7B || bytes[cursor] == 0x28 else {
            throw Failure(offset: cursor, code: "bibtex.expected-open", message: "expected '{' or '(' after '@\(type)', found \(describe(cursor))")
        }
        let close: UInt8 = bytes[cursor] == 0x7B ? 0x7D : 0x29
        cursor += 1
        switch type {
        case "preamble":
            skipWhitespace(&cursor)
            let valueOffset = cursor
            let value = try parseValue(&cursor, close: close, entryStart: start)
            try expectClose(&cursor, close: close, entryStart: start, after: "the preamble")
            position = cursor
            return BibTeXBlock(
                kind: .preamble, type: type, start: start, key: nil, keyOffset: valueOffset,
                fields: [BibTeXField(nameReference: names.intern("preamble"), nameOffset: valueOffset, value: value, valueOffset: valueOffset)],
                morePieces: morePieces)
        case "string":
            skipWhitespace(&cursor)
            let field = try parseField(&cursor, close: close, entryStart: start)
            skipWhitespace(&cursor)
            if cursor < bytes.count, bytes[cursor] == 0x2C { cursor += 1 }
            try expectClose(&cursor, close: close, entryStart: start, after: "the string definition")
            position = cursor
            return BibTeXBlock(kind: .string, type: type, start: start, key: nil, keyOffset: field.nameOffset, fields: [field], morePieces: morePieces)
        default:
            break
        }
        skipWhitespace(&cursor)
        let keyStart = cursor
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == 0x2C || byte == close || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x3D { break }
            if byte == 0x40, cursor > keyStart, bytes[cursor - 1] == 0x0A { break }
            cursor += 1
        }
        var keyEnd = cursor
        skipWhitespace(&cursor)
        if cursor < bytes.count, bytes[cursor] == 0x3D {
            // `@article{author = ...`: there is no key; what looked like one is the first field's name.
            cursor = keyStart
            keyEnd = keyStart
        } else if keyEnd > keyStart {
            key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]), as: UTF8.self)
            if cursor < bytes.count, bytes[cursor] == 0x2C {
                cursor += 1
            } else if cursor < bytes.count, bytes[cursor] == close {
                // An entry with a key and no fields.
            } else if cursor >= bytes.count {
                throw Failure(offset: start, code: "bibtex.unterminated-entry", message: "the entry is not closed before the end of the file")
            } else {
                throw Failure(offset: cursor, code: "bibtex.missing-comma", message: "expected ',' after the key '\(key!)', found \(describe(cursor))")
            }
        } else if cursor < bytes.count, bytes[cursor] == 0x2C {
            cursor += 1
        }
        var fields: [BibTeXField] = []
        swap(&fields, &spareFields)
        fields.removeAll(keepingCapacity: true)
        if fields.capacity == 0 { fields.reserveCapacity(16) }
        while true {
            skipWhitespace(&cursor)
            guard cursor < bytes.count else {
                throw Failure(offset: start, code: "bibtex.unterminated-entry", message: "the entry is not closed before the end of the file")
            }
            if bytes[cursor] == close {
                cursor += 1
                break
            }
            if bytes[cursor] == 0x2C {
                // A stray comma (`,,`): harmless.
                cursor += 1
                continue
            }
            let field = try parseField(&cursor, close: close, entryStart: start)
            let valueEnd = cursor
            skipWhitespace(&cursor)
            guard cursor < bytes.count else {
                throw Failure(offset: start, code: "bibtex.unterminated-entry", message: "the entry is not closed before the end of the file")
            }
            if bytes[cursor] == 0x2C {
                cursor += 1
                fields.append(field)
            } else if bytes[cursor] == close {
                fields.append(field)
            } else {
                // Point at the token when it is on the value's line, else just after the value (the comma's place).
                let onSameLine = !bytes[valueEnd..<cursor].contains(0x0A)
                throw Failure(
                    offset: onSameLine ? cursor : valueEnd, code: "bibtex.missing-comma",
                    message: "expected ',' or '\(Character(Unicode.Scalar(close)))' after the value of '\(field.nameText)', found \(describe(cursor))")
            }
        }
        position = cursor
        return BibTeXBlock(kind: .entry, type: type, start: start, key: keyEnd > keyStart ? key : nil, keyOffset: keyStart, fields: fields, morePieces: morePieces)
    }

    /// `@comment{...}` (balanced braces skipped) or `@comment` followed by text to the end of the line.
    private mutating func parseComment(start: Int, cursor start2: Int) throws -> BibTeXBlock {
        var cursor = start2
        if cursor < bytes.count, bytes[cursor] == 0x7B || bytes[cursor] == 0x28 {
            let open = bytes[cursor]
            let close: UInt8 = open == 0x7B ? 0x7D : 0x29
            var depth = 0
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == open {
                    depth += 1
                } else if byte == close {
                    depth -= 1
                    if depth == 0 {
                        cursor += 1
                        break
                    }
                } else if byte == 0x0A, cursor + 1 < bytes.count, bytes[cursor + 1] == 0x40, looksLikeEntryStart(cursor + 1) {
                    throw Failure(offset: start2, code: "bibtex.unbalanced-braces", message: "the comment's '\(Character(Unicode.Scalar(open)))' is not closed before the next entry")
                }
                cursor += 1
            }
            if depth > 0 {
                throw Failure(offset: start2, code: "bibtex.unbalanced-braces", message: "the comment's '\(Character(Unicode.Scalar(open)))' is not closed before the end of the file")
            }
        } else {
            while cursor < bytes.count, bytes[cursor] != 0x0A { cursor += 1 }
        }
        position = cursor
        return BibTeXBlock(kind: .comment, type: "comment", start: start, key: nil, keyOffset: start, fields: [])
    }

    private mutating func expectClose(_ cursor: inout Int, close: UInt8, entryStart: Int, after what: String) throws {
        skipWhitespace(&cursor)
        guard cursor < bytes.count else {
            throw Failure(offset: entryStart, code: "bibtex.unterminated-entry", message: "the entry is not closed before the end of the file")
        }
        guard bytes[cursor] == close else {
            throw Failure(offset: cursor, code: "bibtex.expected-close", message: "expected '\(Character(Unicode.Scalar(close)))' after \(what), found \(describe(cursor))")
        }
        cursor += 1
    }

    /// Takes back a block's field list once the reader is done with it, to be reused.
    mutating func recycle(_ fields: inout [BibTeXField]) {
        swap(&fields, &spareFields)
    }

    // MARK: Fields and values

    private mutating func parseField(_ cursor: inout Int, close: UInt8, entryStart: Int) throws -> BibTeXField {
        let nameStart = cursor
        // In a local: a loop on the `inout` cursor stored it back at every byte.
        var nameEnd = cursor
        while nameEnd < bytes.count, isFieldName(bytes[nameEnd]), bytes[nameEnd] != close { nameEnd += 1 }
        cursor = nameEnd
        guard cursor > nameStart else {
            throw Failure(offset: cursor, code: "bibtex.expected-field", message: "expected a field name, found \(describe(cursor))")
        }
        let name = names.intern(UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor]))
        skipWhitespace(&cursor)
        guard cursor < bytes.count else {
            throw Failure(offset: entryStart, code: "bibtex.unterminated-entry", message: "the entry is not closed before the end of the file")
        }
        guard bytes[cursor] == 0x3D else {
            throw Failure(offset: cursor, code: "bibtex.expected-equals", message: "expected '=' after the field name '\(name.takeUnretainedValue().text)', found \(describe(cursor))")
        }
        cursor += 1
        skipWhitespace(&cursor)
        let valueOffset = cursor
        let value = try parseValue(&cursor, close: close, entryStart: entryStart)
        return BibTeXField(nameReference: name, nameOffset: nameStart, value: value, valueOffset: valueOffset)
    }

    private mutating func parseValue(_ cursor: inout Int, close: UInt8, entryStart: Int) throws -> BibTeXValue {
        var first: BibTeXValuePiece?
        let restStart = morePieces.count
        while true {
            guard cursor < bytes.count else {
                throw Failure(offset: entryStart, code: "bibtex.unterminated-entry", message: "the entry is not closed before the end of the file")
            }
            let byte = bytes[cursor]
            let piece: BibTeXValuePiece
            if byte == 0x7B || byte == 0x22 {
                piece = .text(try delimitedText(&cursor, quoted: byte == 0x22))
            } else if byte >= 0x30 && byte <= 0x39 {
                let begin = cursor
                while cursor < bytes.count, bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39 { cursor += 1 }
                if cursor < bytes.count, isIdentifier(bytes[cursor]) {
                    // `2nd`: BibTeX takes a bare word that starts with a digit as a macro name.
                    while cursor < bytes.count, isIdentifier(bytes[cursor]) { cursor += 1 }
                    piece = .macro(begin..<cursor)
                } else {
                    piece = .number(begin..<cursor)
                }
            } else if isIdentifier(byte) {
                let begin = cursor
                while cursor < bytes.count, isIdentifier(bytes[cursor]) { cursor += 1 }
                piece = .macro(begin..<cursor)
            } else {
                throw Failure(offset: cursor, code: "bibtex.expected-value", message: "expected a value ('{', '\"', a number or a macro), found \(describe(cursor))")
            }
            if first == nil { first = piece } else { morePieces.append(piece) }
            let afterPiece = cursor
            skipWhitespace(&cursor)
            if cursor < bytes.count, bytes[cursor] == 0x23 {
                cursor += 1
                skipWhitespace(&cursor)
            } else {
                cursor = afterPiece
                return BibTeXValue(first: first ?? piece, rest: restStart..<morePieces.count)
            }
        }
    }

    /// The content range of `{...}` or `"..."` starting at `cursor`, which ends up after the closing delimiter.
    private func delimitedText(_ cursor: inout Int, quoted: Bool) throws -> Range<Int> {
        let open = cursor
        cursor += 1
        let begin = cursor
        var depth = 0
        let count = bytes.count
        // Not empty: the caller has read the opening delimiter.
        let base = bytes.baseAddress!
        while cursor < count {
            // Up to the next byte that matters (`{ } " \` or a line end), 16 bytes at a time.
            cursor += evidence_bibtex_text_stop(base + cursor, count - cursor)
            guard cursor < count else { break }
            let byte = bytes[cursor]
            switch byte {
            case 0x7B:
                depth += 1
            case 0x7D:
                if depth == 0 {
                    if quoted {
                        throw Failure(offset: cursor, code: "bibtex.unbalanced-braces", message: "unbalanced '}' in a quoted value")
                    }
                    cursor += 1
                    return begin..<(cursor - 1)
                }
                depth -= 1
            case 0x22 where quoted && depth == 0:
                cursor += 1
                return begin..<(cursor - 1)
            case 0x5C:
                // `\{`, `\}` and `\"` are escaped characters, not delimiters.
                if cursor + 1 < count, bytes[cursor + 1] == 0x7B || bytes[cursor + 1] == 0x7D || (quoted && bytes[cursor + 1] == 0x22) {
                    cursor += 1
                }
            case 0x0A:
                if cursor + 1 < count, bytes[cursor + 1] == 0x40, looksLikeEntryStart(cursor + 1) {
                    throw Failure(offset: open, code: "bibtex.unbalanced-braces", message: "the value's '\(quoted ? "\"" : "{")' is not closed before the next entry")
                }
            default:
                break
            }
            cursor += 1
        }
        throw Failure(offset: open, code: "bibtex.unbalanced-braces", message: "the value's '\(quoted ? "\"" : "{")' is not closed before the end of the file")
    }

    // MARK: Bytes

    private func skipWhitespace(_ cursor: inout Int) {
        while cursor < bytes.count {
            let byte = bytes[cursor]
            guard byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C else { return }
            cursor += 1
        }
    }

    /// The lower-cased ASCII text of a range (type and field names).
    private func lowercasedString(_ range: Range<Int>) -> String {
        var needsLowering = false
        for index in range where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
            needsLowering = true
            break
        }
        if !needsLowering { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        return String(unsafeUninitializedCapacity: range.count) { buffer in
            var out = 0
            for index in range {
                let byte = bytes[index]
                buffer[out] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                out += 1
            }
            return out
        }
    }

    /// What is at `offset`, for messages: `'x'` or `the end of the file`.
    func describe(_ offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        return text == "\n" ? "the end of the line" : "'\(text)'"
    }

    /// Letters, digits and the punctuation BibTeX allows in type and macro names, and any byte of a UTF-8 sequence.
    /// The splitter's loops ask `byteRoles`, made from this and `isFieldNameByte`.
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x5F, 0x2D, 0x2E, 0x3A, 0x2B, 0x2F, 0x27, 0x21, 0x3F, 0x2A, 0x26, 0x3B, 0x3C, 0x3E, 0x5B, 0x5D, 0x7C, 0x60, 0x5E, 0x24:
            true
        default:
            byte >= 0x80
        }
    }

    /// Any printable character except those that delimit (`"#%(),={}` and blanks), as BibTeX's field names.
    static func isFieldNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x22, 0x23, 0x25, 0x28, 0x29, 0x2C, 0x3D, 0x7B, 0x7D: false
        default: byte > 0x20
        }
    }

    /// `isIdentifierByte`, by one load from the table of byte roles.
    private func isIdentifier(_ byte: UInt8) -> Bool { roles[Int(byte)] & ByteRole.identifier != 0 }

    /// `isFieldNameByte`, by one load from the table of byte roles.
    private func isFieldName(_ byte: UInt8) -> Bool { roles[Int(byte)] & ByteRole.fieldName != 0 }
}
