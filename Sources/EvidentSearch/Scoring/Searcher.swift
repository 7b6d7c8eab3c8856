import Foundation

/// One search result: the caller's key and its BM25F score.
public struct SearchHit: Sendable, Equatable {
    public var key: Int64
    public var score: Double
}

/// Per-query scoring state for one segment: cursors, idf and upper bounds per term.
private struct TermScorer {
    var cursor: PostingCursor
    /// Query frequency × idf.
    var weight: Double
    /// Upper bound of this term's contribution in the segment.
    var bound: Double
    /// Index in the query's scoring-term order (for canonical summation).
    var queryIndex: Int
    /// The block whose bound is cached, and that bound.
    var boundBlock = -2
    var blockBound = 0.0
}

extension IndexSnapshot {
    /// The top `limit` documents for `query`, best first, using MaxScore dynamic pruning.
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
            searchSegment(segmentIndex, query: query, infos: infos[segmentIndex], weights: weights, filter: filter, prune: prune, heap: &heap, all: &all)
        }
        let ranked: [TopKHeap.Entry]
        if prune {
            ranked = heap.sorted()
        } else {
            ranked = Array(all.sorted { TopKHeap.worse($1, $0) }.prefix(limit))
        }
        return ranked.map { SearchHit(key: segments[Int($0.order >> 32)].key(Int($0.order & 0xFFFF_FFFF)), score: $0.score) }
    }

    private func searchSegment(
        _ segmentIndex: Int, query: SearchQuery, infos: [TermInfo?], weights: [Double], filter: SearchFilter,
        prune: Bool, heap: inout TopKHeap, all: inout [TopKHeap.Entry]
    ) {
        let segment = segments[segmentIndex]
        let schema = manifest.schema
        let fieldCount = schema.fields.count
        let k1 = schema.k1
        let fieldWeights = schema.fields.map(\.weight)
        let fieldB = schema.fields.map(\.b)
        let averages = averageFieldLengths
        // Length normalisation 1 − b + b·len/avg, as (1 − b) + len·(b/avg).
        let oneMinusB = fieldB.map { 1 - $0 }
        let bOverAverage = zip(fieldB, averages).map { $0 / $1 }

        // Required conditions: every required term and every phrase term must be present.
        var requiredCursors: [PostingCursor] = []
        for term in query.required + query.phrases.flatMap(\.terms) {
            guard let info = segment.lookup(Array(term.utf8)) else { return }  // no document here can match
            requiredCursors.append(segment.cursor(info))
        }
        var excludedCursors = query.excluded.compactMap { term in segment.lookup(Array(term.utf8)).map { segment.cursor($0) } }
        var facetCursors: [[PostingCursor]] = []
        for (name, values) in filter.facets.sorted(by: { $0.key < $1.key }) {
            let cursors = values.sorted().compactMap { value in segment.lookup(Array(SegmentFormat.facetTerm(name, value).utf8)).map { segment.cursor($0) } }
            if cursors.isEmpty { return }
            facetCursors.append(cursors)
        }
        let ranges: [(column: Int, range: ClosedRange<Int32>)] = filter.ranges.compactMap { name, range in
            schema.numericColumns.firstIndex(of: name).map { ($0, range) }
        }
        if ranges.count < filter.ranges.count { return }  // filtering on a column the index lacks

        // Scorers, with upper bounds from per-term maximum frequencies and minimum lengths.
        var scorers: [TermScorer] = []
        for (queryIndex, info) in infos.enumerated() {
            guard let info else { continue }
            var bestFrequency = 0.0
            for field in 0..<fieldCount where info.maxFrequency(field) > 0 {
                let norm = 1 - fieldB[field] + fieldB[field] * Double(info.minLength(field)) / averages[field]
                bestFrequency += fieldWeights[field] * Double(info.maxFrequency(field)) / max(norm, 1e-9)
            }
            let bound = weights[queryIndex] * bestFrequency / (k1 + bestFrequency)
            scorers.append(TermScorer(cursor: segment.cursor(info), weight: weights[queryIndex], bound: bound, queryIndex: queryIndex))
        }
        guard !scorers.isEmpty else { return }
        // MaxScore: ascending bounds; prefix sums tell which lists cannot alone reach the threshold.
        scorers.sort { $0.bound < $1.bound }
        var prefixBounds = [Double](repeating: 0, count: scorers.count + 1)
        for index in scorers.indices { prefixBounds[index + 1] = prefixBounds[index] + scorers[index].bound }

        @inline(__always)
        func termScore(_ scorer: TermScorer, _ document: Int) -> Double {
            var frequency = 0.0
            for field in 0..<fieldCount {
                let tf = scorer.cursor.frequency(field)
                guard tf > 0 else { continue }
                let norm = oneMinusB[field] + Double(segment.fieldLength(field, document)) * bOverAverage[field]
                frequency += fieldWeights[field] * Double(tf) / norm
            }
            return scorer.weight * frequency / (k1 + frequency)
        }

        func accepted(_ document: UInt32) -> Bool {
            let local = Int(document)
            if isDeleted(segmentIndex, local) { return false }
            for (column, range) in ranges {
                guard let value = segment.number(column, local), range.contains(value) else { return false }
            }
            for index in requiredCursors.indices {
                requiredCursors[index].advance(to: document)
                if requiredCursors[index].document != document { return false }
            }
            for index in excludedCursors.indices {
                excludedCursors[index].advance(to: document)
                if excludedCursors[index].document == document { return false }
            }
            for group in facetCursors.indices {
                var found = false
                for index in facetCursors[group].indices {
                    facetCursors[group][index].advance(to: document)
                    if facetCursors[group][index].document == document { found = true }
                }
                if !found { return false }
            }
            return true
        }

        func phrasesMatch(_ document: UInt32) -> Bool {
            for phrase in query.phrases where !Self.containsPhrase(phrase, in: segment, document: document) { return false }
            for phrase in query.excludedPhrases where Self.containsPhrase(phrase, in: segment, document: document) { return false }
            return true
        }

        /// Each term's contribution to the current candidate, by query-term order; summing it in
        /// that order makes the pruned and exhaustive paths agree to the bit.
        var contributions = [Double](repeating: 0, count: infos.count)
        func canonicalScore() -> Double {
            var total = 0.0
            for index in contributions.indices {
                total += contributions[index]
                contributions[index] = 0
            }
            return total
        }

        /// Upper bound of a term's contribution within its cursor's current block.
        func blockBound(_ index: Int) -> Double {
            let block = scorers[index].cursor.block
            if scorers[index].boundBlock == block { return scorers[index].blockBound }
            let maxima = scorers[index].cursor.blockMaxFrequencies
            let minima = scorers[index].cursor.blockMinLengths
            var best = 0.0
            for field in 0..<fieldCount {
                let frequency = (maxima >> (8 * UInt32(field))) & 0xFF
                guard frequency > 0 else { continue }
                let length = Double((minima >> (16 * UInt64(field))) & 0xFFFF)
                best += fieldWeights[field] * Double(frequency) / max(oneMinusB[field] + length * bOverAverage[field], 1e-9)
            }
            let bound = scorers[index].weight * best / (k1 + best)
            scorers[index].boundBlock = block
            scorers[index].blockBound = bound
            return bound
        }

        let epsilon = 1e-9
        var essentialStart = 0
        func updateEssential() {
            let threshold = heap.threshold
            while essentialStart < scorers.count && prefixBounds[essentialStart + 1] < threshold - epsilon * max(1, threshold) {
                essentialStart += 1
            }
        }
        if prune { updateEssential() }
        var windowEnd = PostingCursor.exhausted

        while true {
            // The next candidate: the smallest current document among essential lists.
            var candidate = PostingCursor.exhausted
            for index in essentialStart..<scorers.count where scorers[index].cursor.document < candidate {
                candidate = scorers[index].cursor.document
            }
            if candidate == PostingCursor.exhausted { break }
            // Block-max: when the candidate leaves the current window, bound the next window (up
            // to the nearest block end among essential lists); if no document in it can beat the
            // threshold, jump every essential list past it without decoding.
            if prune && heap.isFull && (candidate > windowEnd || windowEnd == PostingCursor.exhausted) {
                var upTo = PostingCursor.exhausted
                var bound = prefixBounds[essentialStart]
                for index in essentialStart..<scorers.count where scorers[index].cursor.document != PostingCursor.exhausted {
                    upTo = min(upTo, scorers[index].cursor.blockLastDocument)
                    bound += blockBound(index)
                }
                windowEnd = upTo
                if bound < heap.threshold - epsilon * max(1, heap.threshold) {
                    for index in essentialStart..<scorers.count where scorers[index].cursor.document <= upTo {
                        if scorers[index].cursor.blockLastDocument == upTo {
                            scorers[index].cursor.advanceBlock(beyond: upTo)
                        } else {
                            scorers[index].cursor.advance(to: upTo &+ 1)
                        }
                    }
                    continue
                }
            }
            let order = UInt64(segmentIndex) << 32 | UInt64(candidate)

            var keep = accepted(candidate)
            if keep && prune {
                // Essential terms first, then non-essential ones while the bound still allows a win.
                var partial = 0.0
                for index in essentialStart..<scorers.count where scorers[index].cursor.document == candidate {
                    let contribution = termScore(scorers[index], Int(candidate))
                    contributions[scorers[index].queryIndex] = contribution
                    partial += contribution
                }
                let threshold = heap.threshold
                var index = essentialStart - 1
                while index >= 0 {
                    if partial + prefixBounds[index + 1] < threshold - epsilon * max(1, threshold) { keep = false; break }
                    scorers[index].cursor.advance(to: candidate)
                    if scorers[index].cursor.document == candidate {
                        let contribution = termScore(scorers[index], Int(candidate))
                        contributions[scorers[index].queryIndex] = contribution
                        partial += contribution
                    }
                    index -= 1
                }
            } else if keep {
                for index in scorers.indices {
                    scorers[index].cursor.advance(to: candidate)
                    if scorers[index].cursor.document == candidate {
                        contributions[scorers[index].queryIndex] = termScore(scorers[index], Int(candidate))
                    }
                }
            }
            if !keep || !phrasesMatch(candidate) {
                for index in contributions.indices { contributions[index] = 0 }
            } else {
                let score = canonicalScore()
                if prune {
                    if heap.insert(TopKHeap.Entry(score: score, order: order)) { updateEssential() }
                } else {
                    all.append(TopKHeap.Entry(score: score, order: order))
                }
            }
            for index in essentialStart..<scorers.count where scorers[index].cursor.document == candidate {
                scorers[index].cursor.next()
            }
        }
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
