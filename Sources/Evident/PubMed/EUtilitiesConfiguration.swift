import Foundation

/// How Evident talks to NCBI's E-utilities: where, as whom, how fast, and how patiently.
public struct EUtilitiesConfiguration: Sendable {
    /// NCBI's E-utilities address.
    public static let ncbiBaseURL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    /// Requests per second NCBI allows without an API key.
    public static let requestsPerSecondWithoutKey = 3.0
    /// Requests per second NCBI allows with an API key.
    public static let requestsPerSecondWithKey = 10.0

    /// The base URL the utility names (`esearch.fcgi`, `efetch.fcgi`) are appended to.
    public var baseURL: String
    /// The `tool` parameter NCBI asks every caller to send.
    public var tool: String
    /// The `email` parameter: whom NCBI may contact about this tool's traffic.
    public var email: String?
    /// An NCBI API key (raises the limit from 3 to 10 requests per second).
    public var apiKey: String?
    /// Requests per second across all concurrent work (nil: NCBI's limit for the key or its absence).
    public var requestsPerSecond: Double?
    /// The longest a request may take, and the longest a response may stall.
    public var timeout: Duration
    /// The longest a connection may take to open; a server that accepts none is unreachable
    /// (no network), which `ask --live` reports at once instead of retrying.
    public var connectTimeout: Duration = .seconds(4)
    /// How failed requests are retried.
    public var retry: RetryPolicy
    /// esearch's reply format (both are read; JSON is the default).
    public var searchFormat: SearchFormat
    /// PMIDs per efetch request (NCBI's recommended maximum is 200).
    public var fetchBatchSize: Int

    /// esearch's `retmode`.
    public enum SearchFormat: String, Sendable {
        case json, xml
    }

    /// Creates a configuration; `apiKey` nil reads `$NCBI_API_KEY`.
    public init(
        baseURL: String = EUtilitiesConfiguration.ncbiBaseURL, tool: String = "evident", email: String? = nil,
        apiKey: String? = nil, requestsPerSecond: Double? = nil, timeout: Duration = .seconds(30),
        retry: RetryPolicy = RetryPolicy(), searchFormat: SearchFormat = .json, fetchBatchSize: Int = 200,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.tool = tool
        self.email = email ?? environment["NCBI_EMAIL"]?.nonEmptyTrimmed
        self.apiKey = apiKey?.nonEmptyTrimmed ?? environment["NCBI_API_KEY"]?.nonEmptyTrimmed
        self.requestsPerSecond = requestsPerSecond
        self.timeout = timeout
        self.retry = retry
        self.searchFormat = searchFormat
        self.fetchBatchSize = max(1, min(200, fetchBatchSize))
    }

    /// The rate actually kept: the configured one, else NCBI's limit for this key (or none).
    public var effectiveRequestsPerSecond: Double {
        requestsPerSecond ?? (apiKey == nil ? Self.requestsPerSecondWithoutKey : Self.requestsPerSecondWithKey)
    }
}

/// Retries of a failed request (429, 5xx, a timeout): exponential backoff with jitter, honouring
/// `Retry-After`, a bounded number of times.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var attempts: Int
    /// The wait before the first retry; each later one doubles it.
    public var initialDelay: Duration
    /// The longest backoff wait (a server's `Retry-After` may ask for more, up to ``maximumRetryAfter``).
    public var maximumDelay: Duration
    /// The longest `Retry-After` honoured; a server asking for more is given up on.
    public var maximumRetryAfter: Duration

    /// Creates a policy (defaults: 5 attempts, 1 s doubling to at most 30 s).
    public init(attempts: Int = 5, initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30), maximumRetryAfter: Duration = .seconds(300)) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// The wait before retry number `retry` (1 for the first), with full jitter over its upper half.
    func backoff(retry: Int, random: Double = Double.random(in: 0.5...1)) -> Duration {
        let doubling = initialDelay * (1 << min(20, retry - 1))
        return min(doubling, maximumDelay) * random
    }
}

extension String {
    /// The string trimmed, or nil when nothing is left.
    var nonEmptyTrimmed: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
