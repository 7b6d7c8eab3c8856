import Foundation
import Logging

/// Searches PubMed and stores the records found: each efetch batch (at most 200 records) goes
/// through the PubMed XML importer into the library as it arrives (one transaction per batch),
/// while the next batch downloads.
public struct PubMedFetchIngest: Sendable {
    /// Progress after each batch.
    public struct Progress: Sendable {
        /// Records requested so far, and in all.
        public var fetched: Int
        public var total: Int
        public var counts: IngestCounts
    }

    /// What a search and its ingest did.
    public struct Outcome: Sendable {
        /// Records matching the query in PubMed.
        public var found: Int
        /// How PubMed read the query.
        public var translation: String?
        /// PMIDs requested from efetch.
        public var requested: Int
        /// PMIDs passed over because the library already held them (only when asked to).
        public var alreadyHeld: Int
        /// The PMIDs requested, in the order PubMed ranked them.
        public var requestedIDs: [String]
        /// What storing them did.
        public var summary: IngestSummary
    }

    public let client: EUtilitiesClient
    public let library: Library
    private let logger = Logger(label: "evident.pubmed")

    /// Creates an ingest from `client` into `library`.
    public init(client: EUtilitiesClient, library: Library) {
        self.client = client
        self.library = library
    }

    /// Runs `search`, fetches its records (with `onlyNew`, only PMIDs the library lacks, up to
    /// the search's maximum) and stores them. Bad records are reported through `onIssue`,
    /// named by batch and query; a failed request throws ``PubMedError`` (batches already
    /// stored stay stored).
    public func run(
        _ search: PubMedSearch, onlyNew: Bool = false,
        onIssue: @escaping (ImportIssue) -> Void = { _ in },
        onProgress: (Progress) -> Void = { _ in }
    ) async throws -> Outcome {
        let started = Date()
        let batches: [Batch]
        let found: Int
        let translation: String?
        var alreadyHeld = 0
        var requestedIDs: [String] = []
        if search.maximum > EUtilitiesClient.maximumIDsPerSearch && !onlyNew {
            // Past esearch's 10,000 PMIDs a reply: page through the history server.
            var paging = search
            paging.maximum = 0
            let result = try await client.search(paging, useHistory: true)
            guard let history = result.history else { throw PubMedError.unreadable(what: search.name, reason: "esearch returned no WebEnv for the history server") }
            found = result.count
            translation = result.translation
            let total = min(search.maximum, result.count)
            let size = client.configuration.fetchBatchSize
            batches = stride(from: 0, to: total, by: size).map { Batch(ids: [], history: history, start: $0, count: min(size, total - $0)) }
        } else {
            // Asking for more than wanted leaves room for PMIDs the library already holds.
            var first = search
            if onlyNew { first.maximum = min(EUtilitiesClient.maximumIDsPerSearch, max(search.maximum * 5, search.maximum + 50)) }
            let result = try await client.search(first)
            found = result.count
            translation = result.translation
            var ids = result.ids
            if onlyNew {
                let held = try library.existingDocumentIDs(ids.map { "pmid:\($0)" })
                let fresh = ids.filter { !held.contains("pmid:\($0)") }
                alreadyHeld = ids.count - fresh.count
                ids = Array(fresh.prefix(search.maximum))
            } else {
                ids = Array(ids.prefix(search.maximum))
            }
            requestedIDs = ids
            let size = client.configuration.fetchBatchSize
            batches = stride(from: 0, to: ids.count, by: size).map { Batch(ids: Array(ids[$0..<min(ids.count, $0 + size)]), history: nil, start: $0, count: 0) }
        }
        let total = batches.reduce(0) { $0 + max($1.ids.count, $1.count) }
        logger.info("\(search.name): \(found) records in PubMed, fetching \(total) in \(batches.count) batch(es)")

        let scratch = (library.directory as NSString).appendingPathComponent(".pubmed-fetch-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        var counts = IngestCounts()
        var errors: [ImportIssue] = []
        var warnings: [ImportIssue] = []
        var fetched = 0
        var pending: Task<[UInt8], Error>? = batches.first.map { fetchTask($0, number: 1, of: batches.count, search: search) }
        for (index, batch) in batches.enumerated() {
            guard let task = pending else { break }
            let body: [UInt8]
            do {
                body = try await task.value
            } catch {
                pending = nil
                throw error
            }
            pending = index + 1 < batches.count ? fetchTask(batches[index + 1], number: index + 2, of: batches.count, search: search) : nil
            let label = "efetch batch \(index + 1) of \(batches.count) for \(search.name)"
            let path = (scratch as NSString).appendingPathComponent("efetch-\(index + 1).xml")
            try Data(body).write(to: URL(fileURLWithPath: path))
            let summary: IngestSummary
            do {
                summary = try Ingestor(library: library).run(IngestPlan.make(paths: [path], format: .pubmedXML), onIssue: { issue in
                    onIssue(Self.relabel(issue, path: path, label: label))
                })
            } catch {
                pending?.cancel()
                throw error
            }
            try? FileManager.default.removeItem(atPath: path)
            counts = counts + summary.counts
            errors += summary.errors.map { Self.relabel($0, path: path, label: label) }
            warnings += summary.warnings.map { Self.relabel($0, path: path, label: label) }
            fetched += max(batch.ids.count, batch.count)
            onProgress(Progress(fetched: fetched, total: total, counts: counts))
        }
        let summary = IngestSummary(counts: counts, files: batches.count, filesSkipped: 0, seconds: Date().timeIntervalSince(started), errors: errors, warnings: warnings)
        return Outcome(found: found, translation: translation, requested: total, alreadyHeld: alreadyHeld, requestedIDs: requestedIDs, summary: summary)
    }

    private struct Batch: Sendable {
        var ids: [String]
        var history: ESearchResult.History?
        var start: Int
        var count: Int
    }

    private func fetchTask(_ batch: Batch, number: Int, of total: Int, search: PubMedSearch) -> Task<[UInt8], Error> {
        let client = client
        let what = "efetch batch \(number) of \(total) for \(search.name)"
        return Task {
            if let history = batch.history {
                return try await client.fetch(history: history, start: batch.start, count: batch.count, what: what)
            }
            return try await client.fetch(ids: batch.ids, what: what)
        }
    }

    private static func relabel(_ issue: ImportIssue, path: String, label: String) -> ImportIssue {
        var issue = issue
        if issue.file == path { issue.file = label }
        return issue
    }
}
