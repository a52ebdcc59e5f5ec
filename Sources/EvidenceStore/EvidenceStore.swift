import CitationModel
import Foundation
import GRDB

/// The citation store: one SQLite file holding references, frameworks, evidence links and their audit trail.
///
/// The only module that uses GRDB. The file is in WAL mode with foreign keys on, and writers wait (busy timeout)
/// so two `evidence` processes can write one after the other. Every write is one transaction.
public final class EvidenceStore: Sendable {
    /// The path of the SQLite file.
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 30

    /// Opens the store at `path`, creating the file and its folder when missing, and migrates it to the current schema.
    public init(path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "evidence"
        pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator().migrate(pool)
    }

    /// The current time as ISO 8601 (UTC, seconds), the form every timestamp in the store takes.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// Numbers that describe the store's content.
    public struct Statistics: Sendable, Equatable {
        public var references: Int
        public var citedOnly: Int
        public var frameworks: Int
        public var concepts: Int
        public var links: Int

        public init(references: Int, citedOnly: Int, frameworks: Int, concepts: Int, links: Int) {
            self.references = references
            self.citedOnly = citedOnly
            self.frameworks = frameworks
            self.concepts = concepts
            self.links = links
        }
    }

    public func statistics() throws -> Statistics {
        try pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return Statistics(
                references: try count("SELECT COUNT(*) FROM reference WHERE is_member = 1"),
                citedOnly: try count("SELECT COUNT(*) FROM reference WHERE is_member = 0"),
                frameworks: try count("SELECT COUNT(*) FROM framework"),
                concepts: try count("SELECT COUNT(*) FROM concept"),
                links: try count("SELECT COUNT(*) FROM evidence_link"))
        }
    }
}

/// A reference as the store holds it: the record, its row id and whether it is a library member.
public struct StoredReference: Sendable, Hashable {
    /// The row id, stable for the life of the store.
    public var id: Int64
    public var reference: Reference
    /// False for works known only from another paper's reference list.
    public var isMember: Bool
    public var created: String
    public var updated: String
}

/// Where a stored record came from: one row per import of it.
public struct Provenance: Sendable, Hashable {
    public var run: Int64
    public var file: String
    public var format: String
    public var line: Int
    public var at: String
}

/// Errors the store reports to the user.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case unreadableRecord(String)
    case unknownReference(String)
    case unknownConcept(String)
    case invalidValue(String)

    public var description: String {
        switch self {
        case .unreadableRecord(let key): "the stored record '\(key)' cannot be read"
        case .unknownReference(let key): "no reference '\(key)' in the store"
        case .unknownConcept(let id): "no concept '\(id)' in the store"
        case .invalidValue(let message): message
        }
    }
}
