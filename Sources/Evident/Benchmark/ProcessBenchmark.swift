import Foundation

/// Measures whole `evident` processes as a user runs them: wall time from start to exit (median
/// over runs) and the peak resident memory of the children (the largest over all runs).
public struct ProcessBenchmark {
    /// One measured command.
    public struct Row: Codable, Sendable {
        public var command: String
        public var runs: Int
        public var medianMilliseconds: Double
        public var maximumMilliseconds: Double
        public var peakMegabytes: Double
    }

    /// Runs `executable arguments` `runs` times (after one warm-up run) and measures it.
    public static func measure(executable: String, arguments: [String], runs: Int) throws -> Row {
        var times: [Double] = []
        var peak = 0.0
        for run in 0...runs {
            let started = DispatchTime.now().uptimeNanoseconds
            let (status, maximumResident) = try spawn(executable, arguments)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            guard status == 0 else { throw EvidentError("\(arguments.joined(separator: " ")): exit status \(status)") }
            if run > 0 {
                times.append(elapsed)
                peak = max(peak, maximumResident)
            }
        }
        times.sort()
        return Row(command: arguments.joined(separator: " "), runs: runs, medianMilliseconds: times[times.count / 2],
                   maximumMilliseconds: times.last ?? 0, peakMegabytes: peak)
    }

    /// Spawns a child with output discarded; returns its exit status and peak resident megabytes.
    private static func spawn(_ executable: String, _ arguments: [String]) throws -> (Int32, Double) {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard result == 0 else { throw EvidentError("\(executable): cannot start (\(String(cString: strerror(result))))") }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { throw EvidentError("\(executable): lost the child process") }
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exited, Double(usage.ru_maxrss) / 1024)
    }
}
