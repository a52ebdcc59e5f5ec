/// A place in a source file: 1-based line and column, where columns count characters (Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file's path as the user gave it, or `-` for standard input.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in characters.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the prefix of every diagnostic.
    public var description: String {
        var text = ""
        append(to: &text)
        return text
    }

    /// Appends `file:line:column` to `text`.
    public func append(to text: inout String) {
        text += file
        text += ":"
        text += String(line)
        text += ":"
        text += String(column)
    }
}
