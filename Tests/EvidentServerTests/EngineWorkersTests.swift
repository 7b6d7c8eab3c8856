import Foundation
import Testing
@testable import Evident
@testable import EvidentServer

@Suite("Engine workers: blocking work off the event loops, within a time limit")
struct EngineWorkersTests {
    @Test("results and errors come back; a job past its limit fails at once; one that waited past it never runs")
    func timeLimits() async throws {
        let workers = EngineWorkers(threads: 1)
        #expect(try await workers.run(timeout: .seconds(5)) { 6 * 7 } == 42)
        await #expect(throws: EngineError.self) { try await workers.run(timeout: .seconds(5)) { () throws -> Int in throw EngineError.invalidRequest("no") } }

        let ran = Locked(false)
        let clock = ContinuousClock()
        let started = clock.now
        let slow = Task { try await workers.run(timeout: .milliseconds(200)) { Thread.sleep(forTimeInterval: 1.0); return 1 } }
        try await Task.sleep(for: .milliseconds(50))
        let queued = Task { try await workers.run(timeout: .milliseconds(100)) { ran.withLock { $0 = true }; return 2 } }
        await #expect(throws: EngineWorkers.Timeout.self) { _ = try await slow.value }
        await #expect(throws: EngineWorkers.Timeout.self) { _ = try await queued.value }
        #expect(clock.now - started < .milliseconds(900))
        try await Task.sleep(for: .milliseconds(1_200))
        #expect(ran.withLock { $0 } == false)
        #expect(workers.load == 0)
    }
}
