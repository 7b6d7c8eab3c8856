import Foundation
import Testing
@testable import EvidentSearch

@Suite("Ranking metrics")
struct RankingMetricsTests {
    @Test("per-query nDCG@10, Recall@100, MRR@10 and MAP equal pytrec_eval on a real SciFact run")
    func matchPytrecEval() throws {
        let judgments = try RelevanceJudgments(path: SearchTestData.path("scifact/qrels/train.tsv"))
        let queryText = try String(contentsOfFile: SearchTestData.path("scifact/queries.train.jsonl"), encoding: .utf8)
        var runs: [String: [String: Double]] = [:]
        for line in queryText.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let id = object["_id"] as! String
            guard judgments.judgments[id] != nil else { continue }
            // Rounded scores create ties, exercising trec_eval's tie order too.
            let hits = SciFactIndex.shared.search(object["text"] as! String, limit: 100)
            runs[id] = Dictionary(hits.map { (String($0.key), ($0.score * 10).rounded() / 10) }, uniquingKeysWith: max)
        }
        #expect(runs.count > 700)
        let payload = try JSONSerialization.data(withJSONObject: ["qrels": judgments.judgments, "run": runs])
        let script = """
            import sys, json, pytrec_eval
            data = json.load(sys.stdin)
            qrels, run = data['qrels'], data['run']
            full = pytrec_eval.RelevanceEvaluator(qrels, {'ndcg_cut_10', 'recall_100', 'map'}).evaluate(run)
            top10 = {q: dict(sorted(d.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)[:10]) for q, d in run.items()}
            rr = pytrec_eval.RelevanceEvaluator(qrels, {'recip_rank'}).evaluate(top10)
            print(json.dumps({q: [full[q]['ndcg_cut_10'], full[q]['recall_100'], rr[q]['recip_rank'], full[q]['map']] for q in full}))
            """
        let output = try SearchTestData.runPython(script, input: String(decoding: payload, as: UTF8.self))
        let reference = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: [Double]]
        #expect(reference.count == runs.count)
        var mismatches: [String] = []
        for (query, expected) in reference {
            let values = RankingMetrics.evaluate(run: runs[query]!, judgments: judgments.judgments[query]!)
            let actual = [values.ndcgAt10, values.recallAt100, values.mrrAt10, values.averagePrecision]
            if zip(actual, expected).contains(where: { abs($0 - $1) > 1e-9 }) { mismatches.append("\(query): \(actual) vs \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) queries differ: \(mismatches.prefix(5))")
    }

    @Test("graded relevance: gains are the grades and the ideal ranking is by grade")
    func graded() {
        let values = RankingMetrics.evaluate(run: ["a": 3, "b": 2, "c": 1], judgments: ["a": 1, "b": 2, "d": 2])
        let dcg = 1 / log2(2.0) + 2 / log2(3.0)
        let idcg = 2 / log2(2.0) + 2 / log2(3.0) + 1 / log2(4.0)
        #expect(abs(values.ndcgAt10 - dcg / idcg) < 1e-12)
        #expect(abs(values.recallAt100 - 2.0 / 3.0) < 1e-12)
        #expect(values.mrrAt10 == 1)
        #expect(abs(values.averagePrecision - (1 + 1) / 3.0) < 1e-12)
    }

    @Test("qrels lines with the wrong shape are reported by line")
    func badQrels() throws {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("qrels-\(UUID()).tsv")
        try "query-id\tcorpus-id\tscore\n1\t2\t1\n1\t3\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: RelevanceJudgments.ParseError.self) { try RelevanceJudgments(path: path) }
    }
}
