import Foundation

/// One PubMed search: the query and how its results are limited and ordered.
public struct PubMedSearch: Sendable, Hashable {
    /// esearch's sort orders.
    public enum Sort: String, Sendable, CaseIterable {
        /// PubMed's Best Match.
        case relevance
        /// Newest publication first.
        case publicationDate = "pub_date"
    }

    /// The query, in PubMed's syntax (`asthma[mh] AND 2020:2024[dp]`).
    public var term: String
    /// The most records wanted.
    public var maximum: Int
    /// Records published on or after this date (`YYYY`, `YYYY/MM` or `YYYY/MM/DD`).
    public var since: String?
    /// Records published on or before this date (defaults to the present when `since` is set).
    public var until: String?
    public var sort: Sort

    /// Creates a search.
    public init(term: String, maximum: Int = 100, since: String? = nil, until: String? = nil, sort: Sort = .relevance) {
        self.term = term
        self.maximum = maximum
        self.since = since
        self.until = until
        self.sort = sort
    }

    /// How errors name it: `esearch "asthma"`.
    public var name: String { "PubMed query \"\(term)\"" }

    /// Checks a date for esearch: `YYYY`, `YYYY/MM` or `YYYY/MM/DD` (dashes are accepted and
    /// turned into slashes); nil when it is not one.
    public static func normalizedDate(_ text: String) -> String? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        if numbers.count > 1, !(1...12).contains(numbers[1]) { return nil }
        if numbers.count > 2, !(1...31).contains(numbers[2]) { return nil }
        return parts.joined(separator: "/")
    }
}
