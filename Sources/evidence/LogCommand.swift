import ArgumentParser
import CitationModel
import EvidenceStore
import Foundation
import Tagging

/// `evidence log [REF|CONCEPT]`: the append-only audit log of curation.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the audit log: every link added, changed, removed or restored, and every study design set.",
        discussion: """
            With a reference (citation key, DOI, PMID or id) or a concept (a domain includes its competencies), only the events about it. Each event shows its number (for 'evidence restore --event'), time, curator and what changed; --json gives the before and after images.

            Examples:
              evidence log
              evidence log metz2021implementation
              evidence log co-design --json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "A reference or a concept.")
    var subject: [String] = []

    @Option(help: "Show only the most recent N events.")
    var limit: Int?

    @Flag(help: "Write the events as a JSON array.")
    var json = false

    func run() throws {
        let store = try storeOptions.openForReading()
        let resolver = try storeOptions.resolver(store)
        var events: [AuditEvent]
        if subject.isEmpty {
            events = try store.auditEvents(limit: limit)
        } else {
            let text = subject.joined(separator: " ")
            if subject.count == 1, let stored = try store.reference(matching: text) {
                events = try store.auditEvents(referenceKey: stored.reference.citationKey, limit: limit)
            } else if case .concept(let concept) = resolver.resolve(text) {
                events = try store.auditEvents(conceptIDs: resolver.scope(of: concept).map(\.id), limit: limit)
            } else {
                throw CommandFailure(message: "no reference or concept matches '\(text)'")
            }
        }
        if json {
            Output.write(JSONValue.array(events.map(Self.json)).serialized(pretty: true) + "\n")
            return
        }
        guard !events.isEmpty else {
            Output.line("No changes recorded.")
            return
        }
        let names = Dictionary(resolver.concepts.map { ($0.id, ($0.code.map { $0 + " " } ?? "") + $0.name) }, uniquingKeysWith: { first, _ in first })
        for event in events {
            var subject = event.referenceKey ?? ""
            if let concept = event.conceptID { subject += " → " + (names[concept] ?? concept) }
            let head = "#\(event.id)  \(event.at)  \(event.actor)  \(Self.verb(event.action))  \(subject)"
            Output.line(head)
            if let detail = Self.detail(event) { Output.line(Output.wrap(detail, indent: "      ", firstIndent: "      ")) }
        }
    }

    static func verb(_ action: String) -> String {
        switch action {
        case "link.add": "added"
        case "link.update": "changed"
        case "link.remove": "removed"
        case "link.restore": "restored"
        case "reference.design": "set design"
        default: action
        }
    }

    /// What changed, in a few words.
    static func detail(_ event: AuditEvent) -> String? {
        if event.action == "reference.design" {
            let before = event.before?["studyDesign"]?.stringValue ?? "none"
            let after = event.after?["studyDesign"]?.stringValue ?? "none"
            return "\(before) → \(after)"
        }
        switch (event.linkBefore, event.linkAfter) {
        case (nil, let after?): return TagsCommand.facts(after)
        case (let before?, nil): return "was " + TagsCommand.facts(before)
        case (let before?, let after?):
            var changes: [String] = []
            func compare(_ name: String, _ a: String?, _ b: String?) {
                if a != b { changes.append("\(name) \(a ?? "none") → \(b ?? "none")") }
            }
            compare("relation", before.relation.rawValue, after.relation.rawValue)
            compare("strength", before.strength.rawValue, after.strength.rawValue)
            compare("basis", before.basis?.rawValue, after.basis?.rawValue)
            compare("status", before.status.rawValue, after.status.rawValue)
            compare("locator", before.locator, after.locator)
            if before.quote != after.quote { changes.append("quote changed") }
            if before.rationale != after.rationale { changes.append("rationale changed") }
            compare("curator", before.curator, after.curator)
            return changes.isEmpty ? nil : changes.joined(separator: "; ")
        default: return nil
        }
    }

    static func json(_ event: AuditEvent) -> JSONValue {
        var object = JSONObject()
        object["id"] = .integer(Int(event.id))
        object["at"] = .string(event.at)
        object["actor"] = .string(event.actor)
        object["action"] = .string(event.action)
        if let key = event.referenceKey { object["reference"] = .string(key) }
        if let concept = event.conceptID { object["concept"] = .string(concept) }
        object["before"] = event.before ?? .null
        object["after"] = event.after ?? .null
        return .object(object)
    }
}
