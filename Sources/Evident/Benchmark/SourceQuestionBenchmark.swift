import Foundation

/// Asks the library's own MedQuAD questions — each NIH page's questions ("What causes X?") —
/// and checks that the answer cites the page the question came from; also with the question
/// lower-cased, with one word misspelled, and embedded in a three-sentence message.
///
/// A question whose page answers it with nothing a statement could quote (Genetics Home
/// Reference answers every "What are the treatments for X?" with a list of links) is not
/// counted: an answer citing that page would be citing its links. Such questions are counted apart.
public struct SourceQuestionBenchmark {
    /// The ways a question is put.
    public enum Variant: String, Codable, Sendable, CaseIterable {
        case original, lowercased, misspelled, message
    }

    /// Results of one variant.
    public struct Row: Codable, Sendable {
        public var variant: Variant
        /// The questions asked (those whose page has answer text).
        public var questions: Int
        /// The sampled questions not asked because their page's answer has nothing to quote.
        public var withoutAnswerText: [Unasked]
        /// Share of answers that cite the question's page.
        public var citesPage: Double
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        /// The questions whose answer did not cite their page.
        public var missed: [Miss]
    }

    /// A question not asked because its page's answer has nothing to quote.
    public struct Unasked: Codable, Sendable {
        public var question: String
        public var documentId: String
        /// The start of the page's answer.
        public var pageAnswer: String
    }

    /// A question whose answer did not cite its page, and what the answer cited or said.
    public struct Miss: Codable, Sendable {
        public var question: String
        public var documentId: String
        /// The topics the answer found.
        public var topics: [String]
        /// The documents it cited instead (first five), or its no-evidence message.
        public var answered: [String]
    }

    /// The question put in one of the ways.
    public static func variant(_ variant: Variant, of question: String) -> String {
        switch variant {
        case .original: return question
        case .lowercased: return question.lowercased()
        case .misspelled:
            // The longest word of six letters or more, its third and fourth letters swapped.
            var words = question.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard let index = words.indices.filter({ words[$0].count >= 6 && words[$0].allSatisfy(\.isLetter) }).max(by: { words[$0].count < words[$1].count }) else { return question }
            var letters = Array(words[index])
            letters.swapAt(2, 3)
            words[index] = String(letters)
            return words.joined(separator: " ")
        case .message:
            return "Hello, I am writing on behalf of my family and we are a bit worried. \(question) Thank you for any help you can give us."
        }
    }

    /// Runs `questions` (every `stride`-th of the library's, for a sample) through `composer`.
    public static func run(composer: AnswerComposer, questions sampled: [SourceQuestion], variants: [Variant] = Variant.allCases,
                           progress: (Int, Int) -> Void = { _, _ in }) throws -> [Row] {
        var questions: [SourceQuestion] = [], unasked: [Unasked] = []
        for source in sampled {
            if composer.hasQuotableText(ownAnswer: source.pageAnswer, kind: .agencyPage, tier: .guideline) {
                questions.append(source)
            } else {
                unasked.append(Unasked(question: source.question, documentId: source.documentId, pageAnswer: String(source.pageAnswer.prefix(160))))
            }
        }
        var rows: [Row] = []
        var done = 0
        for variant in variants {
            var cited = 0
            var times: [Double] = []
            var missed: [Miss] = []
            for source in questions {
                let (question, documentId) = (source.question, source.documentId)
                let asked = Self.variant(variant, of: question)
                let answer = try composer.answer(asked)
                if answer.references.contains(where: { $0.documentId == documentId }) {
                    cited += 1
                } else {
                    missed.append(Miss(question: asked, documentId: documentId, topics: answer.topics.map(\.label),
                                       answered: answer.message.map { [$0] } ?? answer.references.prefix(5).map { "\($0.documentId) \($0.title ?? "")" }))
                }
                times.append(answer.elapsedMs)
                done += 1
                if done % 50 == 0 { progress(done, questions.count * variants.count) }
            }
            times.sort()
            rows.append(Row(variant: variant, questions: questions.count, withoutAnswerText: unasked, citesPage: questions.isEmpty ? 0 : Double(cited) / Double(questions.count),
                            p50Milliseconds: times.isEmpty ? 0 : times[times.count / 2], p99Milliseconds: percentile(times, 0.99), missed: missed))
        }
        return rows
    }
}

/// A question of a source page, the page, and the page's own answer to it.
public struct SourceQuestion: Sendable {
    public var question: String
    public var documentId: String
    /// The page's answer (its passage's text).
    public var pageAnswer: String

    public init(question: String, documentId: String, pageAnswer: String) {
        self.question = question
        self.documentId = documentId
        self.pageAnswer = pageAnswer
    }
}
