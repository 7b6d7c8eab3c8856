import GRDB

/// The library's SQLite schema, versioned by migrations from the first release on.
enum LibrarySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, passages, ingestion log") { db in
            try db.execute(sql: """
                CREATE TABLE document (
                    rowid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    tier TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    title TEXT,
                    authors TEXT NOT NULL,
                    source TEXT,
                    year INTEGER,
                    pmid TEXT,
                    doi TEXT,
                    pmcid TEXT,
                    url TEXT,
                    meshTerms TEXT NOT NULL,
                    keywords TEXT NOT NULL,
                    publicationTypes TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    revised TEXT,
                    contentHash TEXT NOT NULL,
                    origin TEXT,
                    changeSeq INTEGER NOT NULL,
                    deleted INTEGER NOT NULL DEFAULT 0,
                    ingestedAt TEXT NOT NULL
                );
                CREATE INDEX document_changeSeq ON document(changeSeq);
                CREATE INDEX document_pmid ON document(pmid) WHERE pmid IS NOT NULL;
                CREATE INDEX document_doi ON document(doi) WHERE doi IS NOT NULL;
                CREATE TABLE passage (
                    documentRowid INTEGER NOT NULL REFERENCES document(rowid) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    label TEXT,
                    heading TEXT,
                    text TEXT NOT NULL,
                    PRIMARY KEY (documentRowid, ordinal)
                ) WITHOUT ROWID;
                CREATE TABLE ingestion (
                    rowid INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    format TEXT NOT NULL,
                    startedAt TEXT NOT NULL,
                    finishedAt TEXT,
                    status TEXT NOT NULL,
                    added INTEGER NOT NULL DEFAULT 0,
                    updated INTEGER NOT NULL DEFAULT 0,
                    deleted INTEGER NOT NULL DEFAULT 0,
                    unchanged INTEGER NOT NULL DEFAULT 0,
                    skipped INTEGER NOT NULL DEFAULT 0,
                    failed INTEGER NOT NULL DEFAULT 0,
                    message TEXT
                );
                CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: guideline status and release, guideline citations") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN status TEXT;
                ALTER TABLE document ADD COLUMN released TEXT;
                CREATE TABLE guideline_citation (
                    documentRowid INTEGER NOT NULL REFERENCES document(rowid) ON DELETE CASCADE,
                    pmid TEXT NOT NULL,
                    PRIMARY KEY (documentRowid, pmid)
                ) WITHOUT ROWID;
                CREATE INDEX guideline_citation_pmid ON guideline_citation(pmid);
                """)
        }
        migrator.registerMigration("v3: PubMed queries run and sync files finished") { db in
            try db.execute(sql: """
                CREATE TABLE pubmed_query (
                    query TEXT PRIMARY KEY,
                    ranAt TEXT NOT NULL,
                    found INTEGER NOT NULL,
                    fetched INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE pubmed_sync_file (
                    source TEXT NOT NULL,
                    name TEXT NOT NULL,
                    md5 TEXT NOT NULL,
                    finishedAt TEXT NOT NULL,
                    added INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    deleted INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    failed INTEGER NOT NULL,
                    PRIMARY KEY (source, name)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
