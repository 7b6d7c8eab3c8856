import Foundation
import Testing
@testable import Evident

/// One writer per library across processes; another process holds the lock through util-linux
/// `flock(1)`, as a second `evident ingest` would.
@Suite("Writer lock: one writer per library across processes")
struct WriterLockTests {
    /// Starts `flock -o LOCKFILE sleep SECONDS` (the lock held by flock itself, not its child)
    /// and waits until it holds the lock.
    static func holdLock(_ directory: String, seconds: Int) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = ["-o", WriterLock.path(of: directory), "sleep", String(seconds)]
        try process.run()
        let deadline = Date().addingTimeInterval(5)
        while !WriterLock.isHeld(directory), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process
    }

    @Test("a second writer waits for the first, or gives up with a clear message; the lock is re-entrant in one process")
    func waitsOrFails() throws {
        let directory = TestData.temporaryDirectory("writer-lock")
        defer { TestData.remove(directory) }
        #expect(!WriterLock.isHeld(directory))
        let holder = try Self.holdLock(directory, seconds: 2)
        defer { holder.terminate() }
        #expect(WriterLock.isHeld(directory))
        #expect {
            try WriterLock.withLock(directory, wait: 0.3) { }
        } throws: { error in
            "\(error)".contains("another writer is changing this library")
        }
        var waited: String?
        let started = Date()
        let inner = try WriterLock.withLock(directory, wait: 10, onWait: { waited = $0 }) {
            // Re-entrant: indexing inside an ingest takes the same lock again.
            try WriterLock.withLock(directory, wait: 0) { 42 }
        }
        #expect(inner == 42)
        #expect(waited != nil)
        #expect(Date().timeIntervalSince(started) > 0.5)
        #expect(!WriterLock.isHeld(directory))
    }

    @Test("a writer killed while holding the lock leaves the library unlocked")
    func killedHolder() throws {
        let directory = TestData.temporaryDirectory("writer-lock-kill")
        defer { TestData.remove(directory) }
        let holder = try Self.holdLock(directory, seconds: 30)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(!WriterLock.isHeld(directory))
        #expect(try WriterLock.withLock(directory, wait: 0) { true })
    }
}
