import CByteScan
import Foundation

/// The text of one input file, decoded to UTF-8 once, with its line ends normalised and a table for locations.
///
/// Decoding: a UTF-8 byte-order mark is dropped; UTF-16 (little or big endian, with its BOM) is transcoded; bytes
/// that are not valid UTF-8 are read as Windows-1252 (a superset of Latin-1 for printable text) and `fallbackEncoding`
/// says so, so an importer can warn. CRLF and lone CR become LF.
public struct SourceText: Sendable {
    /// The path as the user gave it (`-` for standard input), used in diagnostics.
    public let file: String
    /// The text as UTF-8 bytes, LF line ends, no BOM; for markup (`init(file:markup:)`), the bytes as read. For a
    /// file that needed no decoding, the file's own pages, mapped (`SourceBytes(contentsOfFile:)`).
    public let bytes: SourceBytes
    /// The legacy encoding the bytes were read as, when they were not UTF-8 or UTF-16.
    public let fallbackEncoding: String?
    /// Byte offsets at which each line starts, found on first use (`LineTable`).
    public var lineStarts: [Int] { lines.starts }
    private let lines: LineTable
    /// The file's bytes as read, kept only when decoding or line-end normalisation changed them.
    private let originalBytes: SourceBytes?

    /// The file's bytes exactly as read, before decoding: for parsers that decode by themselves (an XML parser
    /// honours the encoding declaration). For LF and CRLF files the parser's line numbers agree with `bytes`.
    public var rawBytes: SourceBytes { originalBytes ?? bytes }

    /// Decodes `data` read from `file`.
    public init(file: String, data: Data) {
        self.init(file: file, bytes: SourceBytes(data))
    }

    /// Decodes the bytes read from `file`.
    public init(file: String, bytes raw: SourceBytes) {
        self.file = file
        var fallback: String?
        var utf8: [UInt8]
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
        } else if SourceText.isUTF8WithoutCarriageReturns(raw) {
            // The common case, valid UTF-8 with LF line ends: the bytes are the text.
            self.fallbackEncoding = nil
            self.bytes = raw
            self.lines = LineTable(raw)
            self.originalBytes = nil
            return
        } else if raw.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) != nil {
            // Valid UTF-8 with a carriage return: only the line ends change.
            self.fallbackEncoding = nil
            self.bytes = raw.withUnsafeBufferPointer { SourceText.normaliseLineEnds($0) }
            self.lines = LineTable(bytes)
            self.originalBytes = raw
            return
        } else {
            utf8 = SourceText.windows1252ToUTF8(raw)
            fallback = "windows-1252"
        }
        self.fallbackEncoding = fallback
        self.bytes = utf8.withUnsafeBufferPointer { SourceText.normaliseLineEnds($0) }
        self.lines = LineTable(bytes)
        self.originalBytes = bytes == raw ? nil : raw
    }

    /// The bytes read from `file`, kept as they are, for a parser that decodes them itself (an XML parser honours
    /// the XML declaration's encoding and reports bytes that do not fit it): they are not validated, `rawBytes` and
    /// `bytes` are the same, and lines end at LF, CRLF or a lone CR, as XML 1.0 (section 2.11, "End-of-Line
    /// Handling") has them, so the parser's line numbers index `lineStarts`. Bytes that start with a byte-order mark,
    /// or whose XML declaration names an encoding other than UTF-8, are decoded as by `init(file:bytes:)`, so that
    /// `bytes` stays UTF-8 and columns count characters.
    ///
    /// Skipping the validation matters for XML: for the 157 JATS files (21.7 MB) it was 2-3% of the import's
    /// instructions, spent checking what libxml2 checks again (`Benchmarks/perf.md`, session 7).
    public init(file: String, markup raw: SourceBytes) {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) || raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF])
            || SourceText.declaresEncodingOtherThanUTF8(raw)
        {
            self.init(file: file, bytes: raw)
            return
        }
        self.init(file: file, unchanged: raw)
    }

    /// Bytes kept as read.
    private init(file: String, unchanged bytes: SourceBytes) {
        self.file = file
        self.bytes = bytes
        self.fallbackEncoding = nil
        self.originalBytes = nil
        self.lines = LineTable(bytes)
    }

    /// Text given directly, for tests and in-memory sources.
    public init(file: String, text: String) {
        self.init(file: file, data: Data(text.utf8))
    }

    /// The decoded text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The 1-based line of a byte offset.
    public func line(of offset: Int) -> Int {
        Self.line(of: offset, in: lineStarts)
    }

    /// The 1-based line of a byte offset in a table of line starts.
    private static func line(of offset: Int, in lineStarts: [Int]) -> Int {
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
        let lineStarts = lineStarts
        return location(of: offset, onLine: Self.line(of: offset, in: lineStarts), lineStarts: lineStarts)
    }

    /// `location(of:)` for offsets met in increasing order: `line` is the 1-based line of the previous offset (0
    /// for none) and becomes this one's. The line is found by stepping forward from it, which for offsets a few
    /// lines apart (entry after entry) costs less than the binary search of `line(of:)`.
    public func location(of offset: Int, after line: inout Int) -> SourceLocation {
        let lineStarts = lineStarts
        if line < 1 || line > lineStarts.count || lineStarts[line - 1] > offset {
            line = Self.line(of: offset, in: lineStarts)
        } else {
            while line < lineStarts.count, lineStarts[line] <= offset { line += 1 }
        }
        return location(of: offset, onLine: line, lineStarts: lineStarts)
    }

    /// The location of `offset`, which is on 1-based `line` of `lineStarts`.
    private func location(of offset: Int, onLine line: Int, lineStarts: [Int]) -> SourceLocation {
        var column = 1
        let end = min(offset, bytes.count)
        bytes.withUnsafeBufferPointer { bytes in
            var index = lineStarts[line - 1]
            while index < end {
                if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The location of a 1-based line and column, in this file.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// `bytes` with CRLF and lone CR made LF, in memory of their own (a copy when there is no CR).
    private static func normaliseLineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> SourceBytes {
        SourceBytes(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0D {
                    output[written] = 0x0A
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                } else {
                    output[written] = byte
                }
                written += 1
                index += 1
            }
            return written
        }
    }

    /// Why a file could not be read: the system's message for the error ("No such file or directory").
    public struct ReadError: LocalizedError, Sendable {
        public let message: String
        init(_ code: Int32) { message = String(cString: strerror(code)) }
        public var errorDescription: String? { message }
    }

    /// Whether the bytes start with an XML declaration (`<?xml ... encoding="..." ?>`, XML 1.0 section 4.3.3) that
    /// names an encoding other than UTF-8.
    static func declaresEncodingOtherThanUTF8(_ bytes: SourceBytes) -> Bool {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return false }
        let declaration = bytes.prefix(512).prefix(while: { $0 != 0x3E })
        let text = String(decoding: declaration, as: UTF8.self)
        guard let name = text.range(of: "encoding") else { return false }
        let rest = text[name.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return false }
        let value = rest.dropFirst().prefix(while: { $0 != quote }).lowercased()
        return value != "utf-8" && value != "utf8"
    }

    /// Line starts where LF, CRLF and a lone CR end lines, found with `memchr` (a line feed, then a carriage return
    /// only when the bytes hold one): for markup as read, and for decoded text, whose line ends are LF already.
    fileprivate static func lineStarts(of bytes: SourceBytes) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            // Room for lines of 16 bytes on average: RIS lines are about 24, BibTeX and XML lines longer; capacity that
            // is never written costs no memory, and growing copies the table and touches new pages.
            starts.reserveCapacity(count / 16 + 1)
            if memchr(base, 0x0D, count) == nil {
                var index = 0
                while index < count, let found = memchr(base + index, 0x0A, count - index) {
                    index = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                    starts.append(index)
                }
                return
            }
            var index = 0
            while index < count {
                let byte = buffer[index]
                index += 1
                if byte == 0x0D {
                    if index < count, buffer[index] == 0x0A { index += 1 }
                    starts.append(index)
                } else if byte == 0x0A {
                    starts.append(index)
                }
            }
        }
        return starts
    }

    /// Windows-1252's characters for bytes 0x80-0x9F; the rest of the range is Latin-1.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func windows1252ToUTF8(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            text.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return Array(String(text).utf8)
    }
}

