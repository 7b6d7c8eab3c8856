import GRDB

extension Library {
    /// One line of the library's catalogue: enough to name a document and fetch it.
    public struct DocumentSummary: Sendable, Codable, Equatable {
        /// The document's id (`pmid:21645374`, `ngc:10963`).
        public var id: String
        /// Its title, if it has one.
        public var title: String?
        /// Its tier and kind.
        public var tier: String
        public var kind: String
        /// Its year of publication, if known.
        public var year: Int?
        /// Where the listing continues after this document.
        public var rowid: Int64
    }

    /// Live documents in storage order after `rowid` (0: from the start), at most `limit`.
    public func documentSummaries(after rowid: Int64, limit: Int) throws -> [DocumentSummary] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT rowid, id, title, tier, kind, year FROM document WHERE deleted = 0 AND rowid > ? ORDER BY rowid LIMIT ?",
                arguments: [rowid, max(0, limit)]
            ).map { DocumentSummary(id: $0["id"], title: $0["title"], tier: $0["tier"], kind: $0["kind"], year: $0["year"], rowid: $0["rowid"]) }
        }
    }
}
