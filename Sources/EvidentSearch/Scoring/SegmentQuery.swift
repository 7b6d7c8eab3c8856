/// One query prepared against one segment: a cursor and upper bounds per scoring term, the
/// cursors behind required/excluded terms and facet filters, and BM25F scoring.
///
/// Scores are summed as fixed-point integers (``ScoreSum``), so the order in which terms are
/// added never changes a score: pruned and exhaustive search agree to the bit.
struct SegmentQuery {
    /// One scoring term's cursor and weights.
    struct Term {
        var cursor: PostingCursor
        /// Query frequency × idf.
        let weight: Double
        /// Upper bound of the term's contribution anywhere in the segment.
        let bound: Double
    }

    let segment: Segment
    let segmentIndex: Int
    let snapshot: IndexSnapshot
    var terms: [Term] = []
    let scorer: PostingScorer
    private let k1: Double
    /// Scales the segment's stored bounds to the index's average field lengths.
    private let boundScale: Double
    private let phrases: [SearchQuery.Phrase]
    private let excludedPhrases: [SearchQuery.Phrase]
    private var requiredCursors: [PostingCursor] = []
    private var excludedCursors: [PostingCursor] = []
    private var facetCursors: [[PostingCursor]] = []
    private var ranges: [(column: Int, range: ClosedRange<Int32>)] = []

    /// Prepares `query` for segment `segmentIndex`; nil when no document there can match.
    init?(_ query: SearchQuery, segmentIndex: Int, snapshot: IndexSnapshot, infos: [TermInfo?], weights: [Double], filter: SearchFilter) {
        let segment = snapshot.segments[segmentIndex]
        let schema = snapshot.manifest.schema
        self.segment = segment
        self.segmentIndex = segmentIndex
        self.snapshot = snapshot
        k1 = schema.k1
        scorer = PostingScorer(tables: snapshot.scoringTables, segment: segment)
        boundScale = snapshot.boundScales[segmentIndex]
        phrases = query.phrases
        excludedPhrases = query.excludedPhrases

        // Every required term and every phrase term must be present.
        for term in query.required + query.phrases.flatMap(\.terms) {
            guard let info = segment.lookup(Array(term.utf8)) else { return nil }
            requiredCursors.append(segment.cursor(info))
        }
        excludedCursors = query.excluded.compactMap { term in segment.lookup(Array(term.utf8)).map { segment.cursor($0) } }
        for (name, values) in filter.facets.sorted(by: { $0.key < $1.key }) {
            let cursors = values.sorted().compactMap { value in
                segment.lookup(Array(SegmentFormat.facetTerm(name, value).utf8)).map { segment.cursor($0) }
            }
            if cursors.isEmpty { return nil }
            facetCursors.append(cursors)
        }
        for (name, range) in filter.ranges {
            guard let column = schema.numericColumns.firstIndex(of: name) else { return nil }  // a column the index lacks
            ranges.append((column, range))
        }
        for (index, info) in infos.enumerated() {
            guard let info else { continue }
            terms.append(Term(cursor: segment.cursor(info), weight: weights[index], bound: scoreBound(weights[index], info.maxNormalizedFrequency)))
        }
        if terms.isEmpty { return nil }
    }

    /// The highest score a term of weight `weight` can reach where its normalised frequency is
    /// at most `normalizedFrequency` (a stored, segment-relative bound).
    @inline(__always)
    func scoreBound(_ weight: Double, _ normalizedFrequency: Float) -> Double {
        weight * FieldNormalization.saturation(Double(normalizedFrequency) * boundScale, k1: k1)
    }

    /// The BM25F contribution of term `index` to the document its cursor is on.
    @inline(__always)
    func score(_ index: Int) -> Int64 {
        score(terms[index].cursor, weight: terms[index].weight)
    }

    /// The BM25F contribution of a term of weight `weight` to the document `cursor` is on.
    @inline(__always)
    func score(_ cursor: PostingCursor, weight: Double) -> Int64 {
        ScoreSum.fixed(weight * scorer.saturation(cursor))
    }

    /// True if `document` passes deletions, filters and required/excluded terms (call with
    /// increasing documents: the cursors only move forward).
    mutating func accepts(_ document: UInt32) -> Bool {
        let local = Int(document)
        if snapshot.isDeleted(segmentIndex, local) { return false }
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

    /// True if `document` contains every required phrase and no excluded one.
    func phrasesMatch(_ document: UInt32) -> Bool {
        for phrase in phrases where !IndexSnapshot.containsPhrase(phrase, in: segment, document: document) { return false }
        for phrase in excludedPhrases where IndexSnapshot.containsPhrase(phrase, in: segment, document: document) { return false }
        return true
    }

    /// The heap ordering key of a local document (segment first, so results are deterministic).
    func order(_ document: UInt32) -> UInt64 { UInt64(segmentIndex) << 32 | UInt64(document) }
}

/// Scores as fixed-point integers (2⁻³² units, rounded; scores are never negative): integer
/// addition is associative, so a document's score does not depend on the order its terms were
/// added in.
enum ScoreSum {
    static let scale = 4_294_967_296.0

    @inline(__always)
    static func fixed(_ score: Double) -> Int64 {
        // Adding 1.5 × 2⁵² puts the integer part in the low mantissa bits (rounded to nearest),
        // which skips the trapping range checks of Int64(_: Double); exact for 0 ≤ score·2³² < 2⁵¹.
        Int64(bitPattern: (score * scale + roundingMagic).bitPattern) &- roundingMagicBits
    }

    private static let roundingMagic = 6_755_399_441_055_744.0
    private static let roundingMagicBits = Int64(bitPattern: roundingMagic.bitPattern)

    @inline(__always)
    static func value(_ sum: Int64) -> Double { Double(sum) / scale }

    /// Slack for comparing bounds computed in floating point with fixed-point sums.
    @inline(__always)
    static func slack(_ threshold: Double) -> Double { 1e-7 * max(1, abs(threshold)) }
}
