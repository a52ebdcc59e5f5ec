import CitationModel
import Foundation

/// Writing to the terminal: data to stdout, diagnostics to stderr, text wrapped to the terminal's width.
enum Output {
    /// Writes a line to standard output.
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes text to standard output as it is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `evidence: error: message` on standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("evidence: error: \(message)\n".utf8))
    }

    /// A diagnostic in `file:line:col: severity: [code] message` form on standard error.
    static func diagnostic(_ diagnostic: Diagnostic) {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }

    /// Whether standard error is a terminal (asked once: it is checked for every diagnostic of an import).
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0

    /// A transient status line on standard error, only on a terminal.
    static func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Clears the status line.
    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// The width to wrap to: `$COLUMNS`, the terminal's width, or 100 when output is not a terminal.
    static let width: Int = {
        // getenv, not ProcessInfo's environment, which copies every variable into a dictionary first.
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns >= 40 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        return 100
    }()

    /// Wraps `text` to `width`, the first line after `firstIndent`, the rest after `indent`: words are separated by
    /// spaces and line breaks, and a word longer than a line gets a line of its own.
    static func wrap(_ text: String, indent: String = "", firstIndent: String? = nil, width: Int = Output.width) -> String {
        let start = firstIndent ?? indent
        // ASCII without carriage returns (nearly every citation and summary): characters are bytes.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }), start.utf8.allSatisfy({ $0 < 0x80 }), indent.utf8.allSatisfy({ $0 < 0x80 }) {
            return wrapASCII(Array(text.utf8), indent: Array(indent.utf8), start: Array(start.utf8), width: width)
        }
        var lines: [String] = []
        var current = start
        var length = current.count
        var currentHasWord = false
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if currentHasWord && length + 1 + word.count > width {
                lines.append(current)
                current = indent
                currentHasWord = false
            }
            if currentHasWord { current.append(" ") }
            current.append(contentsOf: word)
            length = current.count
            currentHasWord = true
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// `wrap` over ASCII bytes.
    private static func wrapASCII(_ text: [UInt8], indent: [UInt8], start: [UInt8], width: Int) -> String {
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
        var out = start
        out.reserveCapacity(start.count + text.count + 4 * indent.count)
        var length = start.count
        var hasWord = false
        var index = 0
        while index < text.count {
            if text[index] == space || text[index] == newline {
                index += 1
                continue
            }
            var end = index
            while end < text.count && text[end] != space && text[end] != newline { end += 1 }
            let wordLength = end - index
            if hasWord && length + 1 + wordLength > width {
                out.append(newline)
                out += indent
                length = indent.count
                hasWord = false
            }
            if hasWord {
                out.append(space)
                length += 1
            }
            out += text[index..<end]
            length += wordLength
            hasWord = true
            index = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Cuts text to `length` characters with an ellipsis.
    static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(max(0, length - 1))) + "…"
    }
}
