import EvidentSearch
import Foundation

/// Measures the search engine on a BEIR corpus: indexing throughput, index size relative to the
/// raw text, and single-thread query latency and throughput. Documents are read into memory
/// first, so indexing is timed alone (as peers are timed on in-memory documents).
public struct SearchBenchmark {
    /// The measurements.
    public struct Report: Codable, Sendable {
        public var documents: Int
        public var rawTextBytes: Int
        public var indexBytes: Int
        /// Seconds to build the index (nil when an existing one was reused).
        public var indexSeconds: Double?
        public var queries: Int
        public var latencyP50Milliseconds: Double
        public var latencyP99Milliseconds: Double
        public var queriesPerSecond: Double
        public var segments: Int
        public var documentsPerSecond: Double?
        public var indexToTextRatio: Double
        /// Threads that analyzed documents while indexing (nil when an existing index was reused).
        public var indexingThreads: Int?
        /// The slowest queries (as many as ``SearchBenchmark/slowest`` asks for), slowest first.
        public var slowestQueries: [TimedQuery] = []

        /// One query's best latency.
        public struct TimedQuery: Codable, Sendable {
            public var id: String
            public var text: String
            public var milliseconds: Double
        }

        init(documents: Int, rawTextBytes: Int, indexBytes: Int, indexSeconds: Double?, queries: Int, latencyP50Milliseconds: Double, latencyP99Milliseconds: Double, queriesPerSecond: Double, segments: Int) {
            self.documents = documents
            self.rawTextBytes = rawTextBytes
            self.indexBytes = indexBytes
            self.indexSeconds = indexSeconds
            self.queries = queries
            self.latencyP50Milliseconds = latencyP50Milliseconds
            self.latencyP99Milliseconds = latencyP99Milliseconds
            self.queriesPerSecond = queriesPerSecond
            self.segments = segments
            documentsPerSecond = indexSeconds.map { $0 > 0 ? Double(documents) / $0 : 0 }
            indexToTextRatio = rawTextBytes > 0 ? Double(indexBytes) / Double(rawTextBytes) : 0
        }
    }

    public var corpus: String
    public var queries: String
    /// Results per query when timing (the usual top 10).
    public var limit = 10
    /// Write a TREC run (top `runDepth` per query) here, for quality comparisons.
    public var runFile: String?
    public var runDepth = 100
    /// Times each query is repeated for timing (the fastest round is kept per query).
    public var rounds = 3
    /// How many of the slowest queries to list in the report.
    public var slowest = 0
    /// Threads that analyze documents while indexing (1: indexing on one thread, as peers are
    /// timed; postings are always added on the calling thread).
    public var indexingThreads = 1
    /// Keep the index in this folder, and reuse the one already there (indexing is then not
    /// timed); nil builds a temporary index and removes it.
    public var indexDirectory: String?

    /// Creates a benchmark over a BEIR corpus and queries file.
    public init(corpus: String, queries: String) {
        self.corpus = corpus
        self.queries = queries
    }

    /// Runs it.
    public func run() throws -> Report {
        // Read everything first (only ids are kept besides the index documents), so indexing is timed alone.
        var ids: [String] = []
        var rawBytes = 0
        var indexDocuments: [IndexDocument] = []
        try BEIRImporter().read(path: corpus, progress: { _ in }, emit: { record in
            guard case .document(let document) = record else { return }
            rawBytes += (document.title?.utf8.count ?? 0) + document.passages.reduce(0) { $0 + $1.text.utf8.count }
            indexDocuments.append(LibraryIndex.indexDocument(rowid: Int64(ids.count), document))
            ids.append(document.id)
        })
        let directory = indexDirectory ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-bench-\(UUID().uuidString)")
        defer { if indexDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }

        let start = Date()
        var snapshot = try IndexSnapshot(directory: directory, schema: LibraryIndex.schema)
        var indexSeconds: Double?
        if snapshot.liveDocuments != ids.count {
            try? FileManager.default.removeItem(atPath: directory)
            let writer = try IndexWriter(directory: directory, schema: LibraryIndex.schema)
            writer.analysisThreads = indexingThreads
            for document in indexDocuments { try writer.add(document) }
            snapshot = try writer.commit(sourceSequence: 1)
            indexSeconds = Date().timeIntervalSince(start)
        }
        indexDocuments = []

        let queryList = try BEIREvaluation.readQueries(queries)
        let parser = snapshot.parser
        var latencies = [Double](repeating: .infinity, count: queryList.count)
        var total = 0.0
        for _ in 0..<rounds {
            let roundStart = DispatchTime.now().uptimeNanoseconds
            for (index, query) in queryList.enumerated() {
                let begin = DispatchTime.now().uptimeNanoseconds
                _ = snapshot.search(parser.parse(query.text), limit: limit)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6
                latencies[index] = min(latencies[index], elapsed)
            }
            total = Double(DispatchTime.now().uptimeNanoseconds - roundStart) / 1e9
        }
        if let runFile {
            var lines = ""
            let prefix = BEIRImporter.collectionName(for: corpus) + ":"
            for query in queryList {
                for (rank, hit) in snapshot.search(parser.parse(query.text), limit: runDepth).enumerated() {
                    let id = ids[Int(hit.key)].dropFirst(prefix.count)
                    lines += "\(query.id) Q0 \(id) \(rank + 1) \(hit.score) evident\n"
                }
            }
            try lines.write(toFile: runFile, atomically: true, encoding: .utf8)
        }
        let sorted = latencies.sorted()
        var report = Report(
            documents: ids.count, rawTextBytes: rawBytes, indexBytes: snapshot.byteSize, indexSeconds: indexSeconds,
            queries: queryList.count, latencyP50Milliseconds: percentile(sorted, 0.5), latencyP99Milliseconds: percentile(sorted, 0.99),
            queriesPerSecond: total > 0 ? Double(queryList.count) / total : 0, segments: snapshot.segmentCount)
        report.indexingThreads = indexSeconds == nil ? nil : indexingThreads
        report.slowestQueries = latencies.indices.sorted { latencies[$0] > latencies[$1] }.prefix(slowest).map {
            Report.TimedQuery(id: queryList[$0].id, text: queryList[$0].text, milliseconds: latencies[$0])
        }
        return report
    }
}
