import EvidentSearch
import Foundation
import GRDB

/// Assigns a sentence to an aspect (causes, treatment, symptoms, …): a multinomial naive Bayes
/// model over stemmed terms, trained on MedQuAD's answers, whose question types label thousands
/// of real sentences. Aspects MedQuAD does not label (mechanism, adverse effects, dosing) come
/// from cue phrases.
public struct AspectClassifier: Codable, Sendable {
    /// The aspects the model knows, in model order.
    public let classes: [Intent]
    let logPriors: [Double]
    /// Term → log P(term | class) per class.
    let termLogLikelihoods: [String: [Float]]
    /// log P(unseen term | class) per class (add-one smoothing).
    let unseenLogLikelihoods: [Double]
    /// Sentences (lower-cased) that recur on many different pages: site boilerplate, not evidence.
    public var boilerplate: Set<String> = []

    /// MedQuAD question types and the aspect their answers illustrate.
    public static let questionTypes: [String: Intent] = [
        "causes": .causes, "susceptibility": .causes, "symptoms": .symptoms, "exams and tests": .diagnosis,
        "treatment": .treatment, "outlook": .prognosis, "complications": .prognosis, "prevention": .prevention,
        "frequency": .epidemiology, "inheritance": .genetics, "genetic changes": .genetics, "information": .definition,
    ]

    /// One labelled sentence.
    public struct Example: Sendable {
        public var terms: [String]
        public var aspect: Intent
        /// The page it came from (pages are kept whole on one side of a train/test split).
        public var group: Int64
    }

    /// Trains on examples (add-one smoothing).
    public static func train(_ examples: [Example]) -> AspectClassifier {
        let classes = Array(Set(examples.map(\.aspect))).sorted { $0.rawValue < $1.rawValue }
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var documentCounts = [Int](repeating: 0, count: classes.count)
        var termTotals = [Int](repeating: 0, count: classes.count)
        var counts: [String: [Int]] = [:]
        for example in examples {
            let label = position[example.aspect]!
            documentCounts[label] += 1
            for term in example.terms {
                counts[term, default: [Int](repeating: 0, count: classes.count)][label] += 1
                termTotals[label] += 1
            }
        }
        let vocabulary = Double(counts.count)
        let total = Double(examples.count)
        let likelihoods = counts.mapValues { perClass in
            perClass.enumerated().map { Float(log((Double($1) + 1) / (Double(termTotals[$0]) + vocabulary))) }
        }
        return AspectClassifier(
            classes: classes,
            logPriors: documentCounts.map { log(Double(max($0, 1)) / total) },
            termLogLikelihoods: likelihoods,
            unseenLogLikelihoods: termTotals.map { log(1 / (Double($0) + vocabulary)) })
    }

    /// Class probabilities for a sentence's terms (softmax of the log posteriors).
    public func probabilities(_ terms: [String]) -> [Intent: Double] {
        var scores = logPriors
        for term in terms {
            if let likelihood = termLogLikelihoods[term] {
                for index in scores.indices { scores[index] += Double(likelihood[index]) }
            } else {
                for index in scores.indices { scores[index] += unseenLogLikelihoods[index] }
            }
        }
        let best = scores.max() ?? 0
        let exponentials = scores.map { exp($0 - best) }
        let sum = exponentials.reduce(0, +)
        return Dictionary(uniqueKeysWithValues: zip(classes, exponentials.map { $0 / sum }))
    }

    /// The aspect of a sentence: a cue-phrase aspect (mechanism, adverse effects, dosing) when its
    /// text says so, else the model's most probable class.
    public func classify(text: String, terms: [String]) -> (aspect: Intent, confidence: Double) {
        let lower = " " + text.lowercased()
        for (aspect, cues) in Self.cueAspects where cues.contains(where: { lower.contains($0) }) { return (aspect, 1) }
        let probabilities = probabilities(terms)
        let best = probabilities.max { $0.value < $1.value }!
        return (best.key, best.value)
    }

    static let cueAspects: [(Intent, [String])] = [
        (.adverseEffects, [" side effect", " adverse event", " adverse effect", " adverse reaction", " toxicity"]),
        (.dosing, [" mg/kg", " mg per", " mg orally", " mg daily", " mg twice", " dose of ", " dosage", " dosing "]),
        (.mechanism, [" pathophysiolog", " pathogenesis", " mechanism"]),
    ]

    /// Accuracy of a model trained on `training`, measured on `testing`, overall and per aspect.
    public struct Evaluation: Codable, Sendable {
        public var trainingSentences: Int
        public var testSentences: Int
        public var accuracy: Double
        /// Per aspect: (correct, total) in the test set.
        public var perAspect: [String: [Int]]
        /// The share of test sentences in the most frequent aspect (the accuracy of always guessing it).
        public var majorityBaseline: Double
    }

