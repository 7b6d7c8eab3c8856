import EvidentSearch

/// Limits on what an answer may cite: kinds of document and years of publication (a document
/// without a year is left out when a year is set).
public struct AnswerFilter: Sendable, Equatable, Codable {
    /// Only these kinds of document (empty: every kind).
    public var kinds: Set<DocumentKind>
    /// Only documents published in this year or later.
    public var yearFrom: Int?
    /// Only documents published in this year or earlier.
    public var yearTo: Int?

    /// Creates a filter; the default accepts everything.
    public init(kinds: Set<DocumentKind> = [], yearFrom: Int? = nil, yearTo: Int? = nil) {
        self.kinds = kinds
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    /// True when the filter accepts every document.
    public var isEmpty: Bool { kinds.isEmpty && yearFrom == nil && yearTo == nil }

    /// The index filter for one tier's documents (the same a search with these limits uses).
    func searchFilter(tier: Tier) -> SearchFilter {
        SearchOptions(tier: tier, kinds: kinds, yearFrom: yearFrom, yearTo: yearTo).filter
    }

    /// `filter` narrowed to documents of `kinds` as well; nil when no kind is left.
    func narrowed(_ filter: SearchFilter, to kinds: [DocumentKind]) -> SearchFilter? {
        let wanted = Set(kinds.map(\.rawValue))
        let allowed = filter.facets["kind"].map { $0.intersection(wanted) } ?? wanted
        guard !allowed.isEmpty else { return nil }
        var narrowed = filter
        narrowed.facets["kind"] = allowed
        return narrowed
    }
}
