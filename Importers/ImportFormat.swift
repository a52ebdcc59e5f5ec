import CitationModel

/// The formats `evidence import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    case csljson, bibtex, ris, nbib, jats

    /// A name for messages.
    public var displayName: String {
        switch self {
        case .csljson: "CSL-JSON"
        case .bibtex: "BibTeX"
        case .ris: "RIS"
        case .nbib: "MEDLINE/PubMed"
        case .jats: "JATS XML"
        }
    }

    /// File name extensions that usually hold this format.
    public var fileExtensions: [String] {
        switch self {
        case .csljson: ["json"]
        case .bibtex: ["bib", "bibtex", "biblatex"]
        case .ris: ["ris"]
        case .nbib: ["nbib", "medline"]
        case .jats: ["xml", "nxml", "jats"]
        }
    }

    /// Whether the importer reads the file's own bytes and decodes them itself (JATS: libxml2 honours the XML
    /// declaration's encoding), so its source text is made with `SourceText(file:markup:)`, unvalidated.
    public var decodesItself: Bool { self == .jats }

    /// The source text of `bytes` read from `file`, as this format's importer reads it: the bytes as read for a
    /// format that decodes itself, decoded to UTF-8 otherwise.
    public func sourceText(file: String, bytes: SourceBytes) -> SourceText {
        decodesItself ? SourceText(file: file, markup: bytes) : SourceText(file: file, bytes: bytes)
    }

    /// The importer for this format, or nil where none is built yet.
    public var importer: (any Importer)? {
        switch self {
        case .csljson: CSLJSONImporter()
        case .bibtex: BibTeXImporter()
        case .ris: RISImporter()
        case .nbib: MEDLINEImporter()
        case .jats: JATSImporter()
        }
    }

    /// Tells the format from the content, whatever the file is called; falls back on the extension.
    ///
    /// Content wins because files are often misnamed (a PubMed `.nbib` saved as `.ris`). Only the first 4,096 bytes
    /// are looked at.
    public static func detect(bytes: some Collection<UInt8>, fileName: String) -> ImportFormat? {
        var bytes = Array(bytes.prefix(4096))
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            // UTF-16 with its BOM: the low byte of each code unit is enough to see the ASCII markers below.
            let low = bytes[0] == 0xFF ? 0 : 1
            bytes = stride(from: 2 + low, to: bytes.count - 1 + low, by: 2).map { bytes[$0] }
        }
        var index = 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF, 0x00].contains(bytes[index]) { index += 1 }
        let head = String(decoding: bytes[index..<min(bytes.count, index + 4096)], as: UTF8.self)
        if head.hasPrefix("[") || head.hasPrefix("{") { return .csljson }
        if head.hasPrefix("<") { return .jats }
        let lines = head.split(separator: "\n", omittingEmptySubsequences: true).prefix(40)
        // MEDLINE tags are four characters padded with spaces before the hyphen; these never occur in RIS.
        let medlineTags = ["PMID-", "PMID -", "OWN - ", "STAT- ", "FAU - ", "DCOM- "]
        if lines.contains(where: { line in medlineTags.contains { line.hasPrefix($0) } }) { return .nbib }
        if lines.contains(where: { $0.trimmingPrefix(" ").hasPrefix("TY  -") || $0.hasPrefix("TY -") }) { return .ris }
        if head.contains("@") && lines.contains(where: { $0.trimmingPrefix(" ").hasPrefix("@") }) { return .bibtex }
        let lowered = fileName.lowercased()
        return allCases.first { format in format.fileExtensions.contains { lowered.hasSuffix("." + $0) } }
    }
}

extension Substring {
    fileprivate func trimmingPrefix(_ character: Character) -> Substring { drop { $0 == character } }
}
