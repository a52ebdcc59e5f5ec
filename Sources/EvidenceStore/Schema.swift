import GRDB

/// The store's schema as migrations. A shipped migration is never edited: change the schema with a new one.
enum Schema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: references, identifiers, provenance, search, frameworks, links, audit, citations") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: indexes for ranked evidence and the audit log; link tallies for maps and gaps") { db in
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

    /// Issue 6: `evidence for`, `map`, `gaps` and `log`.
    ///
    /// - `evidence_link.rank_key`: a link's rank within a paper (lower first: strength, stated before inferred,
    ///   relation), a virtual generated column from the model's `EvidenceStrength.weight` and `EvidenceRelation.rank`
    ///   (a test checks the order over every combination); indexed with the concept, `evidence for` on one concept reads its links in rank order and
    ///   stops after the first page instead of sorting thousands. `reference_rank` holds what ranking and filters
    ///   read of a reference (membership, design, year, key), so they never load the wide record rows.
    ///   `reference_study_design` for `--design`; `audit_event_action` for `evidence restore`.
    ///   If the model's weights change, a new migration must redefine `rank_key`.
    /// - `link_tally`: the number of links for each combination of concept, the paper's study design and
    ///   membership, relation, strength, basis and status, kept by triggers on every change to a link or to a
    ///   reference's design or membership. `evidence map` and `gaps` read this (a few thousand rows at most) instead
    ///   of grouping every link, which takes about a second at 300,000 links. NULL design and basis are stored as
    ///   ''. Rows whose count falls to 0 stay (readers skip them). Deleting a reference or concept deletes its links
    ///   first (BEFORE triggers), so the link triggers still see the reference's design when they count down.
    private static let v2 = """
        ALTER TABLE evidence_link ADD COLUMN rank_key INTEGER GENERATED ALWAYS AS (
            (CASE strength WHEN 'strong' THEN 0 WHEN 'moderate' THEN 100 WHEN 'emerging' THEN 200 ELSE 900 END)
            + (CASE WHEN basis = 'inferred' THEN 10 ELSE 0 END)
            + (CASE relation WHEN 'defines' THEN 0 WHEN 'measures' THEN 1 WHEN 'supports' THEN 2 WHEN 'challenges' THEN 3
                WHEN 'describes' THEN 4 ELSE 9 END)
        ) VIRTUAL;
        CREATE INDEX evidence_link_concept_rank ON evidence_link(concept_id, rank_key, reference_id);
        CREATE INDEX reference_rank ON reference(id, is_member, study_design, year, citation_key);
        CREATE INDEX reference_study_design ON reference(study_design);
        CREATE INDEX audit_event_action ON audit_event(action, reference_key, concept_id);

        CREATE TABLE link_tally (
            concept_id TEXT NOT NULL,
            study_design TEXT NOT NULL,
            is_member INTEGER NOT NULL,
            relation TEXT NOT NULL,
            strength TEXT NOT NULL,
            basis TEXT NOT NULL,
            status TEXT NOT NULL,
            papers INTEGER NOT NULL,
            PRIMARY KEY (concept_id, study_design, is_member, relation, strength, basis, status)
        ) WITHOUT ROWID;

        INSERT INTO link_tally (concept_id, study_design, is_member, relation, strength, basis, status, papers)
        SELECT l.concept_id, COALESCE(r.study_design, ''), r.is_member, l.relation, l.strength, COALESCE(l.basis, ''), l.status, COUNT(*)
        FROM evidence_link l JOIN reference r ON r.id = l.reference_id
        GROUP BY l.concept_id, COALESCE(r.study_design, ''), r.is_member, l.relation, l.strength, COALESCE(l.basis, ''), l.status;

        CREATE TRIGGER link_tally_insert AFTER INSERT ON evidence_link BEGIN
            INSERT INTO link_tally (concept_id, study_design, is_member, relation, strength, basis, status, papers)
            SELECT new.concept_id, COALESCE(r.study_design, ''), r.is_member, new.relation, new.strength, COALESCE(new.basis, ''), new.status, 1
            FROM reference r WHERE r.id = new.reference_id
            ON CONFLICT DO UPDATE SET papers = papers + 1;
        END;
        CREATE TRIGGER link_tally_delete AFTER DELETE ON evidence_link BEGIN
            UPDATE link_tally SET papers = papers - 1
            WHERE concept_id = old.concept_id AND relation = old.relation AND strength = old.strength
                AND basis = COALESCE(old.basis, '') AND status = old.status
                AND study_design = (SELECT COALESCE(study_design, '') FROM reference WHERE id = old.reference_id)
                AND is_member = (SELECT is_member FROM reference WHERE id = old.reference_id);
        END;
        CREATE TRIGGER link_tally_update AFTER UPDATE OF reference_id, concept_id, relation, strength, basis, status ON evidence_link BEGIN
            UPDATE link_tally SET papers = papers - 1
            WHERE concept_id = old.concept_id AND relation = old.relation AND strength = old.strength
                AND basis = COALESCE(old.basis, '') AND status = old.status
                AND study_design = (SELECT COALESCE(study_design, '') FROM reference WHERE id = old.reference_id)
                AND is_member = (SELECT is_member FROM reference WHERE id = old.reference_id);
            INSERT INTO link_tally (concept_id, study_design, is_member, relation, strength, basis, status, papers)
            SELECT new.concept_id, COALESCE(r.study_design, ''), r.is_member, new.relation, new.strength, COALESCE(new.basis, ''), new.status, 1
            FROM reference r WHERE r.id = new.reference_id
            ON CONFLICT DO UPDATE SET papers = papers + 1;
        END;
        CREATE TRIGGER link_tally_reference_update AFTER UPDATE OF study_design, is_member ON reference
        WHEN old.study_design IS NOT new.study_design OR old.is_member IS NOT new.is_member BEGIN
            INSERT INTO link_tally (concept_id, study_design, is_member, relation, strength, basis, status, papers)
            SELECT concept_id, COALESCE(old.study_design, ''), old.is_member, relation, strength, COALESCE(basis, ''), status, -COUNT(*)
            FROM evidence_link WHERE reference_id = new.id
            GROUP BY concept_id, relation, strength, COALESCE(basis, ''), status
            ON CONFLICT DO UPDATE SET papers = papers + excluded.papers;
            INSERT INTO link_tally (concept_id, study_design, is_member, relation, strength, basis, status, papers)
            SELECT concept_id, COALESCE(new.study_design, ''), new.is_member, relation, strength, COALESCE(basis, ''), status, COUNT(*)
            FROM evidence_link WHERE reference_id = new.id
            GROUP BY concept_id, relation, strength, COALESCE(basis, ''), status
            ON CONFLICT DO UPDATE SET papers = papers + excluded.papers;
        END;
        CREATE TRIGGER link_tally_reference_delete BEFORE DELETE ON reference BEGIN
            DELETE FROM evidence_link WHERE reference_id = old.id;
        END;
        CREATE TRIGGER link_tally_concept_delete BEFORE DELETE ON concept BEGIN
            DELETE FROM evidence_link WHERE concept_id = old.id;
        END;
        """
}
