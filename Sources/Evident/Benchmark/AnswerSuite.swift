import Foundation

/// An answer-quality question suite (`bench/answers/suite.jsonl`): questions as clinicians and
/// patients ask them, each with the key facts an answer must state, statements it must not
/// make, the concept it must recognise, and whether the honest answer is "no evidence".
public struct AnswerSuite: Sendable {
    /// One question of the suite.
    public struct Question: Codable, Sendable {
        public var id: String
        public var question: String
        /// terse, full, abbreviation, misspelled, long-message, comparison, dose, threshold,
        /// timing, rare-disease, population, unanswerable, non-medical.
        public var shape: String
        /// The main concept that must be recognised (nil for non-medical questions).
        public var concept: String?
        /// Case-insensitive regular expressions; the answer must state at least one.
        public var facts: [String]
        /// Regular expressions no statement may match (known-wrong or off-topic statements).
        public var mustNot: [String]
        /// True when the honest answer is that the library has no evidence.
        public var abstain: Bool
        /// For abstentions: the concept the answer must name as missing.
        public var missing: String?
        /// Where the facts are (for reviewers).
        public var source: String?
    }

    public var questions: [Question]

    /// Reads a suite (one JSON object per line); a bad line is an error naming file and line.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw EvidentError("\(path): cannot read the question suite")
        }
        var questions: [Question] = []
        for (number, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let question = try JSONDecoder().decode(Question.self, from: Data(line.utf8))
                for pattern in question.facts + question.mustNot { _ = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) }
                questions.append(question)
            } catch {
                throw EvidentError("\(path): line \(number + 1): \(DecodingProblem.describe(error))")
            }
        }
        self.questions = questions
    }
}

/// Runs a suite against a composer and scores the answers: key fact found, lead states it,
/// known-wrong statements, honest abstentions, concept found, and time per answer.
public struct AnswerQualityBenchmark {
    /// The verdict on one question.
    public struct Outcome: Codable, Sendable {
        public var id: String
        public var shape: String
        public var abstainExpected: Bool
        public var answered: Bool
        public var factFound: Bool
        public var leadStatesFact: Bool
        public var wrongStatements: [String]
        public var honestAbstention: Bool
        public var conceptFound: Bool?
        public var milliseconds: Double
        /// The opening statement (for reading failures).
        public var lead: String?
    }

    /// Totals over the suite (shares of the questions each applies to).
    public struct Report: Codable, Sendable {
        public var questions: Int
        public var answerable: Int
        public var factFound: Double
        public var leadStatesFact: Double
        public var questionsWithWrongStatements: Int
        public var abstentionsExpected: Int
        public var honestAbstentions: Double
        /// Answerable questions wrongly answered "no evidence".
        public var falseAbstentions: Int
        public var conceptFound: Double
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        public var byShape: [String: [String: Double]]
        public var outcomes: [Outcome]
    }

    /// Answers every question and scores it.
    public static func run(_ suite: AnswerSuite, composer: AnswerComposer) throws -> Report {
        var outcomes: [Outcome] = []
        for question in suite.questions {
            let answer = try composer.answer(question.question)
            // The expected concept as the vocabulary knows it (its MeSH id), or by name.
            let expected = question.concept.flatMap { composer.vocabulary.bestConcept(forPhrase: LexiconText.key($0))?.concept }
            outcomes.append(score(question, answer, expected: expected))
        }
        return report(outcomes)
    }

    /// Scores one answer.
    static func score(_ question: AnswerSuite.Question, _ answer: Answer, expected: Concept?) -> Outcome {
        func matches(_ patterns: [String], _ text: String) -> Bool {
            patterns.contains { pattern in
                guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
                return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            }
        }
        func full(_ statement: Answer.Statement) -> String {
            ([statement.label ?? "", statement.text] + (statement.items ?? [])).joined(separator: " ")
        }
        let statements = answer.allStatements
        let lead = answer.guidelines.summary.first ?? answer.guidelines.sections.first?.statements.first ?? answer.research.sections.first?.statements.first
        let answered = answer.message == nil && !statements.isEmpty
        let wrong = statements.map(full).filter { matches(question.mustNot, $0) }
        var honest = false
        if question.abstain {
            let said = ([answer.message ?? ""] + answer.notes).joined(separator: " ").lowercased()
            honest = (answer.message != nil || statements.isEmpty) && (question.missing.map { said.contains($0.lowercased()) } ?? true)
        }
        var conceptFound: Bool?
        if let concept = question.concept {
            conceptFound = answer.topics.contains { topic in
                topic.label.caseInsensitiveCompare(concept) == .orderedSame || (expected != nil && (topic.meshId == expected!.id || topic.label == expected!.name))
            }
        }
        return Outcome(
            id: question.id, shape: question.shape, abstainExpected: question.abstain, answered: answered,
            factFound: !question.abstain && statements.contains { matches(question.facts, full($0)) },
            leadStatesFact: !question.abstain && lead.map { matches(question.facts, full($0)) } == true,
            wrongStatements: wrong, honestAbstention: honest, conceptFound: conceptFound, milliseconds: answer.elapsedMs,
            lead: lead.map(full))
    }

    /// Totals, overall and by shape.
    static func report(_ outcomes: [Outcome]) -> Report {
        func share(_ subset: [Outcome], _ test: (Outcome) -> Bool) -> Double {
            subset.isEmpty ? 0 : Double(subset.filter(test).count) / Double(subset.count)
        }
        let answerable = outcomes.filter { !$0.abstainExpected }
        let abstentions = outcomes.filter(\.abstainExpected)
        let withConcept = outcomes.filter { $0.conceptFound != nil }
        let times = outcomes.map(\.milliseconds).sorted()
        var byShape: [String: [String: Double]] = [:]
        for shape in Set(outcomes.map(\.shape)) {
            let subset = outcomes.filter { $0.shape == shape }
            let answerableSubset = subset.filter { !$0.abstainExpected }
            var row: [String: Double] = ["questions": Double(subset.count)]
            if !answerableSubset.isEmpty {
                row["factFound"] = share(answerableSubset, \.factFound)
                row["leadStatesFact"] = share(answerableSubset, \.leadStatesFact)
            }
            if subset.contains(where: \.abstainExpected) { row["honestAbstentions"] = share(subset.filter(\.abstainExpected), \.honestAbstention) }
            row["wrong"] = Double(subset.filter { !$0.wrongStatements.isEmpty }.count)
            byShape[shape] = row
        }
        return Report(
            questions: outcomes.count, answerable: answerable.count,
            factFound: share(answerable, \.factFound), leadStatesFact: share(answerable, \.leadStatesFact),
            questionsWithWrongStatements: outcomes.filter { !$0.wrongStatements.isEmpty }.count,
            abstentionsExpected: abstentions.count, honestAbstentions: share(abstentions, \.honestAbstention),
            falseAbstentions: answerable.filter { !$0.answered }.count,
            conceptFound: share(withConcept) { $0.conceptFound == true },
            p50Milliseconds: times.isEmpty ? 0 : times[times.count / 2], p99Milliseconds: percentile(times, 0.99),
            byShape: byShape, outcomes: outcomes)
    }
}
