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

    /// Wraps `text` to `width`, the first line after `firstIndent`, the rest after `indent`.
    ///
    /// The length of the line being built is kept as it grows while it is ASCII (where characters are bytes and
    /// cannot join across a space), and counted again in characters otherwise, so a line is never re-counted
    /// word by word.
    static func wrap(_ text: String, indent: String = "", firstIndent: String? = nil, width: Int = Output.width) -> String {
        var lines: [String] = []
        var current = firstIndent ?? indent
        var currentIsASCII = current.utf8.allSatisfy { $0 < 0x80 }
        var length = current.count
        let indentIsASCII = indent.utf8.allSatisfy { $0 < 0x80 }
        var currentHasWord = false
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let wordIsASCII = word.utf8.allSatisfy { $0 < 0x80 }
            let wordLength = wordIsASCII ? word.utf8.count : word.count
            if currentHasWord && length + 1 + wordLength > width {
                lines.append(current)
                current = indent
                currentIsASCII = indentIsASCII
                length = indent.count
                currentHasWord = false
            }
            current += (currentHasWord ? " " : "") + word
            if currentIsASCII && wordIsASCII {
                length += (currentHasWord ? 1 : 0) + wordLength
            } else {
                currentIsASCII = false
                length = current.count
            }
            currentHasWord = true
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Cuts text to `length` characters with an ellipsis.
    static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(max(0, length - 1))) + "…"
    }
}
