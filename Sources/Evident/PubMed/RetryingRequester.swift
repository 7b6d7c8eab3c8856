import Foundation
import Logging

/// Sends GETs through one shared ``RateLimiter``, retrying 429s, 5xx answers and timeouts with
/// exponential backoff and jitter (a `Retry-After` is honoured), a bounded number of times.
public struct RetryingRequester: Sendable {
    let fetcher: HTTPFetcher
    let limiter: RateLimiter
    let policy: RetryPolicy
    let logger: Logger

    /// Creates a requester over `fetcher`, spaced by `limiter`.
    public init(fetcher: HTTPFetcher, limiter: RateLimiter, policy: RetryPolicy, logger: Logger = Logger(label: "evident.pubmed")) {
        self.fetcher = fetcher
        self.limiter = limiter
        self.policy = policy
        self.logger = logger
    }

    /// GETs `url` (into `path` when given); `what` names the request in errors ("esearch 'asthma'").
    /// Returns the 2xx reply.
    public func get(_ url: String, what: String, downloadTo path: String? = nil) async throws -> HTTPFetcher.Reply {
        var lastStatus = ""
        for attempt in 1...policy.attempts {
            try await limiter.acquire()
            var retryAfter: Duration?
            do {
                let reply: HTTPFetcher.Reply
                if let path {
                    reply = try await fetcher.download(url, to: path)
                } else {
                    reply = try await fetcher.get(url)
                }
                if (200..<300).contains(reply.status) { return reply }
                let message = String(decoding: reply.body.prefix(300), as: UTF8.self).collapsingWhitespace
                lastStatus = "HTTP \(reply.status)" + (message.isEmpty ? "" : " (\(message))")
                guard reply.status == 429 || (500..<600).contains(reply.status) else {
                    throw PubMedError.rejected(what: what, status: reply.status, message: message)
                }
                retryAfter = reply.retryAfter.flatMap(Self.parseRetryAfter)
                if let wait = retryAfter, wait > policy.maximumRetryAfter {
                    throw PubMedError.gaveUp(what: what, attempts: attempt, lastStatus: lastStatus + ", Retry-After \(reply.retryAfter ?? "")")
                }
            } catch HTTPFetcher.Failure.timedOut {
                lastStatus = "timed out"
            } catch HTTPFetcher.Failure.unreachable(let reason) {
                throw PubMedError.unreachable(what: what, reason: "cannot reach \(Self.host(of: url)) (\(reason))")
            } catch let failure as HTTPFetcher.Failure {
                throw PubMedError.unreadable(what: what, reason: failure.description)
            }
            guard attempt < policy.attempts else { break }
            let wait = max(retryAfter ?? .zero, policy.backoff(retry: attempt))
            logger.info("\(what): \(lastStatus); retrying in \(wait) (attempt \(attempt + 1) of \(policy.attempts))")
            try await Task.sleep(for: wait)
        }
        throw PubMedError.gaveUp(what: what, attempts: policy.attempts, lastStatus: lastStatus)
    }

    /// `Retry-After` as seconds or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000))
    }

    static func host(of url: String) -> String {
        URLComponents(string: url)?.host ?? url
    }
}
