import Foundation

/// Runs the built `evident` executable (`swift build --build-tests` builds it beside the tests).
enum EvidentBinary {
    static let path: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            runner.appendingPathComponent("evident").path,
            runner.deletingLastPathComponent().appendingPathComponent("evident").path,
            (TestData.repositoryRoot as NSString).appendingPathComponent(".build/debug/evident"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `evident ARGS` with output to files (so a long run cannot fill a pipe).
    static func start(_ arguments: [String], output: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["EVIDENT_LIBRARY", "EVIDENT_MESH", "NCBI_API_KEY", "EVIDENT_EUTILS_URL"] { environment.removeValue(forKey: key) }
        process.environment = environment
        for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: output + suffix, contents: nil) }
        process.standardOutput = FileHandle(forWritingAtPath: output + ".out")
        process.standardError = FileHandle(forWritingAtPath: output + ".err")
        try process.run()
        return process
    }

    /// Runs `evident ARGS` to completion, off the caller's thread.
    static func run(_ arguments: [String]) async throws -> Result {
        let output = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-run-\(UUID().uuidString)")
        let process = try start(arguments, output: output)
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        defer { for suffix in [".out", ".err"] { try? FileManager.default.removeItem(atPath: output + suffix) } }
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: output + ".out", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "")
    }
}
