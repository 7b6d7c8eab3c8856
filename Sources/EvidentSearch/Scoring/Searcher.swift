import Foundation

/// One search result: the caller's key and its BM25F score.
public struct SearchHit: Sendable, Equatable {
    public var key: Int64
    public var score: Double
}

extension IndexSnapshot {
    /// The top `limit` documents for `query`, best first, using MaxScore dynamic pruning with
    /// block-max bounds (see ``SegmentQuery/collectTop(into:)``).
    ///
    /// Results (keys, scores and order) equal ``searchExhaustive(_:limit:filter:)``.
    public func search(_ query: SearchQuery, limit: Int, filter: SearchFilter = SearchFilter()) -> [SearchHit] {
        run(query, limit: limit, filter: filter, prune: true)
    }

    /// The same ranking computed by scoring every matching document (the reference for tests).
    public func searchExhaustive(_ query: SearchQuery, limit: Int, filter: SearchFilter = SearchFilter()) -> [SearchHit] {
        run(query, limit: limit, filter: filter, prune: false)
    }

    /// Parses `text` and searches.
    public func search(_ text: String, limit: Int, filter: SearchFilter = SearchFilter()) -> [SearchHit] {
        search(parser.parse(text), limit: limit, filter: filter)
    }

    private func run(_ query: SearchQuery, limit: Int, filter: SearchFilter, prune: Bool) -> [SearchHit] {
        guard limit > 0, !query.isEmpty, !segments.isEmpty else { return [] }
        let scoring = query.scoringTerms
        let termBytes = scoring.map { Array($0.term.utf8) }
        // Look every scoring term up once per segment; document frequencies come from the same infos.
        let infos = segments.map { segment in termBytes.map { segment.lookup($0) } }
        let weights = scoring.indices.map { term in
            let frequency = infos.reduce(0) { $0 + Int($1[term]?.docFrequency ?? 0) }
            return Double(scoring[term].count) * inverseDocumentFrequency(frequency)
        }
        var heap = TopKHeap(capacity: limit)
        var all: [TopKHeap.Entry] = []
        for segmentIndex in segments.indices {
            guard var segmentQuery = SegmentQuery(query, segmentIndex: segmentIndex, snapshot: self, infos: infos[segmentIndex],
                                                  weights: weights, filter: filter) else { continue }
            if prune { segmentQuery.collectTop(into: &heap) } else { segmentQuery.collectAll(into: &all) }
        }
        let ranked = prune ? heap.sorted() : Array(all.sorted { TopKHeap.worse($1, $0) }.prefix(limit))
        return ranked.map { SearchHit(key: segments[Int($0.order >> 32)].key(Int($0.order & 0xFFFF_FFFF)), score: $0.score) }
    }

    /// True if `document` contains the phrase's terms at its relative offsets (within one field).
    static func containsPhrase(_ phrase: SearchQuery.Phrase, in segment: Segment, document: UInt32) -> Bool {
        var positionSets: [Set<UInt32>] = []
        var first: [UInt32] = []
        for (index, term) in phrase.terms.enumerated() {
            guard let info = segment.lookup(Array(term.utf8)) else { return false }
            var cursor = segment.cursor(info)
            cursor.advance(to: document)
            guard cursor.document == document else { return false }
            let positions = cursor.positions()
            if index == 0 { first = positions } else { positionSets.append(Set(positions)) }
        }
        return first.contains { start in
            phrase.offsets.dropFirst().enumerated().allSatisfy { index, offset in
                positionSets[index].contains(start + UInt32(offset))
            }
        }
    }
}
