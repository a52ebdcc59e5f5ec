import Foundation

/// The text of one input file, decoded to UTF-8 once, with its line ends normalised and a table for locations.
///
/// Decoding: a UTF-8 byte-order mark is dropped; UTF-16 (little or big endian, with its BOM) is transcoded; bytes
/// that are not valid UTF-8 are read as Windows-1252 (a superset of Latin-1 for printable text) and `fallbackEncoding`
/// says so, so an importer can warn. CRLF and lone CR become LF.
public struct SourceText: Sendable {
    /// The path as the user gave it (`-` for standard input), used in diagnostics.
    public let file: String
    /// The text as UTF-8 bytes, LF line ends, no BOM.
    public let bytes: [UInt8]
    /// The legacy encoding the bytes were read as, when they were not UTF-8 or UTF-16.
    public let fallbackEncoding: String?
    /// Byte offsets at which each line starts.
    public let lineStarts: [Int]
    /// The file's bytes as read, kept only when decoding or line-end normalisation changed them.
    private let originalBytes: [UInt8]?

    /// The file's bytes exactly as read, before decoding: for parsers that decode by themselves (an XML parser
    /// honours the encoding declaration). For LF and CRLF files the parser's line numbers agree with `bytes`.
    public var rawBytes: [UInt8] { originalBytes ?? bytes }

    /// Decodes `data` read from `file`.
    public init(file: String, data: Data) {
        self.file = file
        var fallback: String?
        var utf8: [UInt8]
        let raw = [UInt8](data)
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            utf8 = Array(raw.dropFirst(3))
            if String(validating: utf8, as: UTF8.self) == nil {
                utf8 = SourceText.windows1252ToUTF8(utf8)
                fallback = "windows-1252"
            }
        } else if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = raw[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            let text = String(data: Data(raw.dropFirst(2)), encoding: encoding) ?? ""
            utf8 = Array(text.utf8)
        } else if let starts = SourceText.scan(raw) {
            // The common case, valid UTF-8 with LF line ends: one pass validated it and found the lines.
            self.fallbackEncoding = nil
            self.bytes = raw
            self.lineStarts = starts
            self.originalBytes = nil
            return
        } else if String(validating: raw, as: UTF8.self) != nil {
            utf8 = raw
        } else {
            utf8 = SourceText.windows1252ToUTF8(raw)
            fallback = "windows-1252"
        }
        self.fallbackEncoding = fallback
        self.bytes = SourceText.normaliseLineEnds(utf8)
        self.lineStarts = SourceText.lineStarts(of: bytes)
        self.originalBytes = bytes == raw ? nil : raw
    }

    /// Text given directly, for tests and in-memory sources.
    public init(file: String, text: String) {
        self.init(file: file, data: Data(text.utf8))
    }

    /// The decoded text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The 1-based line of a byte offset.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The location of a byte offset: 1-based line, and column counted in characters (Unicode scalars).
    public func location(of offset: Int) -> SourceLocation {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        var column = 1
        var index = start
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The location of a 1-based line and column, in this file.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    private static func normaliseLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.withUnsafeBufferPointer({ $0.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                output.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == 0x0A { starts.append(index + 1) }
        }
        return starts
    }

    /// Windows-1252's characters for bytes 0x80-0x9F; the rest of the range is Latin-1.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            text.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return Array(String(text).utf8)
    }
}
