import CitationModel
import GRDB

/// What storing one record did.
public enum UpsertOutcome: String, Sendable {
    /// A new record.
    case inserted
    /// An existing record (same identifier, or same key and title) changed.
    case updated
    /// An existing record was already exactly this.
    case unchanged
}

/// The result of storing one record.
public struct UpsertResult: Sendable {
    public var id: Int64
    /// The key the record has in the store (differs from the source's when that key was taken by another work).
    public var citationKey: String
    public var outcome: UpsertOutcome
    /// Set when the source's key was taken by a different work and the record got a new one.
    public var renamedFrom: String?
}

/// Writes the records of one import run inside its transaction. Get one from `EvidenceStore.importRun`.
///
/// Identity (architecture "The way data flows", step 5): a record is the same work as a stored one when they share
/// a DOI, PMID, PMCID, ISBN or arXiv id, in that order; failing that, when they share the citation key and the
/// title (or one has none). The same work is updated in place and keeps its key; a key held by another work gets
/// a `-2`, `-3` ... suffix.
public final class ImportWriter {
    let db: Database
    /// The import run's id, recorded in each record's provenance.
    public let runID: Int64
    let now: String
    var counts: (inserted: Int, updated: Int) = (0, 0)
    /// The last suffix `freeKey` gave each key in this run.
    private var takenSuffixes: [String: Int] = [:]
    /// The per-record statements and what this run inserted.
    let statements: ImportStatements
    /// The full-text index, written by the run row by row.
    let searchIndex: ImportSearchIndex

    /// With `bulk`, for a run into a nearly empty store that does not enforce foreign keys, the run's full-text index
    /// is built on another thread (`DetachedSearchIndex`) and new references are written in batches (`ReferenceBatch`).
    init(db: Database, runID: Int64, now: String, bulk: Bool = false) throws {
        self.db = db
        self.runID = runID
        self.now = now
        statements = try ImportStatements(runID: runID, now: now, batchingReferences: bulk, db: db)
        searchIndex = try ImportSearchIndex(db: db, detached: bulk)
    }

    /// Writes the reference rows still waiting in the batch (`ReferenceBatch`). Called before anything reads the
    /// `reference` table: the lookup by key, an update, a link (whose tally trigger reads the row), `referenceID`, and
    /// the end of the run. Identifier, provenance and citation rows are written at once and may name a waiting row: a
    /// bulk load does not enforce foreign keys until its end.
    func writeWaitingReferences() throws {
        try statements.references.flush()
    }

    /// Stores one record: inserts it, or updates the stored record of the same work.
    ///
    /// `isMember` is false for works known only from a reference list: such a record never overwrites a library
    /// member (it only adds identifiers the member lacks), and a member imported later takes its place.
    /// `prepared`, when given, is `PreparedRecord(incoming)` made ahead (on another thread).
    public func upsert(
        _ incoming: Reference, file: String, format: String, line: Int, isMember: Bool = true, prepared: PreparedRecord? = nil
    ) throws -> UpsertResult {
        var match = try matchByIdentifier(incoming)
        var newKey: String?
        if match == nil, let row = try storedReference(key: incoming.citationKey) {
            if try isSameWork(storedID: row.id, storedTitle: row.title, incoming) {
                match = row.id
            } else {
                newKey = try freeKey(incoming.citationKey)
            }
        }
        let result: UpsertResult
        if let id = match {
            result = try update(id, with: incoming, isMember: isMember, prepared: prepared)
        } else if let newKey {
            var reference = incoming
            reference.citationKey = newKey
            let id = try insert(reference, isMember: isMember, prepared: prepared)
            counts.inserted += 1
            result = UpsertResult(id: id, citationKey: newKey, outcome: .inserted, renamedFrom: incoming.citationKey)
        } else {
            // The common case, without a copy of the record.
            let id = try insert(incoming, isMember: isMember, prepared: prepared)
            counts.inserted += 1
            result = UpsertResult(id: id, citationKey: incoming.citationKey, outcome: .inserted, renamedFrom: nil)
        }
        try statements.provenance.append(referenceID: result.id, file: file, format: format, line: line)
        return result
    }

