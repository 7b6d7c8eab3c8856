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

    /// The document with this id, or nil. A bare number is read as a PMID.
    public func document(id: String) throws -> StoredDocument? {
        try database.read { db in
            let candidates = id.allSatisfy(\.isNumber) ? [id, "pmid:\(id)"] : [id]
            for candidate in candidates {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ? AND deleted = 0", arguments: [candidate]) else { continue }
                let passages = try Row.fetchAll(
                    db, sql: "SELECT label, heading, text FROM passage WHERE documentRowid = ? ORDER BY ordinal",
                    arguments: [row["rowid"] as Int64]
                ).map { Passage(label: $0["label"], heading: $0["heading"], text: $0["text"]) }
                return StoredDocument(document: Self.document(from: row, passages: passages), origin: row["origin"], ingestedAt: row["ingestedAt"])
            }
            return nil
        }
    }

    /// A document by row id with its passages and their ordinals (passage id `<id>#<ordinal>`),
    /// inside a read transaction.
    static func documentWithPassages(rowid: Int64, in db: Database) throws -> (document: Document, passages: [(ordinal: Int, passage: Passage)])? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM document WHERE rowid = ?"), arguments: [rowid]) else { return nil }
        let passages = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT ordinal, label, heading, text FROM passage WHERE documentRowid = ? ORDER BY ordinal"),
            arguments: [rowid]
        ).map { (ordinal: $0["ordinal"] as Int, passage: Passage(label: $0["label"], heading: $0["heading"], text: $0["text"])) }
        return (document(from: row, passages: passages.map(\.passage)), passages)
    }

    static func document(from row: Row, passages: [Passage]) -> Document {
        Document(
            id: row["id"], tier: Tier(rawValue: row["tier"]) ?? .research,
            kind: DocumentKind(rawValue: row["kind"]) ?? .journalArticle,
            title: row["title"], authors: JSONStringArray.decode(row["authors"]), source: row["source"],
            year: row["year"], pmid: row["pmid"], doi: row["doi"], pmcid: row["pmcid"], url: row["url"],
            meshTerms: JSONStringArray.decode(row["meshTerms"]), keywords: JSONStringArray.decode(row["keywords"]),
            publicationTypes: JSONStringArray.decode(row["publicationTypes"]),
            version: row["version"], revised: row["revised"], passages: passages)
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
