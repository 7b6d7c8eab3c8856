import Foundation

/// Retrieval metrics with trec_eval's definitions (as pytrec_eval computes them).
///
/// A run is ranked by decreasing score, ties by decreasing document id (trec_eval's order).
/// Graded relevance is used as the gain in nDCG; a document is relevant when its grade is ≥ 1.
public enum RankingMetrics {
    /// Metric values for one query.
    public struct Values: Codable, Sendable, Equatable {
        public var ndcgAt10: Double
        public var recallAt100: Double
        public var mrrAt10: Double
        public var averagePrecision: Double
    }

    /// Orders a run the way trec_eval does.
    public static func ranked(_ run: [String: Double]) -> [String] {
        run.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.map(\.key)
    }

    /// Metrics for one query's run against its judgements.
    public static func evaluate(run: [String: Double], judgments: [String: Int]) -> Values {
        let ranking = ranked(run)
        let relevantCount = judgments.values.filter { $0 > 0 }.count
        // nDCG@10 (trec_eval ndcg_cut_10: gain = grade, discount log2(rank + 1)).
        var dcg = 0.0
        for (index, document) in ranking.prefix(10).enumerated() {
            let grade = judgments[document] ?? 0
            if grade > 0 { dcg += Double(grade) / log2(Double(index + 2)) }
        }
        let ideal = judgments.values.filter { $0 > 0 }.sorted(by: >).prefix(10)
        let idcg = ideal.enumerated().reduce(0.0) { $0 + Double($1.element) / log2(Double($1.offset + 2)) }
        // Recall@100.
        let found = ranking.prefix(100).filter { (judgments[$0] ?? 0) > 0 }.count
        // Reciprocal rank of the first relevant document in the top 10.
        let firstRelevant = ranking.prefix(10).firstIndex { (judgments[$0] ?? 0) > 0 }
        // Average precision over the whole run.
        var hits = 0
        var precisionSum = 0.0
        for (index, document) in ranking.enumerated() where (judgments[document] ?? 0) > 0 {
            hits += 1
            precisionSum += Double(hits) / Double(index + 1)
        }
        return Values(
            ndcgAt10: idcg > 0 ? dcg / idcg : 0,
            recallAt100: relevantCount > 0 ? Double(found) / Double(relevantCount) : 0,
            mrrAt10: firstRelevant.map { 1 / Double($0 + 1) } ?? 0,
            averagePrecision: relevantCount > 0 ? precisionSum / Double(relevantCount) : 0)
    }

    /// Mean of each metric over the judged queries (a judged query without results counts as 0).
    public static func mean(runs: [String: [String: Double]], judgments: RelevanceJudgments) -> Values {
        let queries = judgments.judgments.keys.filter { judgments.judgments[$0]!.values.contains { $0 > 0 } }
        guard !queries.isEmpty else { return Values(ndcgAt10: 0, recallAt100: 0, mrrAt10: 0, averagePrecision: 0) }
        var total = Values(ndcgAt10: 0, recallAt100: 0, mrrAt10: 0, averagePrecision: 0)
        for query in queries {
            let values = evaluate(run: runs[query] ?? [:], judgments: judgments.judgments[query]!)
            total.ndcgAt10 += values.ndcgAt10
            total.recallAt100 += values.recallAt100
            total.mrrAt10 += values.mrrAt10
            total.averagePrecision += values.averagePrecision
        }
        let count = Double(queries.count)
        return Values(ndcgAt10: total.ndcgAt10 / count, recallAt100: total.recallAt100 / count,
                      mrrAt10: total.mrrAt10 / count, averagePrecision: total.averagePrecision / count)
    }
}
