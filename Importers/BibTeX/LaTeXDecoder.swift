import CByteScan
import CitationModel
import Foundation

/// Turns the LaTeX of a BibTeX value into Unicode rich text.
///
/// - Accents in every form (`{\"u}`, `\"{u}`, `\"u`, `{\'\i}`, `\v{s}`) become precomposed characters; special
///   letters (`\ss`, `\o`, `\ae` ...) and text symbols their characters (`LaTeXVocabulary`).
/// - Ligatures: `--` is –, `---` is —, ``` `` ``` and `''` are curly double quotes, `~` is a no-break space.
/// - `\textit`, `\emph`, `\textbf`, `\textsuperscript`, `\textsubscript`, `\textsc` (and `{\em ...}`, `{\bf ...}`)
///   become styles; a brace group that does not start with a command is protected from case changes ("Tame the
///   BeaST", section 4 "Case changes"; a group starting with `\` is a "special character" and is not), a no-case run.
/// - Math `$...$` with Greek letters, common symbols, `^` and `_` becomes text with super- and subscripts; math
///   with anything else is kept as written, dollars included. Unknown commands are kept as written with their
///   braced arguments, so nothing is lost.
/// - Runs of blanks become one space, a blank line a paragraph break (`\n\n`); ends are trimmed.
struct LaTeXDecoder {
    private var runs: [RichText.Run] = []
    private var out: [UInt8] = []
    private var outStyle: RichText.Style = []
    private var pendingSpace = false
    private var pendingBreak = false
    /// The style in force where the pending blank was read: the blank is written in it.
    private var pendingStyle: RichText.Style = []
    private var frames: [RichText.Style] = [[]]

    private init() {}

    /// The rich text of a value.
    static func richText(_ bytes: UnsafeBufferPointer<UInt8>) -> RichText {
        if isPlain(bytes) { return RichText(String(decoding: bytes, as: UTF8.self)) }
        var decoder = LaTeXDecoder()
        decoder.decode(bytes)
        decoder.flush()
        return RichText(runs: decoder.runs)
    }

    /// The plain text of a value (styles dropped).
    static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if isPlain(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var decoder = LaTeXDecoder()
        decoder.decode(bytes)
        decoder.flush()
        if decoder.runs.count == 1 { return decoder.runs[0].text }
        return decoder.runs.map(\.text).joined()
    }