    /// Trains on four fifths of the pages and tests on the rest (pages kept whole).
    public static func evaluate(_ examples: [Example]) -> Evaluation {
        let training = examples.filter { $0.group % 5 != 0 }
        let testing = examples.filter { $0.group % 5 == 0 }
        let model = train(training)
        var correct = 0
        var perAspect: [String: [Int]] = [:]
        for example in testing {
            let predicted = model.probabilities(example.terms).max { $0.value < $1.value }?.key
            let hit = predicted == example.aspect
            if hit { correct += 1 }
            perAspect[example.aspect.rawValue, default: [0, 0]][0] += hit ? 1 : 0
            perAspect[example.aspect.rawValue, default: [0, 0]][1] += 1
        }
        let majority = perAspect.values.map { $0[1] }.max() ?? 0
        return Evaluation(
            trainingSentences: training.count, testSentences: testing.count,
            accuracy: testing.isEmpty ? 0 : Double(correct) / Double(testing.count), perAspect: perAspect,
            majorityBaseline: testing.isEmpty ? 0 : Double(majority) / Double(testing.count))
    }
}

extension Library {
    /// Sentences (lower-cased) that appear on MedQuAD pages about at least `topics` different
    /// subjects (page titles): site boilerplate such as "You can use the MedlinePlus Medical
    /// Dictionary…". A sentence repeated by several institutes' pages on one disease is kept.
    public func boilerplateSentences(minimumTopics topics: Int = 5) throws -> Set<String> {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT lower(COALESCE(d.title, d.id)) AS topic, p.text AS text FROM passage p
                JOIN document d ON d.rowid = p.documentRowid
                WHERE d.id LIKE 'medquad:%' AND d.deleted = 0
                """)
            var seen: [String: Set<String>] = [:]
            while let row = try rows.next() {
                let topic: String = row["topic"]
                for sentence in SentenceSplitter.sentences(row["text"] as String) {
                    let key = sentence.lowercased()
                    if seen[key]?.count ?? 0 < topics { seen[key, default: []].insert(topic) }
                }
            }
            return Set(seen.filter { $0.value.count >= topics }.keys)
        }
    }

    /// Sentences of the library's MedQuAD answers, labelled by their question type's aspect.
    public func aspectExamples(analyzer: Analyzer = Analyzer()) throws -> [AspectClassifier.Example] {
        let cache = StemCache()
        return try database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.documentRowid AS page, p.label AS label, p.text AS text FROM passage p
                JOIN document d ON d.rowid = p.documentRowid
                WHERE d.id LIKE 'medquad:%' AND d.deleted = 0
                """)
            var examples: [AspectClassifier.Example] = []
            while let row = try rows.next() {
                guard let label = row["label"] as String?, let aspect = AspectClassifier.questionTypes[label] else { continue }
                let text: String = row["text"]
                for sentence in SentenceSplitter.sentences(text) {
                    let terms = analyzer.terms(String(sentence), cache: cache)
                    if terms.count >= 3 { examples.append(.init(terms: terms, aspect: aspect, group: row["page"])) }
                }
            }
            return examples
        }
    }

    /// Where the trained aspect model is kept.
    var aspectModelPath: String { (directory as NSString).appendingPathComponent("aspects.json") }

    /// Trains the aspect model on the library's MedQuAD answers, saves it, and reports held-out accuracy.
    @discardableResult
    public func trainAspectModel() throws -> AspectClassifier.Evaluation {
        let examples = try aspectExamples()
        guard !examples.isEmpty else {
            throw EvidentError("no MedQuAD answers in \(directory): ingest ../shared/data/medquad to train the aspect model")
        }
        let evaluation = AspectClassifier.evaluate(examples)
        var model = AspectClassifier.train(examples)
        model.boilerplate = try boilerplateSentences()
        try JSONEncoder().encode(model).write(to: URL(fileURLWithPath: aspectModelPath), options: .atomic)
        return evaluation
    }

    /// The saved aspect model, trained now if there is none yet.
    public func aspectModel() throws -> AspectClassifier {
        if let data = FileManager.default.contents(atPath: aspectModelPath), let model = try? JSONDecoder().decode(AspectClassifier.self, from: data) {
            return model
        }
        try trainAspectModel()
        return try JSONDecoder().decode(AspectClassifier.self, from: Data(contentsOf: URL(fileURLWithPath: aspectModelPath)))
    }
}
