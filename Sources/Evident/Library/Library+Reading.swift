import Foundation
import GRDB

extension Library {
    /// A stored document with its passages' stable ids (`<document id>#<ordinal>`).
    public struct StoredDocument: Sendable, Codable {
        /// The document as stored.
        public var document: Document
        /// Where it was ingested from.
        public var origin: String?
        /// When it was last written (ISO 8601).
        public var ingestedAt: String
    }

    /// The document with this id, or nil. A bare number is read as a PMID; a PMID that no
    /// PubMed record in the library has finds the other document that gives it as its own (an
    /// NGC guideline summary's `pmid:27164716`, a PMC article's).
    public func document(id: String) throws -> StoredDocument? {
        try database.read { db in
            let isBarePMID = !id.isEmpty && id.allSatisfy(\.isNumber)
            let candidates = isBarePMID ? [id, "pmid:\(id)"] : [id]
            var row: Row?
            for candidate in candidates where row == nil {
                row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ? AND deleted = 0", arguments: [candidate])
            }
            if row == nil, let pmid = isBarePMID ? id : id.hasPrefix("pmid:") ? String(id.dropFirst(5)) : nil, !pmid.isEmpty {
                row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE pmid = ? AND deleted = 0 AND id NOT LIKE 'pmid:%' ORDER BY rowid LIMIT 1", arguments: [pmid])
            }
            guard let row else { return nil }
            let rowid: Int64 = row["rowid"]
            let passages = try Row.fetchAll(
                db, sql: "SELECT label, heading, text FROM passage WHERE documentRowid = ? ORDER BY ordinal",
                arguments: [rowid]
            ).map { Passage(label: $0["label"], heading: $0["heading"], text: $0["text"]) }
            let document = Self.document(from: row, passages: passages, citedPMIDs: try Self.citedPMIDs(rowid: rowid, in: db))
            return StoredDocument(document: document, origin: row["origin"], ingestedAt: row["ingestedAt"])
        }
    }

    /// A PubMed record a guideline cites, with its title when the library holds it.
    public struct CitedRecord: Sendable, Codable, Equatable {
        /// The cited PMID.
        public var pmid: String
        /// The id of the library's document for it (`pmid:N`), if present.
        public var documentId: String?
        /// Its title, if the library holds it.
        public var title: String?
    }

