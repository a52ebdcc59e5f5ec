/// Text collected for one write to standard output (a write a line costs a system call each).
struct TextBuffer {
    var text = ""

    mutating func line(_ line: String = "") {
        text += line
        text += "\n"
    }
}

extension String {
    /// Pads on the left with spaces to `width`.
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }

    /// Pads on the right with spaces to `width`.
    func rightPadded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
