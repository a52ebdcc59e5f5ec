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
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of `file:line:column` to `bytes`.
    public func append(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: file.utf8)
        bytes.append(0x3A)
        bytes.append(contentsOf: String(line).utf8)
        bytes.append(0x3A)
        bytes.append(contentsOf: String(column).utf8)
    }
}