    /// Stores `incoming` over the stored record `id` of the same work, which keeps its key.
    private func update(_ id: Int64, with incoming: Reference, isMember: Bool, prepared: PreparedRecord?) throws -> UpsertResult {
        // The row may still wait in the batch (a match by identifier: identifiers are written at once).
        try writeWaitingReferences()
        let lookup = statements.storedForUpdate
        lookup.bind(1, id)
        guard let stored = try lookup.first({ (key: $0.text(0), isMember: $0.int64(1) != 0, design: $0.optionalText(2)) }) else {
            throw DatabaseError(message: "no stored reference with id \(id) to update")
        }
        let (storedKey, storedIsMember, storedDesign) = stored
        if storedIsMember && !isMember {
            try addMissingIdentifiers(of: incoming, to: id)
            return UpsertResult(id: id, citationKey: storedKey, outcome: .unchanged, renamedFrom: nil)
        }
        var reference = incoming
        reference.citationKey = storedKey
        let csl = prepared?.csl(for: reference) ?? reference.cslJSONUTF8()
        if storedIsMember == isMember {
            let lookup = statements.storedCSL
            lookup.bind(1, id)
            if try lookup.first({ $0.textEquals(0, csl) }) == true {
                return UpsertResult(id: id, citationKey: storedKey, outcome: .unchanged, renamedFrom: nil)
            }
        }
        let (title, container, creators, abstract, keywords) = prepared?.columns ?? Self.columns(reference)
        try searchIndex.beforeUpdate(of: id)
        // Design and membership by a statement of their own, only when they change (see `ImportStatements`).
        let notes = reference.note ?? ""
        let update = statements.updateReference
        update.bind(1, reference.type.rawValue)
        update.bind(2, title)
        update.bind(3, reference.year.map(Int64.init))
        update.bind(4, container)
        update.bind(5, creators)
        update.bind(6, abstract)
        update.bind(7, keywords)
        update.bind(8, notes)
        update.bind(9, utf8: csl)
        update.bind(10, now)
        update.bind(11, id)
        try update.execute()
        let design = reference.studyDesign?.rawValue
        let member = isMember || storedIsMember
        if design != storedDesign || member != storedIsMember {
            let update = statements.updateDesignAndMembership
            update.bind(1, design)
            update.bind(2, Int64(member ? 1 : 0))
            update.bind(3, id)
            try update.execute()
        }
        searchIndex.afterUpdate(of: id, .init(title: title, abstract: abstract, creators: creators, keywords: keywords, notes: notes))
        statements.deleteIdentifiers.bind(1, id)
        try statements.deleteIdentifiers.execute()
        try insertIdentifiers(of: reference, id: id)
        counts.updated += 1
        return UpsertResult(id: id, citationKey: storedKey, outcome: .updated, renamedFrom: nil)
    }

    /// Records that `citingID` cites `citedIDs`, in reference-list order, replacing what was recorded before.
    public func setCitations(from citingID: Int64, to citedIDs: [Int64]) throws {
        statements.deleteCitations.bind(1, citingID)
        try statements.deleteCitations.execute()
        let insert = statements.insertCitation
        for (position, citedID) in citedIDs.enumerated() {
            insert.bind(1, citingID)
            insert.bind(2, citedID)
            insert.bind(3, Int64(position + 1))
            try insert.execute()
        }
    }

    /// Adds or updates an evidence link that came with an imported record; audited like a curator's change.
    public func upsertLink(_ link: EvidenceLink, referenceID: Int64, conceptID: String, actor: String) throws {
        try writeWaitingReferences()
        _ = try EvidenceStore.upsertLink(link, referenceID: referenceID, conceptID: conceptID, actor: actor, now: now, in: db)
    }

    private func matchByIdentifier(_ reference: Reference) throws -> Int64? {
        for kind in IdentifierKind.allCases where kind.identifiesWork {
            for identifier in reference.identifiers where identifier.kind == kind && statements.mayHoldIdentifier(kind, identifier.value) {
                let lookup = statements.referenceByIdentifier
                lookup.bind(1, kind.rawValue)
                lookup.bind(2, identifier.value)
                if let id = try lookup.first({ $0.int64(0) }) { return id }
            }
        }
        return nil
    }

