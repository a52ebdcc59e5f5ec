import GRDB

/// The store's schema as migrations. A shipped migration is never edited: change the schema with a new one.
enum Schema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: references, identifiers, provenance, search, frameworks, links, audit, citations") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: indexes for ranked evidence, maps and the audit log") { db in
            try db.execute(sql: v2)
        }
        return migrator
    }

    private static let v1 = """
        CREATE TABLE import_run (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            description TEXT NOT NULL,
            inserted INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE reference (
            id INTEGER PRIMARY KEY,
            citation_key TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            year INTEGER,
            container TEXT,
            creators TEXT NOT NULL DEFAULT '',
            abstract TEXT NOT NULL DEFAULT '',
            keywords TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            study_design TEXT,
            is_member INTEGER NOT NULL DEFAULT 1 CHECK (is_member IN (0, 1)),
            csl TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX reference_year ON reference(year);

        CREATE TABLE identifier (
            reference_id INTEGER NOT NULL REFERENCES reference(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (kind, value, reference_id)
        ) WITHOUT ROWID;
        CREATE INDEX identifier_reference ON identifier(reference_id);

        CREATE TABLE provenance (
            id INTEGER PRIMARY KEY,
            reference_id INTEGER NOT NULL REFERENCES reference(id) ON DELETE CASCADE,
            run_id INTEGER NOT NULL REFERENCES import_run(id),
            file TEXT NOT NULL,
            format TEXT NOT NULL,
            line INTEGER NOT NULL
        );
        CREATE INDEX provenance_reference ON provenance(reference_id);

        CREATE VIRTUAL TABLE reference_fts USING fts5(
            title, abstract, creators, keywords, notes,
            content='reference', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER reference_fts_insert AFTER INSERT ON reference BEGIN
            INSERT INTO reference_fts(rowid, title, abstract, creators, keywords, notes)
            VALUES (new.id, new.title, new.abstract, new.creators, new.keywords, new.notes);
        END;
        CREATE TRIGGER reference_fts_delete AFTER DELETE ON reference BEGIN
            INSERT INTO reference_fts(reference_fts, rowid, title, abstract, creators, keywords, notes)
            VALUES ('delete', old.id, old.title, old.abstract, old.creators, old.keywords, old.notes);
        END;
        CREATE TRIGGER reference_fts_update AFTER UPDATE OF title, abstract, creators, keywords, notes ON reference BEGIN
            INSERT INTO reference_fts(reference_fts, rowid, title, abstract, creators, keywords, notes)
            VALUES ('delete', old.id, old.title, old.abstract, old.creators, old.keywords, old.notes);
            INSERT INTO reference_fts(rowid, title, abstract, creators, keywords, notes)
            VALUES (new.id, new.title, new.abstract, new.creators, new.keywords, new.notes);
        END;

        CREATE TABLE framework (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            version TEXT,
            publisher TEXT,
            summary TEXT,
            sources TEXT NOT NULL DEFAULT '[]',
            installed_at TEXT NOT NULL
        );

        CREATE TABLE concept (
            id TEXT PRIMARY KEY,
            framework_id TEXT NOT NULL REFERENCES framework(id) ON DELETE CASCADE,
            local_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('principle', 'domain', 'competency')),
            code TEXT,
            name TEXT NOT NULL,
            parent_id TEXT REFERENCES concept(id) ON DELETE CASCADE,
            aliases TEXT NOT NULL DEFAULT '[]',
            summary TEXT,
            position INTEGER NOT NULL,
            UNIQUE (framework_id, local_id)
        );

        CREATE TABLE evidence_link (
            id INTEGER PRIMARY KEY,
            reference_id INTEGER NOT NULL REFERENCES reference(id) ON DELETE CASCADE,
            concept_id TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
            relation TEXT NOT NULL CHECK (relation IN ('defines', 'measures', 'supports', 'describes', 'challenges')),
            strength TEXT NOT NULL CHECK (strength IN ('strong', 'moderate', 'emerging')),
            basis TEXT CHECK (basis IN ('stated', 'inferred')),
            locator TEXT,
            quote TEXT,
            rationale TEXT,
            curator TEXT,
            status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'suggested')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (reference_id, concept_id)
        );
        CREATE INDEX evidence_link_concept ON evidence_link(concept_id);

        CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            reference_key TEXT,
            concept_id TEXT,
            before TEXT,
            after TEXT
        );
        CREATE INDEX audit_event_reference ON audit_event(reference_key);
        CREATE INDEX audit_event_concept ON audit_event(concept_id);

        CREATE TABLE citation (
            citing_id INTEGER NOT NULL REFERENCES reference(id) ON DELETE CASCADE,
            cited_id INTEGER NOT NULL REFERENCES reference(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (citing_id, position)
        );
        CREATE INDEX citation_cited ON citation(cited_id);
        """

    /// Indexes for the queries of `evidence for`, `map`, `gaps` and `log` (issue 6): a covering index over the link
    /// columns that ranking and maps read, study designs for the `--design` filter, and the audit log by action
    /// (the last removal of a link is what `evidence restore` brings back).
    private static let v2 = """
        CREATE INDEX evidence_link_concept_rank ON evidence_link(concept_id, reference_id, strength, basis, relation, status);
        CREATE INDEX reference_study_design ON reference(study_design);
        CREATE INDEX audit_event_action ON audit_event(action, reference_key, concept_id);
        """
}
