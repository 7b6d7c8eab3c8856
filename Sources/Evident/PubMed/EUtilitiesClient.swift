import Foundation
import Logging

/// NCBI's E-utilities for PubMed: esearch (with the history server for large result sets) and
/// efetch (PubMed XML, at most 200 PMIDs a request), within NCBI's rate limit, with retries.
///
/// Every request sends `tool`, `email` when known and `api_key` when given. One client (and its
/// rate limiter) should serve all concurrent work of a process.
public final class EUtilitiesClient: Sendable {
    public let configuration: EUtilitiesConfiguration
    private let fetcher: HTTPFetcher
    private let requester: RetryingRequester

    /// The most PMIDs esearch returns in one reply; larger sets go through the history server.
    public static let maximumIDsPerSearch = 10_000

    /// Creates a client (its connections are closed by ``shutdown()``).
    public init(_ configuration: EUtilitiesConfiguration, logger: Logger = Logger(label: "evident.pubmed")) {
        self.configuration = configuration
        fetcher = HTTPFetcher(timeout: configuration.timeout, connectTimeout: configuration.connectTimeout)
        requester = RetryingRequester(
            fetcher: fetcher, limiter: RateLimiter(requestsPerSecond: configuration.effectiveRequestsPerSecond),
            policy: configuration.retry, logger: logger)
    }

    /// Closes the client's connections.
    public func shutdown() async { await fetcher.shutdown() }

    /// A client dropped without ``shutdown()`` (a thrown error on the way) still closes its
    /// connections: the task keeps the fetcher until they are closed.
    deinit {
        let fetcher = fetcher
        Task { await fetcher.shutdown() }
    }

    /// Runs esearch: the PMIDs of `search` (at most its maximum, and at most
    /// ``maximumIDsPerSearch``); with `useHistory` the set is also stored on the history server.
    public func search(_ search: PubMedSearch, useHistory: Bool = false) async throws -> ESearchResult {
        var parameters: [(String, String)] = [
            ("db", "pubmed"), ("term", search.term), ("retmode", configuration.searchFormat.rawValue),
            ("retmax", String(max(0, min(search.maximum, Self.maximumIDsPerSearch)))), ("sort", search.sort.rawValue),
        ]
        if search.since != nil || search.until != nil {
            parameters += [("datetype", "pdat"), ("mindate", search.since ?? "1800"), ("maxdate", search.until ?? "3000")]
        }
        if useHistory { parameters.append(("usehistory", "y")) }
        let reply = try await requester.get(url("esearch.fcgi", parameters), what: search.name)
        return try ESearchResult.parse(reply.body, what: search.name)
    }

    /// Runs efetch for `ids` (at most 200): PubMed XML (`PubmedArticleSet`).
    public func fetch(ids: [String], what: String) async throws -> [UInt8] {
        precondition(ids.count <= 200, "efetch takes at most 200 PMIDs a request")
        let reply = try await requester.get(url("efetch.fcgi", [("db", "pubmed"), ("id", ids.joined(separator: ",")), ("retmode", "xml")]), what: what)
        try Self.checkArticleSet(reply.body, what: what)
        return reply.body
    }

    /// Runs efetch over a history-server result set: `count` records from `start` (0-based).
    public func fetch(history: ESearchResult.History, start: Int, count: Int, what: String) async throws -> [UInt8] {
        let parameters = [
            ("db", "pubmed"), ("WebEnv", history.webEnv), ("query_key", history.queryKey),
            ("retstart", String(start)), ("retmax", String(min(200, count))), ("retmode", "xml"),
        ]
        let reply = try await requester.get(url("efetch.fcgi", parameters), what: what)
        try Self.checkArticleSet(reply.body, what: what)
        return reply.body
    }

    /// GETs any URL through the same limiter and retries (for a sync mirror on NCBI's servers).
    func get(_ url: String, what: String, downloadTo path: String? = nil) async throws -> HTTPFetcher.Reply {
        try await requester.get(url, what: what, downloadTo: path)
    }

    /// An efetch reply must be a `PubmedArticleSet` (NCBI reports errors with 200 and another body).
    static func checkArticleSet(_ body: [UInt8], what: String) throws {
        let head = String(decoding: body.prefix(2_048), as: UTF8.self)
        guard head.contains("<PubmedArticleSet") else {
            let text = head.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression).collapsingWhitespace
            throw PubMedError.unreadable(what: what, reason: "not a PubmedArticleSet: \(text.prefix(200))")
        }
    }

    /// The URL of utility `name` with `parameters` plus tool, email and api_key.
    func url(_ name: String, _ parameters: [(String, String)]) -> String {
        var all = parameters
        all.append(("tool", configuration.tool))
        if let email = configuration.email { all.append(("email", email)) }
        if let key = configuration.apiKey { all.append(("api_key", key)) }
        return configuration.baseURL + name + "?" + all.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// Percent-encodes a query value (`+`, `&`, `[`, spaces and all).
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }
}