    /// Inserts a new reference row (at once, or in the next batch: `ReferenceBatch`), its full-text index entry and its
    /// identifiers; returns its row id.
    private func insert(_ reference: Reference, isMember: Bool, prepared: PreparedRecord?) throws -> Int64 {
        // The columns as locals, copied once from the prepared record: reading them from the tuple where they are used
        // copied the whole tuple (five strings retained) at each use.
        let (title, container, creators, abstract, keywords) = prepared?.columns ?? Self.columns(reference)
        let notes = reference.note ?? ""
        let id = try statements.references.append(
            ReferenceBatch.Row(
                key: reference.citationKey, type: reference.type.rawValue, title: title, year: reference.year.map(Int64.init),
                container: container, creators: creators, abstract: abstract, keywords: keywords,
                notes: notes, studyDesign: reference.studyDesign?.rawValue, isMember: isMember,
                csl: prepared?.csl(for: reference) ?? reference.cslJSONUTF8()))
        try searchIndex.add(id: id, .init(title: title, abstract: abstract, creators: creators, keywords: keywords, notes: notes))
        try insertIdentifiers(of: reference, id: id)
        return id
    }

    /// The id and title of the stored reference with this key, without a query when the run knows there is none.
    /// A key found free is taken: the record being stored gets it (`ImportStatements.mayHoldKey(notingNew:)`).
    private func storedReference(key: String) throws -> (id: Int64, title: String)? {
        guard statements.mayHoldKey(notingNew: key) else { return nil }
        try writeWaitingReferences()
        let lookup = statements.referenceByKey
        lookup.bind(1, key)
        return try lookup.first { ($0.int64(0), $0.text(1)) }
    }

    /// `key-2`, `key-3` ...: the first that no stored record has. Keys are only added during a run, so the search
    /// for the same key starts where the last one ended (a key that many files share, such as glottolog's `12`,
    /// would otherwise look up every suffix taken before, each time).
    private func freeKey(_ key: String) throws -> String {
        var suffix = takenSuffixes[key].map { $0 + 1 } ?? 2
        while try storedReference(key: key + "-" + String(suffix)) != nil {
            suffix += 1
        }
        takenSuffixes[key] = suffix
        return key + "-" + String(suffix)
    }

    private func insertIdentifiers(of reference: Reference, id: Int64) throws {
        let insert = statements.insertIdentifier
        for identifier in reference.identifiers {
            insert.bind(1, id)
            insert.bind(2, identifier.kind.rawValue)
            insert.bind(3, identifier.value)
            try insert.execute()
            statements.noteIdentifier(identifier.kind, identifier.value)
        }
    }

    private func addMissingIdentifiers(of reference: Reference, to id: Int64) throws {
        try insertIdentifiers(of: reference, id: id)
    }

    /// Whether a stored record with the same key is the same work: the same title (ignoring case and punctuation),
    /// or no title on one side, and no conflicting DOI. Reads the stored `title` column (the record's full title) and
    /// its DOI from the identifier table instead of re-parsing its CSL-JSON; a record with several DOIs, whose first
    /// one only the CSL-JSON knows, is decided from the CSL-JSON as before.
    func isSameWork(storedID: Int64, storedTitle: String, _ reference: Reference) throws -> Bool {
        let lookup = statements.doisOfReference
        lookup.bind(1, storedID)
        let dois = try lookup.all { $0.text(0) }
        if dois.count > 1 {
            let csl = try String.fetchOne(try db.cachedStatement(sql: "SELECT csl FROM reference WHERE id = ?"), arguments: [storedID]) ?? ""
            guard let stored = try? EvidenceStore.decode(csl) else { return false }
            return Self.isSameWork(storedTitle: stored.fullTitle, storedDOI: stored.doi, reference)
        }
        return Self.isSameWork(storedTitle: storedTitle, storedDOI: dois.first, reference)
    }

