import EvidentSearch
import Foundation
import GRDB

/// One ranked document with the passage that best matches the query.
public struct SearchResult: Codable, Sendable {
    /// The passage that best matches.
    public struct MatchedPassage: Codable, Sendable {
        public var id: String
        public var label: String?
        public var heading: String?
        public var text: String
    }

    public var rank: Int
    public var score: Double
    public var id: String
    public var title: String?
    public var source: String?
    public var year: Int?
    public var tier: Tier
    public var kind: DocumentKind
    public var pmid: String?
    public var doi: String?
    public var url: String?
    public var passage: MatchedPassage?
}

/// Restrictions on which documents a search may return.
public struct SearchOptions: Sendable {
    public var limit = 10
    public var tier: Tier?
    public var kinds: Set<DocumentKind> = []
    public var yearFrom: Int?
    public var yearTo: Int?

    /// Creates options.
    public init(limit: Int = 10, tier: Tier? = nil, kinds: Set<DocumentKind> = [], yearFrom: Int? = nil, yearTo: Int? = nil) {
        self.limit = limit
        self.tier = tier
        self.kinds = kinds
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    var filter: SearchFilter {
        var filter = SearchFilter()
        if let tier { filter.facets["tier"] = [tier.rawValue] }
        if !kinds.isEmpty { filter.facets["kind"] = Set(kinds.map(\.rawValue)) }
        if yearFrom != nil || yearTo != nil {
            filter.ranges["year"] = Int32(clamping: yearFrom ?? Int(Int32.min + 1))...Int32(clamping: yearTo ?? Int(Int32.max))
        }
        return filter
    }
}

/// Searches the library's index and resolves hits to documents and their best passages.
public struct LibrarySearch: Sendable {
    public let library: Library
    public let snapshot: IndexSnapshot

    /// Opens the committed index of `library`.
    public init(library: Library) throws {
        self.library = library
        snapshot = try LibraryIndexer.open(library)
    }

    /// Searches `library` through a snapshot already open.
    public init(library: Library, snapshot: IndexSnapshot) {
        self.library = library
        self.snapshot = snapshot
    }

    /// Ranked documents for `query`.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> [SearchResult] {
        let parsed = snapshot.parser.parse(query)
        let hits = snapshot.search(parsed, limit: options.limit, filter: options.filter)
        guard !hits.isEmpty else { return [] }
        let weights = Dictionary(parsed.scoringTerms.map { ($0.term, snapshot.inverseDocumentFrequency(term: $0.term)) }, uniquingKeysWith: max)
        return try library.database.read { db in
            try hits.enumerated().compactMap { rank, hit in
                guard let (document, passages) = try Library.documentWithPassages(rowid: hit.key, in: db) else { return nil }
                return SearchResult(
                    rank: rank + 1, score: hit.score, id: document.id, title: document.title, source: document.source,
                    year: document.year, tier: document.tier, kind: document.kind, pmid: document.pmid, doi: document.doi,
                    url: document.url, passage: bestPassage(passages, documentID: document.id, weights: weights))
            }
        }
    }

    /// The passage with the highest BM25 score for the query terms (ties: the earlier passage).
    private func bestPassage(_ passages: [(ordinal: Int, passage: Passage)], documentID: String, weights: [String: Double]) -> SearchResult.MatchedPassage? {
        guard !passages.isEmpty else { return nil }
        let analyzer = snapshot.analyzer
        let analyzed = passages.map { entry -> [String] in
            analyzer.terms([entry.passage.heading, entry.passage.text].compactMap { $0 }.joined(separator: " "))
        }
        let average = max(1, Double(analyzed.reduce(0) { $0 + $1.count }) / Double(analyzed.count))
        var best = 0
        var bestScore = -1.0
        for (index, terms) in analyzed.enumerated() {
            var counts: [String: Int] = [:]
            for term in terms where weights[term] != nil { counts[term, default: 0] += 1 }
            var score = 0.0
            for (term, count) in counts {
                let tf = Double(count)
                score += weights[term]! * tf / (tf + 1.2 * (0.25 + 0.75 * Double(terms.count) / average))
            }
            if score > bestScore { best = index; bestScore = score }
        }
        let (ordinal, passage) = passages[best]
        return .init(id: "\(documentID)#\(ordinal)", label: passage.label, heading: passage.heading, text: passage.text)
    }
}
