import ArgumentParser
import Evident
import Foundation

/// `evident eval`: retrieval quality on a BEIR dataset.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure retrieval quality on a BEIR dataset (nDCG@10, Recall@100, MRR@10, MAP).",
        discussion: """
            Indexes the corpus in a temporary library, runs every judged query, and prints the \
            mean metrics with trec_eval's definitions (graded relevance supported).

            Example:
              evident eval --corpus ../shared/data/scifact/corpus.jsonl \\
                           --queries ../shared/data/scifact/queries.train.jsonl \\
                           --qrels ../shared/data/scifact/qrels/train.tsv
            """
    )

    @Option(name: .long, help: ArgumentHelp("BEIR corpus.jsonl.", valueName: "file"))
    var corpus: String

    @Option(name: .long, help: ArgumentHelp("BEIR queries.jsonl.", valueName: "file"))
    var queries: String

    @Option(name: .long, help: ArgumentHelp("Relevance judgements (BEIR qrels TSV or TREC qrels).", valueName: "file"))
    var qrels: String

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("BM25 k1 (experiments; the library uses its own).", visibility: .hidden))
    var k1: Double?

    @Option(name: .long, help: ArgumentHelp("BM25F b for every field (experiments).", visibility: .hidden))
    var b: Double?

    @Option(name: .long, help: ArgumentHelp("Title weight (experiments).", visibility: .hidden))
    var titleWeight: Double?

    func run() throws {
        for path in [corpus, queries, qrels] where !FileManager.default.fileExists(atPath: path) {
            Terminal.printError("\(path): no such file")
            throw ExitCode(ExitStatus.partialFailure)
        }
        let report: BEIREvaluation.Report
        do {
            var evaluation = BEIREvaluation(corpus: corpus, queries: queries, qrels: qrels)
            if let k1 { evaluation.schema.k1 = k1 }
            if let b { for index in evaluation.schema.fields.indices { evaluation.schema.fields[index].b = b } }
            if let titleWeight { evaluation.schema.fields[0].weight = titleWeight }
            report = try evaluation.run()
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.partialFailure)
        }
        if json {
            try Terminal.printJSON(report)
            return
        }
        print("""
            corpus        \(report.corpus) (\(Terminal.number(report.documents)) documents)
            queries       \(Terminal.number(report.judgedQueries)) judged of \(Terminal.number(report.queries))
            nDCG@10       \(String(format: "%.4f", report.metrics.ndcgAt10))
            Recall@100    \(String(format: "%.4f", report.metrics.recallAt100))
            MRR@10        \(String(format: "%.4f", report.metrics.mrrAt10))
            MAP           \(String(format: "%.4f", report.metrics.averagePrecision))
            index         \(String(format: "%.2f", report.indexSeconds)) s (ingest + index)
            search        \(String(format: "%.2f", report.searchSeconds)) s (\(String(format: "%.2f", report.searchSeconds * 1000 / Double(max(1, report.judgedQueries)))) ms/query, top 1000)
            """)
    }
}
