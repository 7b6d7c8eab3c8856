import Foundation
import GRDB

extension Library {
    /// What a document contributes to the library's vocabulary: its subject names.
    struct VocabularySource {
        var tier: Tier
        var kind: DocumentKind
        var title: String?
        var keywords: [String]
        /// Who issued it ("ACC/AHA", "American Heart Association").
        var source: String?
    }

    /// Every live document's tier, kind, title, keywords and source, in storage order.
    func forEachVocabularySource(_ body: (VocabularySource) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT tier, kind, title, keywords, source FROM document WHERE deleted = 0")
            while let row = try rows.next() {
                try body(VocabularySource(
                    tier: Tier(rawValue: row["tier"]) ?? .research, kind: DocumentKind(rawValue: row["kind"]) ?? .journalArticle,
                    title: row["title"], keywords: JSONStringArray.decode(row["keywords"]), source: row["source"]))
            }
        }
    }

    /// Every passage of live documents of `tier` (all tiers when nil) with its document's title
    /// and kind, document by document.
    func forEachPassage(tier: Tier?, _ body: (_ title: String?, _ kind: DocumentKind, _ passage: Passage) throws -> Void) throws {
        try database.read { db in
            let filter = tier == nil ? "" : "AND d.tier = ?"
            let rows = try Row.fetchCursor(db, sql: """
                SELECT d.title AS title, d.kind AS kind, p.label AS label, p.heading AS heading, p.text AS text
                FROM passage p JOIN document d ON d.rowid = p.documentRowid
                WHERE d.deleted = 0 \(filter) ORDER BY p.documentRowid, p.ordinal
                """, arguments: tier.map { [$0.rawValue] } ?? [])
            while let row = try rows.next() {
                try body(row["title"], DocumentKind(rawValue: row["kind"]) ?? .journalArticle,
                         Passage(label: row["label"], heading: row["heading"], text: row["text"]))
            }
        }
    }

    /// The library's change sequence: it grows with every stored change.
    func changeSequence() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(changeSeq), 0) FROM document") ?? 0 }
    }
}