    /// The PubMed records the document cites (an NGC summary's references), in PMID order, each
    /// with its title when the library holds a document with that PMID. Empty when the document
    /// is unknown or cites nothing.
    public func citedRecords(of documentId: String) throws -> [CitedRecord] {
        try database.read { db in
            guard let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM document WHERE id = ? AND deleted = 0", arguments: [documentId]) else {
                return []
            }
            let lookup = try db.cachedStatement(sql: """
                SELECT id, title FROM document WHERE pmid = ? AND deleted = 0 ORDER BY id != 'pmid:' || pmid, rowid LIMIT 1
                """)
            return try Self.citedPMIDs(rowid: rowid, in: db).map { pmid in
                let row = try Row.fetchOne(lookup, arguments: [pmid])
                return CitedRecord(pmid: pmid, documentId: row?["id"], title: row?["title"])
            }
        }
    }

    /// For each PMID, the ids of the guidelines in the library that cite it (sorted); PMIDs no
    /// guideline cites are absent.
    public func citingGuidelines(pmids: [String]) throws -> [String: [String]] {
        let unique = Array(Set(pmids))
        guard !unique.isEmpty else { return [:] }
        return try database.read { db in
            var citing: [String: [String]] = [:]
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = Array(unique[start..<min(start + 500, unique.count)])
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT c.pmid AS pmid, g.id AS id FROM guideline_citation c JOIN document g ON g.rowid = c.documentRowid
                    WHERE c.pmid IN (\(placeholders)) AND g.deleted = 0
                    """, arguments: StatementArguments(chunk))
                for row in rows { citing[row["pmid"], default: []].append(row["id"]) }
            }
            return citing.mapValues { $0.sorted() }
        }
    }

    /// The PMIDs a document cites, in PMID order.
    static func citedPMIDs(rowid: Int64, in db: Database) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: "SELECT pmid FROM guideline_citation WHERE documentRowid = ? ORDER BY CAST(pmid AS INTEGER), pmid"),
            arguments: [rowid])
    }

    /// A document by row id with its passages and their ordinals (passage id `<id>#<ordinal>`),
    /// inside a read transaction.
    static func documentWithPassages(rowid: Int64, in db: Database) throws -> (document: Document, passages: [(ordinal: Int, passage: Passage)])? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM document WHERE rowid = ?"), arguments: [rowid]) else { return nil }
        let passages = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT ordinal, label, heading, text FROM passage WHERE documentRowid = ? ORDER BY ordinal"),
            arguments: [rowid]
        ).map { (ordinal: $0["ordinal"] as Int, passage: Passage(label: $0["label"], heading: $0["heading"], text: $0["text"])) }
        return (document(from: row, passages: passages.map(\.passage), citedPMIDs: try citedPMIDs(rowid: rowid, in: db)), passages)
    }

    static func document(from row: Row, passages: [Passage], citedPMIDs: [String] = []) -> Document {
        Document(
            id: row["id"], tier: Tier(rawValue: row["tier"]) ?? .research,
            kind: DocumentKind(rawValue: row["kind"]) ?? .journalArticle,
            title: row["title"], authors: JSONStringArray.decode(row["authors"]), source: row["source"],
            year: row["year"], pmid: row["pmid"], doi: row["doi"], pmcid: row["pmcid"], url: row["url"],
            meshTerms: JSONStringArray.decode(row["meshTerms"]), keywords: JSONStringArray.decode(row["keywords"]),
            publicationTypes: JSONStringArray.decode(row["publicationTypes"]),
            version: row["version"], revised: row["revised"], passages: passages,
            status: row["status"], released: row["released"], citedPMIDs: citedPMIDs)
    }

    /// Counts and sizes describing the library.
    public func statistics() throws -> LibraryStatistics {
        let counts = try database.read { db in
            let byTier = try Row.fetchAll(db, sql: "SELECT tier, kind, COUNT(*) AS n FROM document WHERE deleted = 0 GROUP BY tier, kind ORDER BY tier, n DESC")
            let passages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passage") ?? 0
            let deleted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE deleted = 1") ?? 0
            let years = try Row.fetchOne(db, sql: "SELECT MIN(year) AS lo, MAX(year) AS hi, COUNT(year) AS n FROM document WHERE deleted = 0")
            let decades = try Row.fetchAll(db, sql: "SELECT (year / 10) * 10 AS decade, COUNT(*) AS n FROM document WHERE deleted = 0 AND year IS NOT NULL GROUP BY decade ORDER BY decade")
            let ingests = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingestion") ?? 0
            return (byTier, passages, deleted, years, decades, ingests)
        }
        var tiers: [String: LibraryStatistics.TierCount] = [:]
        for row in counts.0 {
            let tier: String = row["tier"]
            let kind: String = row["kind"]
            let count: Int = row["n"]
            tiers[tier, default: .init(documents: 0, kinds: [:])].documents += count
            tiers[tier]!.kinds[kind] = count
        }
        return LibraryStatistics(
            directory: directory,
            documents: tiers.values.reduce(0) { $0 + $1.documents },
            tiers: tiers, passages: counts.1, deletedDocuments: counts.2,
            earliestYear: counts.3?["lo"], latestYear: counts.3?["hi"], documentsWithYear: counts.3?["n"] ?? 0,
            documentsByDecade: Dictionary(uniqueKeysWithValues: counts.4.map { (String($0["decade"] as Int) + "s", $0["n"] as Int) }),
            ingestions: counts.5,
            bytesOnDisk: Self.directorySize(directory))
    }

    /// Total size of the files under a directory.
    static func directorySize(_ directory: String) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return 0 }
        var total: Int64 = 0
        while let name = enumerator.nextObject() as? String {
            let path = (directory as NSString).appendingPathComponent(name)
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
               attributes[.type] as? FileAttributeType == .typeRegular,
               let size = attributes[.size] as? NSNumber { total += size.int64Value }
        }
        return total
    }
}

/// Counts and sizes describing a library (`evident stats`).
public struct LibraryStatistics: Codable, Sendable {
    /// Documents of one tier, and how many of each kind.
    public struct TierCount: Codable, Sendable {
        public var documents: Int
        public var kinds: [String: Int]
    }

    public var directory: String
    public var documents: Int
    public var tiers: [String: TierCount]
    public var passages: Int
    public var deletedDocuments: Int
    public var earliestYear: Int?
    public var latestYear: Int?
    public var documentsWithYear: Int
    public var documentsByDecade: [String: Int]
    public var ingestions: Int
    public var bytesOnDisk: Int64
}
