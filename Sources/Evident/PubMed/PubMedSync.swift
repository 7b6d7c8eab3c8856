import Foundation
import Logging

/// Mirrors PubMed: the baseline files, then the update files, each checked against its `.md5`
/// and ingested (deletions applied) in order. Finished files are recorded in the library, so an
/// interrupted sync (kill -9 included) resumes with the file it was on, and a re-run fetches
/// and ingests only files it has not finished.
public struct PubMedSync: Sendable {
    /// What happened to one file.
    public struct FileOutcome: Codable, Sendable {
        public var name: String
        public var counts: IngestCounts
    }

    /// What a sync did.
    public struct Report: Codable, Sendable {
        public var source: String
        /// Files ingested by this run, in order.
        public var files: [FileOutcome]
        /// Files found already finished by an earlier run.
        public var alreadyDone: Int
        public var counts: IngestCounts
        /// Record problems (the file itself was ingested), one line each.
        public var errors: [ImportIssue]
        /// The file that stopped the sync, and why (later files were left for the next run).
        public var stoppedAt: ImportIssue?
        public var seconds: Double
    }

    /// Progress as files finish.
    public struct Progress: Sendable {
        public var file: String
        public var filesDone: Int
        public var filesTotal: Int
        public var counts: IngestCounts
    }

    public let source: PubMedSyncSource
    public let library: Library
    /// The client for a remote source (its rate limit and retries apply to downloads too).
    public let client: EUtilitiesClient?
    /// Index after each file (so that an interrupted sync leaves what it finished searchable).
    public var indexEachFile = true
    private let logger = Logger(label: "evident.pubmed.sync")

    /// Creates a sync of `source` into `library`; `client` is needed for a remote source.
    public init(source: PubMedSyncSource, library: Library, client: EUtilitiesClient?) {
        self.source = source
        self.library = library
        self.client = client
    }

    /// Runs the sync. Throws ``PubMedError`` when the source cannot be listed at all; a bad
    /// file (wrong MD5, truncated, unreachable) stops the sync and is reported in the report.
    public func run(onIssue: (ImportIssue) -> Void = { _ in }, onProgress: (Progress) -> Void = { _ in }) async throws -> Report {
        let started = Date()
        let finished = try library.finishedSyncFiles(source: source.description)
        var plan: [(folder: String, name: String)] = []
        for folder in PubMedSyncSource.folders {
            plan += try await list(folder).map { (folder, $0) }
        }
        guard !plan.isEmpty else {
            throw PubMedError.badSource("\(source): no PubMed files (pubmed*.xml.gz) under baseline/ or updatefiles/")
        }
        let todo = plan.filter { finished[$0.name] == nil }
        logger.info("\(source): \(plan.count) files, \(plan.count - todo.count) already done")
        var report = Report(source: source.description, files: [], alreadyDone: plan.count - todo.count, counts: IngestCounts(), errors: [], stoppedAt: nil, seconds: 0)
        let scratch = (library.directory as NSString).appendingPathComponent(".pubmed-sync")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for (number, entry) in todo.enumerated() {
            let label = "\(entry.folder)/\(entry.name)"
            do {
                let (path, md5) = try await obtain(entry.folder, entry.name, scratch: scratch)
                let summary = try Ingestor(library: library).run(IngestPlan.make(paths: [path], format: .pubmedXML), onIssue: { issue in
                    onIssue(Self.relabel(issue, path: path, label: label))
                })
                if path.hasPrefix(scratch) { try? FileManager.default.removeItem(atPath: path) }
                let issues = summary.errors.map { Self.relabel($0, path: path, label: label) }
                // A file-level problem (truncated, unreadable) means the file is not done.
                if let fatal = issues.first(where: { $0.record == nil || $0.message.hasPrefix("truncated") }) {
                    report.counts = report.counts + summary.counts
                    report.errors += issues.filter { $0 != fatal }
                    report.stoppedAt = fatal
                    break
                }
                try library.recordSyncFile(source: source.description, name: entry.name, md5: md5, counts: summary.counts)
                if indexEachFile {
                    // The library vocabulary is rebuilt once at the end, not after each file
                    // (it reads the whole library).
                    var indexer = LibraryIndexer(library: library)
                    indexer.buildsVocabulary = false
                    try indexer.update()
                }
                report.files.append(FileOutcome(name: label, counts: summary.counts))
                report.counts = report.counts + summary.counts
                report.errors += issues
                onProgress(Progress(file: label, filesDone: number + 1, filesTotal: todo.count, counts: report.counts))
            } catch let error as PubMedError {
                let issue = ImportIssue(file: label, message: error.description.replacingOccurrences(of: "\(label): ", with: ""))
                onIssue(issue)
                report.stoppedAt = issue
                break
            }
        }
        if !report.files.isEmpty || report.stoppedAt != nil { try LibraryIndexer(library: library).update() }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The PubMed files of one folder, sorted (none when the folder is absent).
    private func list(_ folder: String) async throws -> [String] {
        switch source {
        case .directory(let root):
            let path = (root as NSString).appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw PubMedError.badSource("\(root): no such directory")
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
            return PubMedSyncSource.pubMedFiles(in: names)
        case .remote(let base):
            guard let client else { throw PubMedError.badSource("\(base): a remote source needs an HTTP client") }
            do {
                let reply = try await client.get(base + folder + "/", what: "listing \(base)\(folder)/")
                return PubMedSyncSource.pubMedFiles(in: PubMedSyncSource.linkedNames(inListing: String(decoding: reply.body, as: UTF8.self)))
            } catch PubMedError.rejected(_, 404, _) {
                return []
            }
        }
    }

    /// The file on disk (downloaded for a remote source) and its MD5, checked against its `.md5`.
    private func obtain(_ folder: String, _ name: String, scratch: String) async throws -> (path: String, md5: String) {
        let label = "\(folder)/\(name)"
        let path: String
        let statedText: String
        switch source {
        case .directory(let root):
            path = ((root as NSString).appendingPathComponent(folder) as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path + ".md5", encoding: .utf8) else {
                throw PubMedError.badSource("\(label): no \(name).md5 beside it; the file was not ingested")
            }
            statedText = text
        case .remote(let base):
            guard let client else { throw PubMedError.badSource("\(base): a remote source needs an HTTP client") }
            let url = base + folder + "/" + name
            statedText = String(decoding: try await client.get(url + ".md5", what: label + ".md5").body, as: UTF8.self)
            path = (scratch as NSString).appendingPathComponent(name)
            let partial = path + ".part"
            _ = try await client.get(url, what: label, downloadTo: partial)
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        }
        guard let expected = MD5.stated(in: statedText) else {
            throw PubMedError.badSource("\(label): its .md5 holds no MD5 digest; the file was not ingested")
        }
        let actual = try MD5.file(path)
        guard actual == expected else {
            if path.hasPrefix(scratch) { try? FileManager.default.removeItem(atPath: path) }
            throw PubMedError.checksumMismatch(file: label, expected: expected, actual: actual)
        }
        return (path, actual)
    }

    private static func relabel(_ issue: ImportIssue, path: String, label: String) -> ImportIssue {
        var issue = issue
        if issue.file == path { issue.file = label }
        return issue
    }
}
