/// Spaces requests at most `rate` per second across every task that shares it: each caller
/// reserves the next free slot, then sleeps until it comes. Slots are 10% wider than the rate
/// needs, so that network jitter and a late wake-up on a loaded machine do not bring more than
/// `rate` requests to the server within a second.
public actor RateLimiter {
    private let interval: Duration
    private let clock = ContinuousClock()
    private var nextSlot: ContinuousClock.Instant

    /// Creates a limiter allowing `requestsPerSecond` requests per second.
    public init(requestsPerSecond: Double) {
        let perSecond = max(0.001, requestsPerSecond)
        interval = .nanoseconds(Int64((1.1e9 / perSecond).rounded(.up)))
        nextSlot = clock.now
    }

    /// Waits for this caller's slot.
    public func acquire() async throws {
        let now = clock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now { try await Task.sleep(until: slot, clock: clock) }
    }
}
