/// Text with inline styles: italic, bold, superscript, subscript, small caps and no-case (protected from case changes).
///
/// A value is a list of runs, each with one set of styles. `plain` is the text without styles, used for search,
/// sorting and identity. The CSL-JSON form uses the HTML-like tags of CSL 1.0.2, Appendix VI "Rich Text Formatting".
/// Unstyled text, most titles, is kept as its string alone: no list of runs is made for it, nor joined to read it.
public struct RichText: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible, CustomReflectable {
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

    /// The text in one form for each value, so equal values have equal storage: text with no style (empty text
    /// included) as its string, anything else as its merged runs (two or more, or one with a style).
    private enum Storage: Hashable, Sendable {
        case unstyled(String)
        case styled([Run])
    }

    private var storage: Storage

    /// The runs, merged so that no two neighbours share a style and none is empty.
    public var runs: [Run] {
        switch storage {
        case .unstyled(let text): text.isEmpty ? [] : [Run(text)]
        case .styled(let runs): runs
        }
    }

    public init(runs: [Run]) {
        var merged: [Run] = []
        for run in runs where !run.text.isEmpty {
            if let last = merged.last, last.style == run.style {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        if merged.isEmpty {
            storage = .unstyled("")
        } else if merged.count == 1 && merged[0].style.isEmpty {
            storage = .unstyled(merged[0].text)
        } else {
            storage = .styled(merged)
        }
    }

    /// Unstyled text (what `init(runs:)` makes of one run without style, with no list).
    public init(_ plain: String) { storage = .unstyled(plain) }

    public init(stringLiteral value: String) { self.init(value) }

    /// The text without styles.
    public var plain: String {
        switch storage {
        case .unstyled(let text): text
        case .styled(let runs): runs.map(\.text).joined()
        }
    }

    /// The text, when it has no style.
    var unstyled: String? {
        if case .unstyled(let text) = storage { return text }
        return nil
    }

    public var isEmpty: Bool { unstyled?.isEmpty ?? false }

    /// Whether any run carries a style (styled storage always has one: runs of one style are merged).
    public var isStyled: Bool {
        if case .styled = storage { return true }
        return false
    }

    /// Shows the runs, as the value reads.
    public var customMirror: Mirror { Mirror(self, children: ["runs": runs]) }

    private enum CodingKeys: String, CodingKey {
        case runs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(runs: try container.decode([Run].self, forKey: .runs))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runs, forKey: .runs)
    }

    public var description: String { plain }

    /// Appends another rich text.
    public static func + (lhs: RichText, rhs: RichText) -> RichText { RichText(runs: lhs.runs + rhs.runs) }
}
