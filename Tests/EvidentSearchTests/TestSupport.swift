import Foundation

/// Paths for search-engine tests: the shared real data and the project's Python environment.
enum SearchTestData {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found")
    }()

    static let shared = ((repositoryRoot as NSString).appendingPathComponent("../shared/data") as NSString).standardizingPath

    static func path(_ relative: String) -> String { (shared as NSString).appendingPathComponent(relative) }

    /// The project's virtualenv Python (`make setup` creates it).
    static let python = (repositoryRoot as NSString).appendingPathComponent(".venv/bin/python")

    /// Runs the venv's Python with a script, feeding `input` on standard input; returns standard output.
    static func runPython(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PythonFailed(status: process.terminationStatus) }
        return String(decoding: output, as: UTF8.self)
    }

    struct PythonFailed: Error { var status: Int32 }

    /// SciFact corpus lines as (id, title, text).
    static func scifactCorpus() throws -> [(id: String, title: String, text: String)] {
        let data = try String(contentsOfFile: path("scifact/corpus.jsonl"), encoding: .utf8)
        return data.split(separator: "\n").map { line in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (object["_id"] as! String, object["title"] as? String ?? "", object["text"] as? String ?? "")
        }
    }
}
