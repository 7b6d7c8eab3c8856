import Evident
import Foundation
import Hummingbird

/// A token bucket per client address: `perMinute` requests a minute on average, up to a tenth
/// of that (at least 10) at once. Buckets of clients that went quiet are dropped.
final class RateLimiter: Sendable {
    private struct Bucket { var tokens: Double; var updated: TimeInterval }

    let perMinute: Int
    let burst: Double
    /// Seconds on a steady clock (the system's uptime; a fixed clock in tests).
    let clock: @Sendable () -> TimeInterval
    private let buckets = Locked<[String: Bucket]>([:])

    init(perMinute: Int, clock: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }) {
        self.perMinute = perMinute
        burst = max(10, Double(perMinute) / 10)
        self.clock = clock
    }

    /// Takes a token for `client`; returns nil when allowed, else the seconds until one is free.
    func take(client: String, now: TimeInterval? = nil) -> Int? {
        let now = now ?? clock()
        let rate = Double(perMinute) / 60
        return buckets.withLock { buckets in
            if buckets.count > 10_000 { buckets = buckets.filter { now - $0.value.updated < 120 } }
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            defer { buckets[client] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}

/// Answers 429 with `Retry-After` to a client over its rate.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let wait = limiter.take(client: context.clientAddress ?? "local") {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)],
                            message: "too many requests: at most \(limiter.perMinute) a minute; retry after \(wait) s")
        }
        return try await next(request, context)
    }
}
