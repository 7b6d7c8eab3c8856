import EvidentSearch
import Foundation

/// The counts behind the aspect classifier: how often each stemmed term occurs in sentences of
/// each aspect. Trained on MedQuAD's answers, whose question types label thousands of real
/// sentences (causes, treatment, symptoms, …); shipped with Evident as a package resource
/// (`Resources/aspect-model.tsv`), so no library needs MedQuAD to answer.
public struct AspectCounts: Sendable, Equatable {
    /// The aspects, in model order.
    public var classes: [Intent]
    /// Training sentences per class.
    public var sentences: [Int]
    /// Term → occurrences per class.
    public var terms: [String: [Int]]

    /// One labelled sentence.
    public struct Example: Sendable {
        public var terms: [String]
        public var aspect: Intent
        /// The page it came from (pages are kept whole on one side of a train/test split).
        public var group: Int64
    }

    /// Counts terms of labelled sentences.
    public static func train(_ examples: [Example]) -> AspectCounts {
        let classes = Array(Set(examples.map(\.aspect))).sorted { $0.rawValue < $1.rawValue }
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var sentences = [Int](repeating: 0, count: classes.count)
        var terms: [String: [Int]] = [:]
        for example in examples {
            let label = position[example.aspect]!
            sentences[label] += 1
            for term in example.terms { terms[term, default: [Int](repeating: 0, count: classes.count)][label] += 1 }
        }
        return AspectCounts(classes: classes, sentences: sentences, terms: terms)
    }

