import Foundation
import GRDB

/// What the library remembers of PubMed: queries run (so `ask --live` does not repeat one within
/// its time to live) and the baseline and update files a sync has finished.
extension Library {
    /// When `query` last ran against PubMed, if ever.
    public func pubMedQueryRan(_ query: String) throws -> Date? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT ranAt FROM pubmed_query WHERE query = ?", arguments: [query])
        }.flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    /// Records that `query` ran now, matching `found` records of which `fetched` were fetched.
    public func recordPubMedQuery(_ query: String, found: Int, fetched: Int, at date: Date = Date()) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO pubmed_query (query, ranAt, found, fetched) VALUES (?, ?, ?, ?)",
                arguments: [query, ISO8601DateFormatter().string(from: date), found, fetched])
        }
    }

    /// The ids among `ids` of documents the library holds (not deleted).
    public func existingDocumentIDs(_ ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try database.read { db in
            var found = Set<String>()
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try String.fetchAll(db, sql: "SELECT id FROM document WHERE deleted = 0 AND id IN (\(marks))", arguments: StatementArguments(chunk))
                found.formUnion(rows)
            }
            return found
        }
    }

    /// The files of sync source `source` already ingested, by name, with their MD5.
    public func finishedSyncFiles(source: String) throws -> [String: String] {
        try database.read { db in
            var files: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, md5 FROM pubmed_sync_file WHERE source = ?", arguments: [source]) {
                files[row["name"]] = row["md5"]
            }
            return files
        }
    }

    /// Records that sync file `name` of `source` was ingested with these counts.
    public func recordSyncFile(source: String, name: String, md5: String, counts: IngestCounts) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO pubmed_sync_file (source, name, md5, finishedAt, added, updated, deleted, unchanged, failed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [source, name, md5, ISO8601DateFormatter().string(from: Date()), counts.added, counts.updated, counts.deleted, counts.unchanged, counts.failed])
        }
    }
}
