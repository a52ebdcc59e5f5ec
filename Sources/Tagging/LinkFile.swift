import CitationModel
import Foundation

/// Reads a bulk link file for `evidence tag --from FILE`: CSV or TSV with a header row (RFC 4180 quoting), or a JSON
/// array of objects, with the columns (keys) `reference`, `concept` and any of `relation`, `strength`, `basis`,
/// `locator`, `quote`, `rationale`, `curator`, `status` (architecture, "CLI contract").
///
/// Parsing checks the syntax and the vocabularies; whether the reference and concept exist is for the caller, who
/// knows the store. Every bad row gets a diagnostic at its line (a JSON object's opening line).
public enum LinkFile {
    /// One row: the link as written, and where.
    public struct Row: Sendable, Hashable {
        public var line: Int
        /// The column where the row's reference and concept values start (for diagnostics).
        public var referenceColumn: Int
        public var conceptColumn: Int
        public var reference: String
        public var concept: String
        public var relation: EvidenceRelation?
        public var strength: EvidenceStrength?
        public var basis: EvidenceBasis?
        public var status: LinkStatus?
        public var locator: String?
        public var quote: String?
        public var rationale: String?
        public var curator: String?
    }

    /// The columns a file may have.
    public static let columns = ["reference", "concept", "relation", "strength", "basis", "locator", "quote", "rationale", "curator", "status"]

    /// The format of a bulk file.
    public enum Format: String, Sendable {
        case csv, tsv, json
    }