    /// The counts as a tab-separated table, dropping terms seen fewer than `minimum` times.
    public func tsv(minimum: Int = 3, header: String) -> String {
        var lines = header.split(separator: "\n").map { "# " + $0 }
        lines.append((["classes"] + classes.map(\.rawValue)).joined(separator: "\t"))
        lines.append((["sentences"] + sentences.map(String.init)).joined(separator: "\t"))
        for (term, counts) in terms.sorted(by: { $0.key < $1.key }) where counts.reduce(0, +) >= minimum {
            lines.append(([term] + counts.map(String.init)).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a table written by ``tsv(minimum:header:)``.
    public init(tsv: String, source: String) throws {
        var classes: [Intent] = [], sentences: [Int] = [], terms: [String: [Int]] = [:]
        for (number, line) in tsv.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map(String.init)
            guard let first = fields.first else { continue }
            switch first {
            case "classes":
                classes = try fields.dropFirst().map { name in
                    guard let intent = Intent(rawValue: name) else { throw EvidentError("\(source): line \(number + 1): unknown aspect '\(name)'") }
                    return intent
                }
            case "sentences": sentences = fields.dropFirst().compactMap { Int($0) }
            default:
                let counts = fields.dropFirst().compactMap { Int($0) }
                guard counts.count == classes.count, !classes.isEmpty else { throw EvidentError("\(source): line \(number + 1): expected a term and \(classes.count) counts") }
                terms[first] = counts
            }
        }
        guard !classes.isEmpty, sentences.count == classes.count else { throw EvidentError("\(source): missing the classes or sentences line") }
        self.init(classes: classes, sentences: sentences, terms: terms)
    }

    /// Creates counts.
    public init(classes: [Intent], sentences: [Int], terms: [String: [Int]]) {
        self.classes = classes
        self.sentences = sentences
        self.terms = terms
    }

    /// The counts shipped with Evident (trained on MedQuAD; see the file's header).
    public static func bundled() throws -> AspectCounts {
        guard let url = Bundle.module.url(forResource: "aspect-model", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw EvidentError("the aspect model resource (aspect-model.tsv) is missing from this build of Evident")
        }
        return try AspectCounts(tsv: text, source: url.path)
    }
}

/// Assigns a sentence to an aspect (causes, treatment, symptoms, …): multinomial naive Bayes
/// over stemmed terms with add-one smoothing, from ``AspectCounts``. Held in memory (training,
/// evaluation) or read in place from a compiled vocabulary file.
public final class AspectClassifier: @unchecked Sendable {
    /// The aspects the model knows, in model order.
    public let classes: [Intent]
    let logPriors: [Double]
    let unseenLogLikelihoods: [Double]
    private let memory: [String: [Float]]
    private let mapped: (table: MappedHashTable, likelihoods: UnsafeBufferPointer<Float>, file: MappedSectionFile)?

    /// A model computed from counts, held in memory.
    public init(counts: AspectCounts) {
        let (priors, unseen, likelihoods) = Self.parameters(counts)
        classes = counts.classes
        logPriors = priors
        unseenLogLikelihoods = unseen
        memory = likelihoods
        mapped = nil
    }

    /// The model stored in a compiled file by ``write(_:into:)``, or nil if it has none.
    init?(file: MappedSectionFile) {
        guard file.has("m.meta"), let meta = try? JSONDecoder().decode([String: [Double]].self, from: Data(file.bytes("m.meta"))),
              let codes = meta["classes"], let priors = meta["priors"], let unseen = meta["unseen"] else { return nil }
        classes = codes.compactMap { Intent.allCases.indices.contains(Int($0)) ? Intent.allCases[Int($0)] : nil }
        guard classes.count == priors.count else { return nil }
        logPriors = priors
        unseenLogLikelihoods = unseen
        memory = [:]
        mapped = (MappedHashTable(file, prefix: "m"), file.floats("m.ll"), file)
    }

    private static func parameters(_ counts: AspectCounts) -> ([Double], [Double], [String: [Float]]) {
        let vocabulary = Double(counts.terms.count)
        var totals = [Int](repeating: 0, count: counts.classes.count)
        for perClass in counts.terms.values { for (index, count) in perClass.enumerated() { totals[index] += count } }
        let all = Double(max(1, counts.sentences.reduce(0, +)))
        let likelihoods = counts.terms.mapValues { perClass in
            perClass.enumerated().map { Float(log((Double($1) + 1) / (Double(totals[$0]) + vocabulary))) }
        }
        return (counts.sentences.map { log(Double(max($0, 1)) / all) }, totals.map { log(1 / (Double($0) + vocabulary)) }, likelihoods)
    }

    /// Adds the model's sections to a compiled file.
    static func write(_ counts: AspectCounts, into file: inout SectionFileWriter) {
        let (priors, unseen, likelihoods) = parameters(counts)
        var table = HashTableBuilder()
        var rows: [Float] = []
        for (row, (term, values)) in likelihoods.sorted(by: { $0.key < $1.key }).enumerated() {
            table.append(term, [UInt32(row)])
            rows += values
        }
        table.write(into: &file, prefix: "m")
        file.add("m.ll", rows)
        let codes = counts.classes.map { Double(Intent.allCases.firstIndex(of: $0)!) }
        file.add("m.meta", Array((try? JSONEncoder().encode(["classes": codes, "priors": priors, "unseen": unseen])) ?? Data()))
    }

    /// Log-likelihoods of a term per class, if the model knows it.
    private func likelihoods(_ term: String) -> [Float]? {
        if let mapped {
            guard let row = mapped.table.lookup(term).first else { return nil }
            let start = Int(row) * classes.count
            guard start + classes.count <= mapped.likelihoods.count else { return nil }
            return Array(mapped.likelihoods[start..<(start + classes.count)])
        }
        return memory[term]
    }

    /// Class probabilities for a sentence's terms (softmax of the log posteriors).
    public func probabilities(_ terms: [String]) -> [Intent: Double] {
        var scores = logPriors
        for term in terms {
            if let likelihood = likelihoods(term) {
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

    /// The most probable aspect of a sentence and its probability.
    public func classify(_ terms: [String]) -> (aspect: Intent, confidence: Double) {
        let probabilities = probabilities(terms)
        // Equal probabilities fall to the aspect first by name, not to the dictionary's order.
        guard let best = probabilities.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue }) else { return (.definition, 0) }
        return (best.key, best.value)
    }

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
    public static func evaluate(_ examples: [AspectCounts.Example]) -> Evaluation {
        let training = examples.filter { $0.group % 5 != 0 }
        let testing = examples.filter { $0.group % 5 == 0 }
        let model = AspectClassifier(counts: .train(training))
        var correct = 0
        var perAspect: [String: [Int]] = [:]
        for example in testing {
            let hit = model.classify(example.terms).aspect == example.aspect
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