    /// The rule itself: no conflicting DOI, and the same title ignoring case and punctuation, or no title on one side.
    static func isSameWork(storedTitle: String, storedDOI: String?, _ reference: Reference) -> Bool {
        if let left = storedDOI, let right = reference.doi, left != right { return false }
        let stored = normalisedTitle(storedTitle)
        let incoming = normalisedTitle(reference.fullTitle)
        return stored.isEmpty || incoming.isEmpty || stored == incoming
    }

    static func normalisedTitle(_ title: String) -> String {
        // ASCII titles (most) byte by byte, through the string's own buffer into the result's; the result is the same
        // as the Unicode path's for them.
        var title = title
        let ascii = title.withUTF8 { utf8 -> String? in
            guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: utf8.count) { result in
                var count = 0
                for byte in utf8 {
                    switch byte {
                    case 0x41...0x5A: result[count] = byte + 0x20
                    case 0x61...0x7A, 0x30...0x39: result[count] = byte
                    default: continue
                    }
                    count += 1
                }
                return count
            }
        }
        if let ascii { return ascii }
        // The same scalars as filtering `title.lowercased()` (which maps scalar by scalar) to letters and digits,
        // written as UTF-8 bytes: ASCII directly, other scalars through their lower-case mapping.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count)
        for scalar in title.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: bytes.append(UInt8(value) + 0x20)
                case 0x61...0x7A, 0x30...0x39: bytes.append(UInt8(value))
                default: break
                }
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars where CharacterSetLike.isAlphanumeric(lower) {
                UTF8.encode(lower) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The denormalised text columns of a reference, for sorting, display and the FTS5 index.
    typealias Columns = (title: String, container: String?, creators: String, abstract: String, keywords: String)

    /// The `creators` column: every creator's sort name, separated by "; ", written into one string.
    static func creatorColumn(_ creators: [Creator]) -> String {
        var text = ""
        for (index, creator) in creators.enumerated() {
            if index > 0 { text += "; " }
            creator.appendSortName(to: &text)
        }
        return text
    }

    static func columns(_ reference: Reference) -> Columns {
        (
            reference.fullTitle,
            reference.containerTitle?.plain,
            creatorColumn(reference.creators),
            reference.abstract?.plain ?? "",
            reference.keywords.joined(separator: ", ")
        )
    }
}

/// Character tests without Foundation's CharacterSet bridging cost.
enum CharacterSetLike {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

extension EvidenceStore {
    /// The counts of one import run.
    public struct RunCounts: Sendable, Equatable {
        public var inserted: Int
        public var updated: Int
    }

