import EvidentSearch
import Foundation

/// Evaluates retrieval on a BEIR dataset: ingests the corpus into a temporary library (the real
/// ingest and index path), runs every judged query, and computes trec_eval metrics.
public struct BEIREvaluation {
    /// The outcome: mean metrics and how the run went.
    public struct Report: Codable, Sendable {
        public var corpus: String
        public var documents: Int
        public var queries: Int
        public var judgedQueries: Int
        public var metrics: RankingMetrics.Values
        public var indexSeconds: Double
        public var searchSeconds: Double
    }

    public var corpus: String
    public var queries: String
    public var qrels: String
    /// Results kept per query (Recall@100 and MAP need at least 100).
    public var depth = 1_000
    /// The index schema (BM25F fields and parameters) to evaluate.
    public var schema = LibraryIndex.schema

    /// Creates an evaluation of the given BEIR files.
    public init(corpus: String, queries: String, qrels: String) {
        self.corpus = corpus
        self.queries = queries
        self.qrels = qrels
    }

    /// Reads a BEIR queries file (`{"_id", "text"}` per line).
    public static func readQueries(_ path: String) throws -> [(id: String, text: String)] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw EvidentError("\(path): cannot read the file as UTF-8")
        }
        return try text.split(whereSeparator: \.isNewline).enumerated().compactMap { offset, line in
            guard !line.allSatisfy(\.isWhitespace) else { return nil }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["_id"] as? String, let query = object["text"] as? String else {
                throw EvidentError("\(path): line \(offset + 1): expected {\"_id\": ..., \"text\": ...}")
            }
            return (id, query)
        }
    }

    /// Runs the evaluation.
    public func run() throws -> Report {
        let judgments = try RelevanceJudgments(path: qrels)
        let queryList = try Self.readQueries(queries)
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let library = try Library(directory: directory, create: true)
        let started = Date()
        let plan = IngestPlan.make(paths: [corpus], format: .beir)
        let summary = try Ingestor(library: library).run(plan)
        if let problem = summary.errors.first { throw EvidentError("\(problem)") }
        var indexer = LibraryIndexer(library: library, schema: schema)
        indexer.buildsVocabulary = false
        try indexer.update()
        let indexSeconds = Date().timeIntervalSince(started)

        let snapshot = try LibraryIndexer.open(library, schema: schema)
        let prefix = BEIRImporter.collectionName(for: corpus) + ":"
        let keys = try library.database.read { db in
            try Dictionary(uniqueKeysWithValues: Int64.fetchAll(db, sql: "SELECT rowid FROM document").map { rowid in
                (rowid, try String.fetchOne(db, sql: "SELECT id FROM document WHERE rowid = ?", arguments: [rowid])!)
            })
        }
        let searchStart = Date()
        var runs: [String: [String: Double]] = [:]
        let parser = snapshot.parser
        for query in queryList where judgments.judgments[query.id] != nil {
            var run: [String: Double] = [:]
            for hit in snapshot.search(parser.parse(query.text), limit: depth) {
                run[String(keys[hit.key]!.dropFirst(prefix.count))] = hit.score
            }
            runs[query.id] = run
        }
        let searchSeconds = Date().timeIntervalSince(searchStart)
        return Report(
            corpus: corpus, documents: summary.counts.added + summary.counts.unchanged, queries: queryList.count,
            judgedQueries: runs.count, metrics: RankingMetrics.mean(runs: runs, judgments: judgments),
            indexSeconds: indexSeconds, searchSeconds: searchSeconds)
    }
}
