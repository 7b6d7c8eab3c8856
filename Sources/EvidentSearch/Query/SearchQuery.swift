/// A parsed query: analyzed terms that score, terms and phrases that must or must not appear.
public struct SearchQuery: Sendable, Equatable {
    /// A phrase: its terms with their positions relative to the first.
    public struct Phrase: Sendable, Equatable {
        public var terms: [String]
        public var offsets: [Int]
    }

    /// Terms that score; a document needs at least one of them (or a required one).
    public var should: [String] = []
    /// Terms every result must contain (they score too).
    public var required: [String] = []
    /// Terms no result may contain.
    public var excluded: [String] = []
    /// Phrases every result must contain (their terms score).
    public var phrases: [Phrase] = []
    /// Phrases no result may contain.
    public var excludedPhrases: [Phrase] = []

    /// Creates an empty query.
    public init() {}

    /// Scoring terms with their query frequencies, in first-appearance order.
    public var scoringTerms: [(term: String, count: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for term in should + required + phrases.flatMap(\.terms) {
            if counts[term] == nil { order.append(term) }
            counts[term, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }

    /// True when nothing in the query can match.
    public var isEmpty: Bool { should.isEmpty && required.isEmpty && phrases.isEmpty }
}

/// Restricts results to documents with given facet values and numeric column ranges.
public struct SearchFilter: Sendable, Equatable {
    /// Facet name → accepted values (a document needs one of them, for every name listed).
    public var facets: [String: Set<String>] = [:]
    /// Numeric column → accepted range (documents without a value are excluded).
    public var ranges: [String: ClosedRange<Int32>] = [:]

    /// Creates a filter.
    public init(facets: [String: Set<String>] = [:], ranges: [String: ClosedRange<Int32>] = [:]) {
        self.facets = facets
        self.ranges = ranges
    }

    /// True when the filter accepts everything.
    public var isEmpty: Bool { facets.isEmpty && ranges.isEmpty }
}
