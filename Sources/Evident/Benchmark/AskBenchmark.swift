import Foundation

/// Measures `ask` latency over a question set on a warm process (the vocabulary, index and aspect
/// model loaded once, as a server would), reporting p50 and p99.
public struct AskBenchmark {
    /// Questions covering the intents and shapes the composer handles (terse, full, long).
    public static let questions = [
        "What causes blepharospasm?", "blepharospasm causes", "How is gout treated?", "gout flare treatment",
        "What are the symptoms of Parkinson's disease?", "What is the outlook for amyotrophic lateral sclerosis?",
        "How is acute pancreatitis managed?", "Does vitamin D supplementation prevent fractures?",
        "What are the side effects of allopurinol?", "Is asthma inherited?", "How common is celiac disease?",
        "How is heart failure diagnosed?", "What is atrial fibrillation?", "How can osteoporosis be prevented?",
        "Hi, my son was just diagnosed with asthma. What treatments are there and will he grow out of it?",
        "What is the dose of colchicine for a gout flare?", "What causes chronic kidney disease?",
        "treatment of community-acquired pneumonia", "What are the risk factors for stroke?",
        "How do I change a bicycle tyre?",
    ]

    /// The measurements.
    public struct Report: Codable, Sendable {
        public var questions: Int
        public var rounds: Int
        public var setupMilliseconds: Double
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        public var meanStatements: Double
    }

    /// Runs every question `rounds` times with `composer` (the best round per question is kept).
    public static func run(composer: AnswerComposer, setupMilliseconds: Double, rounds: Int = 3) throws -> Report {
        var best = [Double](repeating: .infinity, count: questions.count)
        var statements = 0
        for round in 0..<rounds {
            for (index, question) in questions.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                let answer = try composer.answer(question)
                best[index] = min(best[index], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                if round == 0 { statements += answer.allStatements.count }
            }
        }
        let sorted = best.sorted()
        return Report(
            questions: questions.count, rounds: rounds, setupMilliseconds: setupMilliseconds,
            p50Milliseconds: sorted[sorted.count / 2], p99Milliseconds: percentile(sorted, 0.99),
            meanStatements: Double(statements) / Double(questions.count))
    }
}