    /// Runs one import as one transaction: `body` writes through the `ImportWriter` and returns whether to commit.
    /// Nothing is written when it returns false or throws.
    ///
    /// `bulk` says how the run writes: nil (the default) loads in bulk when the store is nearly empty
    /// (`isNearlyEmpty`), true and false force one way or the other (tests compare them). Both give the same store.
    public func importRun<T>(
        description: String, bulk: Bool? = nil, _ body: (ImportWriter) throws -> (result: T, commit: Bool)
    ) throws -> T {
        var output: T?
        // Idle reader connections of this process keep the file open in WAL mode; close them so the journal mode can
        // change for a bulk load (another process's connection still blocks it, and the run then stays in WAL mode).
        if bulk != false { (pool as? DatabasePool)?.invalidateReadOnlyConnections() }
        try pool.writeWithoutTransaction { db in
            let inBulk = try bulk ?? Self.isNearlyEmpty(db)
            let rollbackJournal = try inBulk && Self.beginBulkLoad(db)
            defer { if rollbackJournal { Self.endBulkLoad(db) } }
            // A bulk run checks the store's references between tables (foreign keys) once, before it commits,
            // instead of at every row: each identifier, provenance and citation row looked its parents up as it was
            // inserted, 4-5% of the storing thread's instructions for glottolog and for the JATS set (callgrind,
            // Benchmarks/perf.md). The pragma cannot change inside a transaction
            // (https://www.sqlite.org/pragma.html#pragma_foreign_keys); the run deletes no reference, so no cascade
            // is missed.
            if inBulk { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            defer { if inBulk { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
            // A larger page cache for the run's one transaction (32 MB instead of SQLite's 2 MB), so a big import does
            // not spill dirty pages to the WAL over and over; restored afterwards. Durability is unchanged.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -32768")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            // The index built in bulk is attached to this connection for its copy (`DetachedSearchIndex.copy`) until the
            // transaction has ended.
            defer { if inBulk { try? DetachedSearchIndex.detach(from: db) } }
            try db.inTransaction(.immediate) {
                let now = Self.now()
                try db.execute(sql: "INSERT INTO import_run (started_at, description) VALUES (?, ?)", arguments: [now, description])
                let writer = try ImportWriter(db: db, runID: db.lastInsertedRowID, now: now, bulk: inBulk)
                defer {
                    writer.statements.finalize()
                    writer.searchIndex.finalize()
                }
                let (result, commit) = try body(writer)
                output = result
                guard commit else { return .rollback }
                try writer.writeWaitingReferences()
                try writer.statements.provenance.flush()
                // The index's last entries first: in a bulk load the builder indexes them, and writes out the terms
                // it still holds (50 ms for glottolog's RIS), while the foreign keys are checked here.
                try writer.searchIndex.writeRest()
                // A violation here is a bug: the run is rolled back and the error names the table and row.
                if inBulk { try db.checkForeignKeys() }
                try writer.searchIndex.finish(in: db)
                try db.execute(
                    sql: "UPDATE import_run SET finished_at = ?, inserted = ?, updated = ? WHERE id = ?",
                    arguments: [Self.now(), writer.counts.inserted, writer.counts.updated, writer.runID])
                return .commit
            }
        }
        return output!
    }
}

extension EvidenceStore {
    /// The most pages a store may hold to count as nearly empty (4 MiB of 16 KiB pages): a few hundred references,
    /// such as the frameworks and the seed.
    static let nearlyEmptyPageLimit = 256

    /// Whether the store holds so little that an import run loads it in bulk: through a rollback journal
    /// (`beginBulkLoad`) and with its full-text index built on another thread and copied in (`DetachedSearchIndex`,
    /// which indexes the rows already stored again).
    static func isNearlyEmpty(_ db: Database) throws -> Bool {
        try (Int.fetchOne(db, sql: "PRAGMA page_count") ?? .max) <= nearlyEmptyPageLimit
    }

    /// Switches the store to a rollback journal for one import run; returns whether it did.
    ///
    /// In WAL mode every page the run writes goes to the write-ahead log first and is copied into the file by the
    /// checkpoint when the store closes: a large import writes its data twice and syncs it twice. A rollback journal
    /// keeps only the original content of the pages the run changes, and SQLite does not journal the pages a
    /// transaction appends past the original end of the file (https://www.sqlite.org/fileformat2.html#rollback_journal,
    /// https://www.sqlite.org/atomiccommit.html): loading into a nearly empty store writes each page once, and the
    /// run stays one atomic transaction (a crash leaves a hot journal that rolls it back). The cost is concurrency:
    /// from the first spill of the page cache until the commit, other processes' reads wait (busy timeout) instead
    /// of reading the last snapshot, which is why this is done only while the store is nearly empty. The switch
    /// fails ("database is locked"), and the run stays in WAL mode, when another connection has the file open
    /// (https://www.sqlite.org/pragma.html#pragma_journal_mode, https://www.sqlite.org/wal.html).
    static func beginBulkLoad(_ db: Database) throws -> Bool {
        do {
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            return mode?.lowercased() == "delete"
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            // Another connection has the file open in WAL mode ("database is locked"): the run stays in WAL mode.
            return false
        }
    }

    /// Puts the store back in WAL mode after a bulk load; if that cannot be done now, the next open does it.
    static func endBulkLoad(_ db: Database) {
        _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
    }
}

extension ImportWriter {
    /// The row id of the reference with a citation key, as this transaction sees it.
    public func referenceID(forKey key: String) throws -> Int64? {
        try writeWaitingReferences()
        return try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM reference WHERE citation_key = ?"), arguments: [key])
    }
}
