import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one-writer rule across processes: whoever changes a library (ingest, index, the
/// vocabulary it builds) holds an exclusive lock on `<library>/writer.lock` while it does.
/// Readers (`ask`, `search`, a server) never take it. A second writer waits for the first, up to
/// a limit, then fails with a message that says who holds the lock. The lock is re-entrant within
/// a process (ingest indexes under the same lock), and the system drops it when its holder dies,
/// so a killed writer never leaves a library locked.
public enum WriterLock {
    /// How long a second writer waits by default before giving up.
    public static let defaultWait: TimeInterval = 600

    private static let held = Locked<[String: (descriptor: Int32, depth: Int)]>([:])

    /// The lock file of a library directory.
    public static func path(of directory: String) -> String {
        (directory as NSString).appendingPathComponent("writer.lock")
    }

    /// Runs `body` holding the library's writer lock, waiting up to `wait` seconds for another
    /// writer to finish (`onWait` hears once that it is waiting, with the holder's description).
    public static func withLock<Result>(
        _ directory: String, wait: TimeInterval = defaultWait, onWait: (String) -> Void = { _ in }, _ body: () throws -> Result
    ) throws -> Result {
        try acquire(directory, wait: wait, onWait: onWait)
        defer { release(directory) }
        return try body()
    }

    /// True when some process holds the library's writer lock right now.
    public static func isHeld(_ directory: String) -> Bool {
        if held.withLock({ $0[directory] != nil }) { return true }
        let descriptor = open(path(of: directory), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }

    private static func acquire(_ directory: String, wait: TimeInterval, onWait: (String) -> Void) throws {
        if held.withLock({ state in
            guard let entry = state[directory] else { return false }
            state[directory] = (entry.descriptor, entry.depth + 1)
            return true
        }) { return }
        let file = path(of: directory)
        let descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw EvidentError("\(file): cannot open the writer lock: \(String(cString: strerror(errno)))") }
        let deadline = Date().addingTimeInterval(wait)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw EvidentError("\(file): cannot lock: \(reason)")
            }
            let holder = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let who = holder.isEmpty ? "another process" : holder
            guard Date() < deadline else {
                close(descriptor)
                throw EvidentError("another writer is changing this library (\(who)); waited \(Int(wait)) s: try again when it has finished")
            }
            if !told { onWait(who); told = true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        // Say who holds it, for the message a waiting writer prints.
        let note = "pid \(getpid()), \(CommandLine.arguments.prefix(2).map { ($0 as NSString).lastPathComponent }.joined(separator: " ")), since \(ISO8601DateFormatter().string(from: Date()))\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        held.withLock { $0[directory] = (descriptor, 1) }
    }

    private static func release(_ directory: String) {
        held.withLock { state in
            guard let entry = state[directory] else { return }
            if entry.depth > 1 {
                state[directory] = (entry.descriptor, entry.depth - 1)
            } else {
                flock(entry.descriptor, LOCK_UN)
                close(entry.descriptor)
                state[directory] = nil
            }
        }
    }
}
