import EvidentSearch

/// What a question is about: its topics (MeSH concepts, else its content words), its intent, and
/// the query that retrieves evidence for it.
public struct QuestionAnalysis: Sendable {
    public var question: String
    public var intent: Intent
    public var topics: [Answer.Topic]
    /// The topic as a heading word ("Blepharospasm").
    public var topicLabel: String
    /// Query text: the topic words and their synonyms.
    public var queryText: String
    /// One group per topic (its words and synonyms); without MeSH topics, one per content word.
    public var topicGroups: [Set<String>]
    /// How many groups a sentence or title must touch to be on topic: one for MeSH topics, a
    /// majority of the content words otherwise (so "change a bicycle tyre" is not about "change").
    public var requiredGroups: Int
    /// Per MeSH topic, its names as word sequences: a text is about the topic only if it contains
    /// one of them whole ("diabetic" alone is not "diabetic ketoacidosis"). Empty without MeSH topics.
    public var topicPhrases: [[[String]]]

    /// Words for deciding what a text is about, as a set: lower-case, unstemmed (stemming would
    /// make "pancreatic" count as "pancreatitis"), singular; see ``phraseWords(_:)``.
    public static func topicWords(_ text: String) -> Set<String> {
        Set(phraseWords(text))
    }

    /// A word without a plain plural "s" ("fractures" → "fracture"; "pancreatitis", "virus", "loss" unchanged).
    static func singular(_ word: String) -> String {
        word.count > 4 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is") ? String(word.dropLast()) : word
    }

    /// A text's words in order, lower-case, with a plain plural "s" removed. Hyphenated compounds
    /// stay one word: "osteoporosis-pseudoglioma syndrome" is not about osteoporosis.
    public static func phraseWords(_ text: String) -> [String] {
        MeSHVocabulary.words(text, keepingHyphens: true).map(singular)
    }

    /// Words of a question that are neither topic nor content: greetings, question words, intent cues.
    static let fillerWords: Set<String> = [
        "hi", "hello", "dear", "doctor", "thanks", "thank", "please", "i", "my", "me", "we", "our", "you", "your", "im",
        "what", "which", "who", "whom", "why", "how", "when", "where", "do", "does", "did", "is", "are", "was", "were",
        "can", "could", "should", "would", "will", "may", "might", "have", "has", "had", "be", "been", "the", "a", "an",
        "of", "for", "to", "in", "on", "and", "or", "with", "about", "tell", "know", "want", "need", "help", "get",
        "causes", "cause", "caused", "treat", "treatment", "treated", "treatments", "symptoms", "symptom", "signs",
        "diagnosis", "diagnosed", "prognosis", "outlook", "prevent", "prevention", "risk", "risks", "factors", "it",
        "this", "that", "there", "any", "some", "best", "way", "ways", "options", "recommended", "side", "effects",
        "dose", "dosage", "common", "gets", "much", "often", "long", "mean", "means", "define", "explain", "vs", "versus",
        "years", "old", "year", "since", "been", "having", "lot", "very", "really", "also", "so", "just", "like", "am",
        "question", "wondering", "worried", "concerned", "recently", "diagnosis", "mechanism", "genetic", "inherited",
    ]

    /// Analyzes a question (MeSH vocabulary optional: without it, content words are the topic).
    public init(question: String, vocabulary: MeSHVocabulary?, analyzer: Analyzer) {
        self.question = question
        intent = Intent.detect(in: question)
        var topics: [Answer.Topic] = []
        var texts: [String] = []
        var synonyms: [String] = []
        var groups: [Set<String>] = []
        var phrases: [[[String]]] = []
        if let vocabulary {
            var seen = Set<Int>()
            for match in vocabulary.concepts(in: question) where seen.insert(match.descriptorIndex).inserted {
                let descriptor = vocabulary.descriptors[match.descriptorIndex]
                topics.append(Answer.Topic(label: descriptor.name, meshId: descriptor.id))
                texts.append(match.text)
                let names = vocabulary.synonyms(of: match.descriptorIndex)
                synonyms += names
                groups.append(Self.topicWords(([match.text] + names).joined(separator: " ")))
                phrases.append(([match.text] + names).map(Self.phraseWords).filter { !$0.isEmpty })
            }
        }
        var required = 1
        if topics.isEmpty {
            let words = MeSHVocabulary.words(question).filter { !Self.fillerWords.contains($0) && !analyzer.stopWords.contains($0) && $0.count > 2 }
            if !words.isEmpty {
                texts = words
                topics = [Answer.Topic(label: words.joined(separator: " "), meshId: nil)]
                groups = words.map { Self.topicWords($0) }.filter { !$0.isEmpty }
                required = groups.count / 2 + 1
            }
        }
        groups = groups.map { $0.subtracting(Self.fillerWords).subtracting(analyzer.stopWords) }.filter { !$0.isEmpty }
        topicGroups = groups
        requiredGroups = required
        topicPhrases = phrases
        self.topics = topics
        topicLabel = topics.first.map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() } ?? "the question"
        queryText = (texts + synonyms).joined(separator: " ")
    }
}
