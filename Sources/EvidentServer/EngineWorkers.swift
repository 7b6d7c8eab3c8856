import Evident
import Foundation

/// Runs the engine's blocking work (answers, searches, reads) on a few threads of its own, off
/// the server's event loops, first come first served, each job within a time limit.
///
/// A job that waits or runs past its limit fails with ``EngineWorkers/Timeout`` at once; one
/// still waiting when its limit passes is never started, so an overload sheds work instead of
/// queueing it without bound.
public final class EngineWorkers: @unchecked Sendable {
    /// A job did not finish within its time limit.
    public struct Timeout: Error, Sendable {}

    /// Guards `queue` and `head`; workers wait on it for work.
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private let timers = DispatchQueue(label: "evident.engine-workers.timers")
    /// Jobs waiting for a thread or running.
    private let pending = Locked(0)

    /// Creates workers running at most `threads` jobs at once.
    public init(threads: Int) {
        for index in 0..<max(1, threads) {
            let thread = Thread { self.work() }   // the workers and their threads live as long as the server
            thread.name = "evident-worker-\(index)"
            thread.start()
        }
    }

    /// Jobs waiting or running now.
    public var load: Int { pending.withLock { $0 } }

    /// Runs `work` on a worker thread; throws ``Timeout`` when it has not finished `timeout` after being asked.
    public func run<T: Sendable>(timeout: Duration, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let job = Job<T>()
        pending.withLock { $0 += 1 }
        return try await withCheckedThrowingContinuation { continuation in
            job.attach(continuation)
            let pending = self.pending
            enqueue {
                defer { pending.withLock { $0 -= 1 } }
                guard !job.isFinished else { return }   // timed out while waiting: never started
                job.finish(Result { try work() })
            }
            timers.asyncAfter(deadline: .now() + .nanoseconds(Int(timeout.nanoseconds))) {
                job.finish(.failure(Timeout()))
            }
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// A worker thread's loop: take the oldest job, run it, forever (the workers live as long as the process).
    private func work() {
        while true {
            condition.lock()
            while head == queue.count { condition.wait() }
            let job = queue[head]
            head += 1
            if head > 1_024, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}

/// One job's continuation, resumed exactly once by whichever comes first: the result or the time limit.
private final class Job<T: Sendable>: Sendable {
    private let state = Locked<(continuation: CheckedContinuation<T, any Error>?, finished: Bool)>((nil, false))

    var isFinished: Bool { state.withLock { $0.finished } }

    func attach(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func finish(_ result: Result<T, any Error>) {
        let continuation: CheckedContinuation<T, any Error>? = state.withLock { current in
            guard !current.finished else { return nil }
            current.finished = true
            defer { current.continuation = nil }
            return current.continuation
        }
        continuation?.resume(with: result)
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