    /// Tells the format from the content: JSON when the first non-blank character is `[`, TSV when the header has
    /// a tab, CSV otherwise.
    public static func format(of source: SourceText) -> Format {
        let first = source.bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return .json }
        let header = source.bytes.prefix { $0 != 0x0A }
        return header.contains(0x09) ? .tsv : .csv
    }

    /// Parses a bulk file; rows with errors are left out and reported.
    public static func parse(_ source: SourceText) -> (rows: [Row], diagnostics: [Diagnostic]) {
        switch format(of: source) {
        case .json: parseJSON(source)
        case .csv: parseDelimited(source, separator: UInt8(ascii: ","))
        case .tsv: parseDelimited(source, separator: 0x09)
        }
    }

    /// A field's value with its place.
    struct Field {
        var text: String
        var line: Int
        var column: Int
    }

    /// Builds a row from its fields, checking required values and vocabularies.
    static func row(_ fields: [String: Field], line: Int, file: String, diagnostics: inout [Diagnostic]) -> Row? {
        func value(_ key: String) -> String? {
            guard let text = fields[key]?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        func place(_ key: String) -> SourceLocation {
            SourceLocation(file: file, line: fields[key]?.line ?? line, column: fields[key]?.column ?? 1)
        }
        var valid = true
        let reference = value("reference")
        let concept = value("concept")
        if reference == nil {
            diagnostics.append(.error("link.missing-reference", "row has no 'reference'", at: SourceLocation(file: file, line: line, column: 1)))
            valid = false
        }
        if concept == nil {
            diagnostics.append(.error("link.missing-concept", "row has no 'concept'", at: SourceLocation(file: file, line: line, column: 1), entry: reference))
            valid = false
        }
        func vocabulary<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let text = value(key) else { return nil }
            if let parsed = T(rawValue: text.lowercased()) { return parsed }
            diagnostics.append(.error("link.invalid-\(key)", "unknown \(key) '\(text)'; expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))", at: place(key), entry: reference))
            valid = false
            return nil
        }
        let relation = vocabulary("relation", EvidenceRelation.self)
        let strength = vocabulary("strength", EvidenceStrength.self)
        let basis = vocabulary("basis", EvidenceBasis.self)
        let status = vocabulary("status", LinkStatus.self)
        guard valid, let reference, let concept else { return nil }
        return Row(
            line: line, referenceColumn: fields["reference"]?.column ?? 1, conceptColumn: fields["concept"]?.column ?? 1,
            reference: reference, concept: concept, relation: relation, strength: strength, basis: basis, status: status,
            locator: value("locator"), quote: value("quote"), rationale: value("rationale"), curator: value("curator"))
    }

    // MARK: CSV and TSV (RFC 4180)

    static func parseDelimited(_ source: SourceText, separator: UInt8) -> (rows: [Row], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let records = splitRecords(source, separator: separator, diagnostics: &diagnostics)
        guard let header = records.first else {
            return ([], [.error("link.empty-file", "the file has no header row", at: SourceLocation(file: source.file, line: 1, column: 1))])
        }
        let names = header.fields.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        var headerValid = true
        for (index, name) in names.enumerated() where !columns.contains(name) {
            diagnostics.append(.error("link.unknown-column", "unknown column '\(name)'; expected \(columns.joined(separator: ", "))", at: SourceLocation(file: source.file, line: header.fields[index].line, column: header.fields[index].column)))
            headerValid = false
        }
        for required in ["reference", "concept"] where !names.contains(required) {
            diagnostics.append(.error("link.missing-column", "the header has no '\(required)' column", at: SourceLocation(file: source.file, line: header.line, column: 1)))
            headerValid = false
        }
        guard headerValid else { return ([], diagnostics) }
        var rows: [Row] = []
        for record in records.dropFirst() {
            if record.fields.allSatisfy({ $0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            if record.fields.count > names.count {
                let extra = record.fields[names.count]
                diagnostics.append(.error("link.extra-field", "row has \(record.fields.count) fields but the header has \(names.count)", at: SourceLocation(file: source.file, line: extra.line, column: extra.column)))
                continue
            }
            var fields: [String: Field] = [:]
            for (index, field) in record.fields.enumerated() { fields[names[index]] = field }
            if let row = row(fields, line: record.line, file: source.file, diagnostics: &diagnostics) { rows.append(row) }
        }
        return (rows, diagnostics)
    }

    struct Record {
        var line: Int
        var fields: [Field]
    }

    /// Splits the text into records of fields; quoted fields may hold separators, quotes (doubled) and newlines.
    static func splitRecords(_ source: SourceText, separator: UInt8, diagnostics: inout [Diagnostic]) -> [Record] {
        let bytes = source.bytes
        var records: [Record] = []
        var fields: [Field] = []
        var current: [UInt8] = []
        var line = 1
        var column = 1
        var recordLine = 1
        var fieldLine = 1
        var fieldColumn = 1
        var index = 0
        var inQuotes = false
        var quoteStart = (line: 1, column: 1)
        func endField() {
            fields.append(Field(text: String(decoding: current, as: UTF8.self), line: fieldLine, column: fieldColumn))
            current.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        current.append(byte)
                        index += 2
                        column += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    current.append(byte)
                    if byte == 0x0A {
                        line += 1
                        column = 0
                    }
                }
            } else if byte == UInt8(ascii: "\"") && current.allSatisfy({ $0 == 0x20 }) {
                current.removeAll()
                inQuotes = true
                quoteStart = (line, column)
            } else if byte == separator {
                endField()
                fieldLine = line
                fieldColumn = column + 1
            } else if byte == 0x0A {
                endField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll()
                line += 1
                column = 0
                recordLine = line
                fieldLine = line
                fieldColumn = 1
            } else if byte != 0x0D {
                current.append(byte)
            }
            if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        if inQuotes {
            diagnostics.append(.error("link.unterminated-quote", "quoted field is not closed", at: SourceLocation(file: source.file, line: quoteStart.line, column: quoteStart.column)))
        }
        if !current.isEmpty || !fields.isEmpty {
            endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }

    // MARK: JSON

    static func parseJSON(_ source: SourceText) -> (rows: [Row], diagnostics: [Diagnostic]) {
        var parser = JSONParser(bytes: source.bytes)
        let document: LocatedJSON
        do {
            document = try parser.parseDocument()
        } catch {
            return ([], [.error("link.syntax", error.message, at: source.location(line: error.line, column: error.column))])
        }
        guard case .array(let items) = document.kind else {
            return ([], [.error("link.not-an-array", "a JSON link file holds an array of objects, found \(document.kindName)", at: source.location(line: document.line, column: document.column))])
        }
        var diagnostics: [Diagnostic] = []
        var rows: [Row] = []
        for item in items {
            guard case .object(let members) = item.kind else {
                diagnostics.append(.error("link.not-an-object", "expected an object for an evidence link, found \(item.kindName)", at: source.location(line: item.line, column: item.column)))
                continue
            }
            var fields: [String: Field] = [:]
            var valid = true
            for member in members {
                guard columns.contains(member.key) else {
                    diagnostics.append(.error("link.unknown-column", "unknown key '\(member.key)'; expected \(columns.joined(separator: ", "))", at: source.location(line: member.line, column: member.column)))
                    valid = false
                    continue
                }
                guard let text = member.value.value.stringValue else {
                    if case .null = member.value.kind { continue }
                    diagnostics.append(.error("link.invalid-value", "'\(member.key)' must be a string, found \(member.value.kindName)", at: source.location(line: member.value.line, column: member.value.column)))
                    valid = false
                    continue
                }
                fields[member.key] = Field(text: text, line: member.value.line, column: member.value.column)
            }
            if let row = row(fields, line: item.line, file: source.file, diagnostics: &diagnostics), valid { rows.append(row) }
        }
        return (rows, diagnostics)
    }
}