    /// Whether the bytes hold no markup and no blanks to collapse, so they are their own text (`--`, two blanks,
    /// ``` `` ``` and `''` are ligatures or collapse). Read 16 bytes at a time, in C (`evidence_latex_is_plain`).
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return evidence_latex_is_plain(base, bytes.count)
    }

    // MARK: Output

    private var style: RichText.Style { frames[frames.count - 1] }

    private mutating func flush() {
        guard !out.isEmpty else { return }
        runs.append(RichText.Run(String(decoding: out, as: UTF8.self), style: outStyle))
        out.removeAll(keepingCapacity: true)
    }

    private var hasOutput: Bool { !out.isEmpty || !runs.isEmpty }

    /// Writes a pending blank in the current style before content or a change of style.
    private mutating func settleSpace() {
        guard pendingSpace || pendingBreak else { return }
        if hasOutput {
            if outStyle != pendingStyle { flush(); outStyle = pendingStyle }
            if pendingBreak { out.append(0x0A); out.append(0x0A) } else { out.append(0x20) }
        }
        pendingSpace = false
        pendingBreak = false
    }

    /// Notes a blank (or a paragraph break) to write before the next content, if any follows.
    private mutating func markBlank(paragraph: Bool) {
        if !pendingSpace && !pendingBreak { pendingStyle = style }
        if paragraph { pendingBreak = true } else { pendingSpace = true }
    }

    private mutating func emit(_ byte: UInt8) {
        settleSpace()
        if outStyle != style { flush(); outStyle = style }
        out.append(byte)
    }

    private mutating func emit(_ text: String) {
        guard !text.isEmpty else { return }
        settleSpace()
        if outStyle != style { flush(); outStyle = style }
        out.append(contentsOf: text.utf8)
    }

    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        settleSpace()
        if outStyle != style { flush(); outStyle = style }
        out.append(contentsOf: bytes)
    }

    private mutating func emit(_ text: String, style extra: RichText.Style) {
        frames.append(style.union(extra))
        emit(text)
        frames.removeLast()
    }

    // MARK: Decoding

    private mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                var newlines = 0
                while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                    if bytes[index] == 0x0A { newlines += 1 }
                    index += 1
                }
                markBlank(paragraph: newlines >= 2)
                continue
            case 0x7B:
                let special = index + 1 < count && bytes[index + 1] == 0x5C
                frames.append(special ? style : style.union(.noCase))
            case 0x7D:
                if frames.count > 1 { frames.removeLast() }
            case 0x7E:
                emit("\u{00A0}")
            case 0x2D:
                if index + 2 < count, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x2D {
                    emit("—")
                    index += 3
                    continue
                } else if index + 1 < count, bytes[index + 1] == 0x2D {
                    emit("–")
                    index += 2
                    continue
                }
                emit(byte)
            case 0x60 where index + 1 < count && bytes[index + 1] == 0x60:
                emit("“")
                index += 2
                continue
            case 0x27 where index + 1 < count && bytes[index + 1] == 0x27:
                emit("”")
                index += 2
                continue
            case 0x24:
                index = math(bytes, from: index)
                continue
            case 0x5C:
                index = command(bytes, from: index)
                continue
            default:
                emit(byte)
            }
            index += 1
        }
    }

    /// Reads the command at `start` (a backslash) and returns the index after it and its arguments.
    private mutating func command(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start + 1
        guard index < count else { return index }
        let nameStart = index
        if Self.isLetter(bytes[index]) {
            while index < count, Self.isLetter(bytes[index]) { index += 1 }
        } else {
            index += 1
            while index < count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
        let isWord = Self.isLetter(bytes[nameStart])
        var afterSpaces = index
        if isWord { while afterSpaces < count, bytes[afterSpaces] == 0x20 || bytes[afterSpaces] == 0x09 || bytes[afterSpaces] == 0x0A { afterSpaces += 1 } }

        if let mark = LaTeXVocabulary.accents[name] ?? (name == "ocirc" ? "\u{030A}" : nil) {
            return accent(mark, bytes, from: isWord ? afterSpaces : index, command: start)
        }
        if !isWord {
            switch name {
            case "&", "%", "$", "_", "#", "{", "}":
                emit(bytes[nameStart])
            case " ", "\n", "\t", "\\":
                markBlank(paragraph: false)
            case ",", ";":
                emit("\u{2009}")
            case "-", "/", "@", "!":
                break
            default:
                emit(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
            return index
        }
        if let letter = LaTeXVocabulary.letters[name] {
            emit(letter)
            return afterSpaces
        }
        if let symbol = LaTeXVocabulary.symbols[name] ?? LaTeXVocabulary.mathSymbols[name] {
            emit(symbol)
            return afterSpaces
        }
        switch name {
        case "textit", "emph", "mkbibemph", "mkbibitalic", "textsl", "mathit":
            return styledArgument(.italic, bytes, from: afterSpaces, command: start)
        case "textbf", "mkbibbold", "mathbf":
            return styledArgument(.bold, bytes, from: afterSpaces, command: start)
        case "textsuperscript", "mkbibsuperscript":
            return styledArgument(.superscript, bytes, from: afterSpaces, command: start)
        case "textsubscript", "mkbibsubscript":
            return styledArgument(.subscript, bytes, from: afterSpaces, command: start)
        case "textsc":
            return styledArgument(.smallCaps, bytes, from: afterSpaces, command: start)
        case "textup", "textrm", "textnormal", "textsf", "texttt", "textmd", "mbox", "hbox", "text", "mathrm", "mkbibquote", "enquote", "NoCaseChange", "nocase":
            return styledArgument([], bytes, from: afterSpaces, command: start)
        case "em", "it", "itshape", "sl", "slshape":
            frames[frames.count - 1].formUnion(.italic)
            return afterSpaces
        case "bf", "bfseries":
            frames[frames.count - 1].formUnion(.bold)
            return afterSpaces
        case "sc", "scshape":
            frames[frames.count - 1].formUnion(.smallCaps)
            return afterSpaces
        case "rm", "normalfont", "upshape", "sf", "tt", "mdseries", "relax", "protect", "ignorespaces", "unskip", "null", "selectlanguage", "nolinkurl":
            if name == "selectlanguage", let group = Self.group(bytes, at: afterSpaces) { return group.upperBound + 1 }
            if name == "nolinkurl", let group = Self.group(bytes, at: afterSpaces) {
                emit(UnsafeBufferPointer(rebasing: bytes[group]))
                return group.upperBound + 1
            }
            return afterSpaces
        case "par":
            markBlank(paragraph: true)
            return afterSpaces
        case "newline", "linebreak", "break", "quad", "qquad", "space", "enspace", "thinspace":
            markBlank(paragraph: false)
            return afterSpaces
        case "url", "path", "doi":
            if let group = Self.group(bytes, at: afterSpaces) {
                emit(UnsafeBufferPointer(rebasing: bytes[group]))
                return group.upperBound + 1
            }
        case "href":
            if let target = Self.group(bytes, at: afterSpaces) {
                var next = target.upperBound + 1
                while next < count, bytes[next] == 0x20 || bytes[next] == 0x0A { next += 1 }
                if Self.group(bytes, at: next) != nil {
                    return styledArgument([], bytes, from: next, command: start)
                }
                emit(UnsafeBufferPointer(rebasing: bytes[target]))
                return target.upperBound + 1
            }
        case "noopsort", "sortname", "nocite":
            if let group = Self.group(bytes, at: afterSpaces) { return group.upperBound + 1 }
        default:
            break
        }
        // Unknown: kept as written, with its braced arguments.
        var end = index
        var next = afterSpaces
        while let group = Self.group(bytes, at: next) {
            end = group.upperBound + 1
            next = end
        }
        emit(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        if end == index, afterSpaces > index { markBlank(paragraph: false) }
        return end == index ? afterSpaces : end
    }

    /// `\textit{...}`: the argument's content in a frame with the style added.
    private mutating func styledArgument(_ extra: RichText.Style, _ bytes: UnsafeBufferPointer<UInt8>, from index: Int, command: Int) -> Int {
        guard index < bytes.count, bytes[index] == 0x7B else { return index }
        frames.append(style.union(extra))
        // The argument's closing brace pops this frame like any group.
        return index + 1
    }

    /// Applies an accent to its argument: `{u}`, `{\i}`, `\i`, `u` or an empty group (the accent alone).
    private mutating func accent(_ mark: Unicode.Scalar, _ bytes: UnsafeBufferPointer<UInt8>, from index: Int, command: Int) -> Int {
        let count = bytes.count
        guard index < count else {
            emit(String(Character(mark)))
            return index
        }
        var base: String
        var end: Int
        if bytes[index] == 0x7B, let group = Self.group(bytes, at: index) {
            base = Self.plain(UnsafeBufferPointer(rebasing: bytes[group]))
            end = group.upperBound + 1
        } else if bytes[index] == 0x5C {
            var cursor = index + 1
            while cursor < count, Self.isLetter(bytes[cursor]) { cursor += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<cursor]), as: UTF8.self)
            base = LaTeXVocabulary.letters[name] ?? ""
            end = cursor
            if base.isEmpty {
                emit(UnsafeBufferPointer(rebasing: bytes[command..<index]))
                return index
            }
        } else {
            end = index + 1
            while end < count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            base = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        }
        if base == "ı" { base = "i" } else if base == "ȷ" { base = "j" }
        guard let first = base.unicodeScalars.first else {
            emit(mark == "\u{0303}" ? "~" : mark == "\u{0302}" ? "^" : String(Character(mark)))
            return end
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(first)
        scalars.append(mark)
        scalars.append(contentsOf: base.unicodeScalars.dropFirst())
        emit(String(scalars).precomposedStringWithCanonicalMapping)
        return end
    }

    /// Math from the `$` at `start`: converted when it holds only letters, digits, symbols, `^` and `_`, else kept.
    private mutating func math(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var open = start + 1
        let display = open < count && bytes[open] == 0x24
        if display { open += 1 }
        var close = open
        while close < count, bytes[close] != 0x24 {
            if bytes[close] == 0x5C { close += 1 }
            close += 1
        }
        guard close < count else {
            emit(UnsafeBufferPointer(rebasing: bytes[start..<count]))
            return count
        }
        let end = display && close + 1 < count && bytes[close + 1] == 0x24 ? close + 2 : close + 1
        let content = UnsafeBufferPointer(rebasing: bytes[open..<min(close, count)])
        if let converted = Self.convertMath(content) {
            for run in converted { emit(run.text, style: run.style) }
        } else {
            emit(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        return end
    }

    /// Simple math as styled runs, or nil when it holds something this reader does not know.
    static func convertMath(_ bytes: UnsafeBufferPointer<UInt8>) -> [RichText.Run]? {
        var runs: [RichText.Run] = []
        var index = 0
        let count = bytes.count
        func atom(_ index: inout Int) -> String? {
            guard index < count else { return nil }
            if bytes[index] == 0x7B, let group = Self.group(bytes, at: index) {
                index = group.upperBound + 1
                guard let inner = convertMath(UnsafeBufferPointer(rebasing: bytes[group])), inner.allSatisfy({ $0.style.isEmpty }) else { return nil }
                return inner.map(\.text).joined()
            }
            if bytes[index] == 0x5C {
                var cursor = index + 1
                while cursor < count, isLetter(bytes[cursor]) { cursor += 1 }
                guard let symbol = LaTeXVocabulary.mathSymbols[String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<cursor]), as: UTF8.self)] else { return nil }
                index = cursor
                return symbol
            }
            var end = index + 1
            while end < count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            defer { index = end }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x5E || byte == 0x5F {
                index += 1
                guard let text = atom(&index) else { return nil }
                runs.append(RichText.Run(text, style: byte == 0x5E ? .superscript : .subscript))
            } else if byte == 0x5C, index + 1 < count, isLetter(bytes[index + 1]) {
                var cursor = index + 1
                while cursor < count, isLetter(bytes[cursor]) { cursor += 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<cursor]), as: UTF8.self)
                if name == "mathrm" || name == "text" || name == "mathit" || name == "mathbf" {
                    var next = cursor
                    guard let text = atom(&next) else { return nil }
                    runs.append(RichText.Run(text))
                    index = next
                    continue
                }
                guard let text = atom(&index) else { return nil }
                runs.append(RichText.Run(text))
            } else if byte == 0x5C || byte == 0x7B || byte == 0x7D || byte == 0x26 || byte == 0x23 || byte == 0x25 || byte == 0x7E {
                if byte == 0x7B, let group = Self.group(bytes, at: index), let inner = convertMath(UnsafeBufferPointer(rebasing: bytes[group])) {
                    runs.append(contentsOf: inner)
                    index = group.upperBound + 1
                    continue
                }
                return nil
            } else {
                guard let text = atom(&index) else { return nil }
                runs.append(RichText.Run(text))
            }
        }
        return runs
    }

    /// The content range of the balanced group whose `{` is at `index`, or nil when there is none there.
    static func group(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Range<Int>? {
        guard index < bytes.count, bytes[index] == 0x7B else { return nil }
        var depth = 0
        var cursor = index
        while cursor < bytes.count {
            switch bytes[cursor] {
            case 0x5C: cursor += 1
            case 0x7B: depth += 1
            case 0x7D:
                depth -= 1
                if depth == 0 { return (index + 1)..<cursor }
            default: break
            }
            cursor += 1
        }
        return nil
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) }
}