extension SourceText {
    /// Whether `bytes` are valid UTF-8 without a carriage return, in one pass (when they are not, the caller takes
    /// the general path: fallback decoding and line-end normalisation). The line table is not made here: it is
    /// found when first asked for (`LineTable`), and the RIS reader, which counts its lines itself, never asks.
    ///
    /// Validation follows the Unicode Standard, Table 3-7 "Well-Formed UTF-8 Byte Sequences" (no overlong forms,
    /// no surrogates, nothing above U+10FFFF), so it accepts exactly what `String(validating:as:)` accepts. Runs
    /// of ASCII are checked 16 bytes at a time, in C (`evidence_ascii_span_without_cr`).
    static func isUTF8WithoutCarriageReturns(_ bytes: SourceBytes) -> Bool {
        bytes.withUnsafeBufferPointer { buffer -> Bool in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return true }
            var index = 0
            while index < count {
                index += evidence_ascii_span_without_cr(base + index, count - index)
                guard index < count else { break }
                let byte = base[index]
                if byte == 0x0D { return false }
                // A multi-byte sequence: its length and the range of its second byte (Table 3-7).
                let length: Int
                var secondLow: UInt8 = 0x80
                var secondHigh: UInt8 = 0xBF
                switch byte {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; secondLow = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; secondHigh = 0x9F
                case 0xF0: length = 4; secondLow = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; secondHigh = 0x8F
                default: return false
                }
                guard index + length <= count else { return false }
                let second = base[index + 1]
                guard second >= secondLow && second <= secondHigh else { return false }
                var next = 2
                while next < length {
                    guard base[index + next] & 0xC0 == 0x80 else { return false }
                    next += 1
                }
                index += length
            }
            return true
        }
    }
}

/// A source's line starts, found once, when first asked for, by whichever thread asks first (a BibTeX entry's
/// location may be asked for on a mapping thread): an importer that counts its lines itself never pays for them.
private final class LineTable: @unchecked Sendable {
    private let bytes: SourceBytes
    private let lock = NSLock()
    /// Read and written with `lock` held.
    private var found: [Int]?

    init(_ bytes: SourceBytes) { self.bytes = bytes }

    /// Byte offsets at which each line starts: LF, CRLF and a lone CR end lines (`SourceText.lineStarts(of:)`).
    var starts: [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let found { return found }
        let starts = SourceText.lineStarts(of: bytes)
        found = starts
        return starts
    }
}
