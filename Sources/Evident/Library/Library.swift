import Foundation
import GRDB

/// The evidence library: one directory holding `library.sqlite` (documents, passages,
/// ingestion log; WAL mode) and, later, `index/`.
///
/// Writes happen in batches, one transaction each, so a crash at any moment leaves the
/// library at the last committed batch and a re-run completes the work.
public final class Library: Sendable {
    /// The library directory.
    public let directory: String
    let database: DatabasePool

    /// Path of the SQLite file inside a library directory.
    public static func databasePath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("library.sqlite")
    }

    /// Errors opening a library.
    public enum OpenError: Error, CustomStringConvertible {
        case missing(String)
        case unusable(String, String)

        public var description: String {
            switch self {
            case .missing(let directory): "no library at \(directory): run `evident ingest` first (or pass --library DIR)"
            case .unusable(let directory, let reason): "cannot open the library at \(directory): \(reason)"
            }
        }
    }

    /// Opens the library in `directory`, creating it when `create` is true.
    public init(directory: String, create: Bool) throws {
        self.directory = directory
        let path = Self.databasePath(in: directory)
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw OpenError.missing(directory) }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw OpenError.unusable(directory, "cannot create the directory (\(error.localizedDescription))")
            }
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        configuration.busyMode = .timeout(10)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try LibrarySchema.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw OpenError.unusable(directory, error.message ?? "\(error)")
        }
    }

    // MARK: Writing

    /// What happened to one record when it was applied.
    public enum Outcome: Sendable {
        case added, updated, unchanged, deleted, notPresent
    }

    /// Applies a batch of documents and deletions in one transaction.
    ///
    /// Re-ingesting a record with the same content changes nothing; different content updates it
    /// in place; a record older than the stored one (lower PubMed version, or same version with
    /// an earlier revision date) is ignored so that the newer stays.
    public func apply(_ changes: [Change]) throws -> [Outcome] {
        try database.write { db in
            var sequence = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(changeSeq), 0) FROM document") ?? 0
            let now = ISO8601DateFormatter().string(from: Date())
            var outcomes: [Outcome] = []
            outcomes.reserveCapacity(changes.count)
            for change in changes {
                switch change {
                case .upsert(let document, let origin):
                    outcomes.append(try upsert(document, db: db, sequence: &sequence, origin: origin, now: now))
                case .delete(let id):
                    outcomes.append(try delete(id, db: db, sequence: &sequence, now: now))
                }
            }
            return outcomes
        }
    }

    /// One change to the library.
    public enum Change: Sendable {
        /// Add or update a document read from `origin` (a file path).
        case upsert(Document, origin: String?)
        /// Mark a document deleted (its passages are removed; the id stays as a tombstone).
        case delete(String)
    }

    private func upsert(_ document: Document, db: Database, sequence: inout Int, origin: String?, now: String) throws -> Outcome {
        let hash = ContentHasher.hash(document)
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT rowid, contentHash, version, revised, deleted FROM document WHERE id = ?"),
            arguments: [document.id])
        sequence += 1
        let columns: StatementArguments = [
            document.id, document.tier.rawValue, document.kind.rawValue, document.title,
            JSONStringArray.encode(document.authors), document.source, document.year, document.pmid,
            document.doi, document.pmcid, document.url, JSONStringArray.encode(document.meshTerms),
            JSONStringArray.encode(document.keywords), JSONStringArray.encode(document.publicationTypes),
            document.version, document.revised, document.status, document.released, hash, origin, sequence, now,
        ]
        guard let existing else {
            try db.cachedStatement(sql: """
                INSERT INTO document (id, tier, kind, title, authors, source, year, pmid, doi, pmcid, url,
                    meshTerms, keywords, publicationTypes, version, revised, status, released, contentHash, origin,
                    changeSeq, ingestedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: columns)
            let rowid = db.lastInsertedRowID
            try insertPassages(document.passages, rowid: rowid, db: db)
            try insertCitations(document.citedPMIDs, rowid: rowid, db: db)
            return .added
        }
        let rowid: Int64 = existing["rowid"]
        let wasDeleted: Bool = existing["deleted"]
        if !wasDeleted {
            if existing["contentHash"] as String == hash { sequence -= 1; return .unchanged }
            let storedVersion: Int = existing["version"]
            let storedRevised: String? = existing["revised"]
            if document.version < storedVersion
                || (document.version == storedVersion && (document.revised ?? "") < (storedRevised ?? "")) {
                sequence -= 1
                return .unchanged
            }
        }
        try db.cachedStatement(sql: """
            UPDATE document SET id = ?, tier = ?, kind = ?, title = ?, authors = ?, source = ?, year = ?, pmid = ?,
                doi = ?, pmcid = ?, url = ?, meshTerms = ?, keywords = ?, publicationTypes = ?, version = ?,
                revised = ?, status = ?, released = ?, contentHash = ?, origin = ?, changeSeq = ?, ingestedAt = ?,
                deleted = 0
            WHERE rowid = ?
            """).execute(arguments: columns + [rowid])
        try db.cachedStatement(sql: "DELETE FROM passage WHERE documentRowid = ?").execute(arguments: [rowid])
        try insertPassages(document.passages, rowid: rowid, db: db)
        try db.cachedStatement(sql: "DELETE FROM guideline_citation WHERE documentRowid = ?").execute(arguments: [rowid])
        try insertCitations(document.citedPMIDs, rowid: rowid, db: db)
        return wasDeleted ? .added : .updated
    }

    private func insertPassages(_ passages: [Passage], rowid: Int64, db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO passage (documentRowid, ordinal, label, heading, text) VALUES (?, ?, ?, ?, ?)")
        for (ordinal, passage) in passages.enumerated() {
            try statement.execute(arguments: [rowid, ordinal, passage.label, passage.heading, passage.text])
        }
    }

    private func insertCitations(_ pmids: [String], rowid: Int64, db: Database) throws {
        guard !pmids.isEmpty else { return }
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO guideline_citation (documentRowid, pmid) VALUES (?, ?)")
        for pmid in pmids { try statement.execute(arguments: [rowid, pmid]) }
    }

    private func delete(_ id: String, db: Database, sequence: inout Int, now: String) throws -> Outcome {
        guard let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM document WHERE id = ? AND deleted = 0"), arguments: [id]) else {
            return .notPresent
        }
        sequence += 1
        try db.cachedStatement(sql: "DELETE FROM passage WHERE documentRowid = ?").execute(arguments: [rowid])
        try db.cachedStatement(sql: "DELETE FROM guideline_citation WHERE documentRowid = ?").execute(arguments: [rowid])
        try db.cachedStatement(sql: "UPDATE document SET deleted = 1, changeSeq = ?, ingestedAt = ? WHERE rowid = ?")
            .execute(arguments: [sequence, now, rowid])
        return .deleted
    }

    // MARK: Ingestion log

    /// Records that an ingest of `path` started; returns the log entry's id.
    func logStart(path: String, format: SourceFormat?) throws -> Int64 {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO ingestion (path, format, startedAt, status) VALUES (?, ?, ?, 'running')",
                arguments: [path, format?.rawValue ?? "unknown", ISO8601DateFormatter().string(from: Date())])
            return db.lastInsertedRowID
        }
    }

    /// Records how an ingest of one file ended.
    func logFinish(_ entry: Int64, counts: IngestCounts, status: String, message: String?) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE ingestion SET finishedAt = ?, status = ?, added = ?, updated = ?, deleted = ?, unchanged = ?,
                    skipped = ?, failed = ?, message = ? WHERE rowid = ?
                """, arguments: [
                    ISO8601DateFormatter().string(from: Date()), status, counts.added, counts.updated, counts.deleted,
                    counts.unchanged, counts.skipped, counts.failed, message, entry,
                ])
        }
    }
}
