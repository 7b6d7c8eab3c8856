import Foundation

/// Measures ingest throughput: for each source alone and for all together, parsing only,
/// parsing plus storing, and the whole of `evident ingest` (storing, then indexing and the
/// library vocabulary), each into a fresh temporary library.
public struct IngestBenchmark {
    /// One measured row.
    public struct Row: Codable, Sendable {
        /// What was ingested.
        public var name: String
        public var documents: Int
        public var megabytes: Double
        /// Seconds to parse only (importers, no store).
        public var parseSeconds: Double
        /// Seconds to parse and store (the real `evident ingest`).
        public var ingestSeconds: Double
        /// Seconds to store and then index (the index update and the library vocabulary), as
        /// `evident ingest` runs them.
        public var pipelineSeconds: Double
        public var parseDocumentsPerSecond: Double
        public var ingestDocumentsPerSecond: Double
        /// Documents per second of the whole `evident ingest` (store and index).
        public var pipelineDocumentsPerSecond: Double

        init(name: String, documents: Int, megabytes: Double, parseSeconds: Double, ingestSeconds: Double, pipelineSeconds: Double) {
            self.name = name
            self.documents = documents
            self.megabytes = megabytes
            self.parseSeconds = parseSeconds
            self.ingestSeconds = ingestSeconds
            self.pipelineSeconds = pipelineSeconds
            parseDocumentsPerSecond = parseSeconds > 0 ? (Double(documents) / parseSeconds).rounded() : 0
            ingestDocumentsPerSecond = ingestSeconds > 0 ? (Double(documents) / ingestSeconds).rounded() : 0
            pipelineDocumentsPerSecond = pipelineSeconds > 0 ? (Double(documents) / pipelineSeconds).rounded() : 0
        }
    }

    /// Paths to measure.
    public var paths: [String]
    /// Repetitions; the best (fastest) run of each is reported.
    public var repetitions: Int

    /// Creates a benchmark over `paths`.
    public init(paths: [String], repetitions: Int = 3) {
        self.paths = paths
        self.repetitions = repetitions
    }

    /// Runs the benchmark; the last row is all paths together.
    public func run(onRow: (Row) -> Void = { _ in }) throws -> [Row] {
        var rows: [Row] = []
        var groups = paths.map { [$0] }
        if paths.count > 1 { groups.append(paths) }
        for group in groups {
            let plan = IngestPlan.make(paths: group, format: nil)
            var bestParse = Double.infinity
            var bestIngest = Double.infinity
            var bestPipeline = Double.infinity
            var documents = 0
            for _ in 0..<repetitions {
                let parseStart = Date()
                documents = try Self.parseOnly(plan)
                bestParse = min(bestParse, Date().timeIntervalSince(parseStart))
                let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-bench-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let library = try Library(directory: directory, create: true)
                let started = Date()
                let summary = try Ingestor(library: library).run(plan)
                bestIngest = min(bestIngest, summary.seconds)
                try LibraryIndexer(library: library).update()
                bestPipeline = min(bestPipeline, Date().timeIntervalSince(started))
            }
            let name = group.count == 1 ? (group[0] as NSString).lastPathComponent : "all of the above"
            let row = Row(name: name, documents: documents, megabytes: Double(plan.totalBytes) / 1e6, parseSeconds: bestParse, ingestSeconds: bestIngest, pipelineSeconds: bestPipeline)
            rows.append(row)
            onRow(row)
        }
        return rows
    }

    /// Runs the importers without storing anything; returns the documents read.
    static func parseOnly(_ plan: IngestPlan) throws -> Int {
        var documents = 0
        for job in plan.jobs {
            try? job.format.importer.read(path: job.path, progress: { _ in }, emit: { record in
                if case .document = record { documents += 1 }
            })
        }
        return documents
    }

    /// Peak resident memory of this process so far, in megabytes.
    public static var peakMemoryMegabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
