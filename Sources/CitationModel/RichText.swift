/// Text with inline styles: italic, bold, superscript, subscript, small caps and no-case (protected from case changes).
///
/// A value is a list of runs, each with one set of styles. `plain` is the text without styles, used for search,
/// sorting and identity. The CSL-JSON form uses the HTML-like tags of CSL 1.0.2, Appendix VI "Rich Text Formatting".
public struct RichText: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The inline styles a run can carry.
    public struct Style: OptionSet, Hashable, Sendable, Codable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let italic = Style(rawValue: 1 << 0)
        public static let bold = Style(rawValue: 1 << 1)
        public static let superscript = Style(rawValue: 1 << 2)
        public static let `subscript` = Style(rawValue: 1 << 3)
        public static let smallCaps = Style(rawValue: 1 << 4)
        /// Text whose case a style must not change (BibTeX's protective braces, CSL's `nocase` span).
        public static let noCase = Style(rawValue: 1 << 5)
    }

    /// A stretch of text with one set of styles.
    public struct Run: Hashable, Sendable, Codable {
        public var text: String
        public var style: Style
        public init(_ text: String, style: Style = []) {
            self.text = text
            self.style = style
        }
    }

    /// The runs, merged so that no two neighbours share a style and none is empty.
    public private(set) var runs: [Run]

    public init(runs: [Run]) {
        var merged: [Run] = []
        for run in runs where !run.text.isEmpty {
            if let last = merged.last, last.style == run.style {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        self.runs = merged
    }

    /// Unstyled text: one run, or none for empty text (what `init(runs:)` makes of it, with one array instead of two).
    public init(_ plain: String) { runs = plain.isEmpty ? [] : [Run(plain)] }

    public init(stringLiteral value: String) { self.init(value) }

    /// The text without styles.
    public var plain: String { runs.map(\.text).joined() }

    public var isEmpty: Bool { runs.isEmpty }

    /// Whether any run carries a style.
    public var isStyled: Bool { runs.contains { !$0.style.isEmpty } }

    public var description: String { plain }

    /// Appends another rich text.
    public static func + (lhs: RichText, rhs: RichText) -> RichText { RichText(runs: lhs.runs + rhs.runs) }
}
