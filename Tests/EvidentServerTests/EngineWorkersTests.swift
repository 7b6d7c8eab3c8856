import Foundation
import Testing
@testable import Evident
@testable import EvidentServer

@Suite("Engine workers: blocking work off the event loops, within a time limit")
struct EngineWorkersTests {
    /// Waits (up to a minute, however loaded the machine) until `condition` holds.
    static func eventually(_ condition: @Sendable () -> Bool) async throws {
        for _ in 0..<6_000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test("results and errors come back; a job past its limit fails while still running; one that waited past it never runs")
    func timeLimits() async throws {
        let workers = EngineWorkers(threads: 1)
        #expect(try await workers.run(timeout: .seconds(60)) { 6 * 7 } == 42)
        await #expect(throws: EngineError.self) { try await workers.run(timeout: .seconds(60)) { () throws -> Int in throw EngineError.invalidRequest("no") } }

        // One job holds the only thread until released; the one behind it waits past its limit.
        let running = Locked(false), release = DispatchSemaphore(value: 0), ran = Locked(false)
        let slow = Task { try await workers.run(timeout: .milliseconds(200)) { running.withLock { $0 = true }; release.wait(); return 1 } }
        try await Self.eventually { running.withLock { $0 } }
        let queued = Task { try await workers.run(timeout: .milliseconds(100)) { ran.withLock { $0 = true }; return 2 } }
        await #expect(throws: EngineWorkers.Timeout.self) { _ = try await slow.value }
        await #expect(throws: EngineWorkers.Timeout.self) { _ = try await queued.value }
        release.signal()
        try await Self.eventually { workers.load == 0 }
        #expect(workers.load == 0)
        #expect(ran.withLock { $0 } == false)
    }
}
