import CZlib
import Foundation
@testable import Evident

/// Locations of the shared real data (`../shared/data`) and helpers for temporary fixtures.
enum TestData {
    /// The repository root (the directory holding Package.swift).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/data`, or `$EVIDENT_SHARED_DATA`.
    static let shared: String = {
        if let explicit = ProcessInfo.processInfo.environment["EVIDENT_SHARED_DATA"] { return explicit }
        return ((repositoryRoot as NSString).appendingPathComponent("../shared/data") as NSString).standardizingPath
    }()

    /// A path inside the shared data.
    static func path(_ relative: String) -> String { (shared as NSString).appendingPathComponent(relative) }

    /// A fresh temporary directory, removed by the caller with ``remove(_:)``.
    static func temporaryDirectory(_ name: String = "evident-test") -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a temporary directory.
    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Writes bytes to a file in `directory` and returns its path.
    @discardableResult
    static func write(_ bytes: [UInt8], to name: String, in directory: String) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Writes text to a file in `directory` and returns its path.
    @discardableResult
    static func write(_ text: String, to name: String, in directory: String) -> String {
        write(Array(text.utf8), to: name, in: directory)
    }

    /// The bytes of a file.
    static func bytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path)!) }

    /// Runs an importer over a file and collects what it yields.
    static func read(_ importer: any Importer, _ path: String) throws -> Collected {
        var collected = Collected()
        try importer.read(path: path, progress: { _ in }, emit: { record in
            switch record {
            case .document(let document): collected.documents.append(document)
            case .deletion(let id): collected.deletions.append(id)
            case .failure(let issue): collected.failures.append(issue)
            case .skipped(let issue): collected.skipped.append(issue)
            case .warning(let issue): collected.warnings.append(issue)
            }
        })
        return collected
    }

    /// What an importer yielded.
    struct Collected {
        var documents: [Document] = []
        var deletions: [String] = []
        var failures: [ImportIssue] = []
        var skipped: [ImportIssue] = []
        var warnings: [ImportIssue] = []

        func document(_ id: String) -> Document? { documents.first { $0.id == id } }
    }

    /// Gzip-compresses bytes with zlib (the library the reader uses) into `path`.
    static func gzip(_ bytes: [UInt8], to path: String) {
        let file = gzopen(path, "wb")!
        _ = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        gzclose(file)
    }
}
