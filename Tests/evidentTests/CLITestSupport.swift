import Foundation

/// Runs the built `evident` executable, as a user would.
enum CLI {
    /// The `evident` binary next to the test bundle (same build configuration).
    static let executable: String = {
        var candidates: [String] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(runner.appendingPathComponent("evident").path)
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("evident").path)
        var root = URL(fileURLWithPath: #filePath)
        root.deleteLastPathComponent(); root.deleteLastPathComponent(); root.deleteLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/evident").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            fatalError("evident executable not found in \(candidates)")
        }
        return found
    }()

    /// `../shared/data`.
    static let shared: String = {
        var root = URL(fileURLWithPath: #filePath)
        root.deleteLastPathComponent(); root.deleteLastPathComponent(); root.deleteLastPathComponent()
        return root.appendingPathComponent("../shared/data").standardized.path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `evident ARGS` to completion.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Result {
        let process = try start(arguments, environment: environment, directory: directory)
        let out = process.standardOutput as! Pipe
        let err = process.standardError as! Pipe
        // Drain both pipes while the process runs.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `evident ARGS` and returns the running process (output to pipes).
    static func start(_ arguments: [String], environment: [String: String] = [:], discardOutput: Bool = false, directory: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "EVIDENT_LIBRARY")
        env.removeValue(forKey: "EVIDENT_MESH")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if discardOutput {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        } else {
            process.standardOutput = Pipe()
            process.standardError = Pipe()
        }
        try process.run()
        return process
    }

    /// A MeSH vocabulary compiled from the shared descriptor table by `evident resources build`
    /// (descriptors only: the supplementary table takes a minute in a debug build).
    static let meshLexicon: String = {
        let tables = temporaryPath("mesh-tables")
        try! FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        try! FileManager.default.copyItem(atPath: "\(shared)/mesh/mesh_id_label_mappings.tsv", toPath: "\(tables)/mesh_id_label_mappings.tsv")
        let output = "\(tables)/mesh.lexicon"
        let result = try! run(["resources", "build", "--mesh-dir", tables, "--output", output])
        precondition(result.status == 0, result.stderr)
        return output
    }()

    /// An empty resources directory: a machine where nothing was installed.
    static let noResources: String = {
        let path = temporaryPath("no-resources")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// A fresh temporary directory path (not created).
    static func temporaryPath(_ name: String) -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    /// Decodes a JSON object printed on standard output.
    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }
}
