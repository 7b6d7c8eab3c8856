/// A question understood: its concepts and the part each plays, the asked attribute and its
/// details, the qualifiers, the spelling corrections made, and the words left over. Every part
/// reaches retrieval and selection; nothing of the question is thrown away.
public struct StructuredQuery: Codable, Sendable {
    /// A concept named in the question.
    public struct Mention: Codable, Sendable {
        /// What part a concept plays in the question.
        public enum Role: String, Codable, Sendable {
            /// What the question is about (one per question).
            case primary
            /// Another concept the answer must cover ("dabigatran" and "kidney disease").
            case key
            /// A concept that narrows the search but need not be covered (a drug class, a body part).
            case related
            /// A concept that only says something about the subject ("relapse", "emergency treatment").
            case modifier
            /// A population or setting, kept as a qualifier ("pregnancy", "child").
            case qualifier
            /// Outside medicine ("Mongolia", "commerce").
            case nonMedical = "non-medical"
        }

        public var concept: Concept
        /// The words as written.
        public var text: String
        public var role: Role
        /// True when it is in the question's own sentence (not only in the rest of a long message).
        public var inFocus: Bool
        /// Word positions in the (corrected) question.
        public var position: Int
        /// How specific it is in this library, 0 (every document uses its words) to 1 (none does).
        public var specificity: Double = 1
        /// True when the question says it is absent ("without diabetes", "no numbness").
        public var negated = false
        /// For a concept the question implies rather than names: what implies it ("blood
        /// pressure 150" for hypertension, "Hypertension in pregnancy" for gestational hypertension).
        public var inferredFrom: String?

        /// True for a common one-word subject that is neither a disease nor a drug ("iron",
        /// "tree", "pressure"): such a subject alone does not make evidence answer the question.
        public var isWeak: Bool {
            let categories = concept.categories
            return specificity < 0.5 && !text.contains(" ") && !categories.contains(.disease) && !categories.contains(.psychology)
                && !(categories.contains(.chemical) && !categories.contains(.drugClass) && specificity >= 0.35)
        }
    }

    /// A spelling correction.
    public struct Correction: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    /// The question as asked.
    public var question: String
    /// The sentence(s) that ask (all of it for a short question).
    public var focus: String
    /// The question with corrections applied (equal to `question` when none were made).
    public var corrected: String
    public var corrections: [Correction]
    public var mentions: [Mention]
    public var intent: Intent
    /// Other attributes the question also asks for ("what causes it and can it be treated").
    public var alsoAsked: [Intent]
    public var details: [AttributeDetail]
    public var qualifiers: [Qualifier]
    /// Content words no concept covers (they still join the search).
    public var otherWords: [String]
    /// The measure whose value is asked ("systolic" of "what systolic blood pressure should I
    /// aim for"), as a normalised word; nil when no value of a named measure is asked.
    public var measure: String?
    /// The guideline bodies the question names ("ACC", "AHA" of "under the ACC/AHA guideline"),
    /// upper case: what they say answers first.
    public var publishers: [String] = []

    /// The concept the question is about.
    public var primary: Mention? { mentions.first { $0.role == .primary } }

    /// Concepts the answer must cover: the primary one and the other key ones.
    public var required: [Mention] { mentions.filter { $0.role == .primary || $0.role == .key } }

    /// True when the question names something medical.
    public var isMedical: Bool { !required.isEmpty }

    /// The subject's name for headings ("Blepharospasm"): the condition asked about when there
    /// is one ("Treatment of Depression", not "Treatment of Sertraline"), else the primary concept.
    public var topicName: String {
        guard let name = topic?.concept.name else { return otherWords.isEmpty ? "the question" : otherWords.joined(separator: " ") }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The concept headings are named after: a condition when the question names one, else the primary.
    var topic: Mention? {
        let named = required.filter { !uncovered.contains($0.concept.id) }
        let condition = named.first { $0.role == .primary && $0.concept.categories.contains(.disease) }
            ?? named.first { $0.concept.categories.contains(.disease) || $0.concept.categories.contains(.psychology) }
        return condition ?? primary
    }

    /// Concepts of the question no evidence names: the answer is not titled after them ("Doses
    /// of Treatment for Croup" over dexamethasone lines from a guideline on brain tumours).
    var uncovered: Set<String> = []

    /// True when headings name a drug (or another chemical), whose harms and doses are its own.
    var topicIsDrug: Bool {
        topic?.concept.categories.isDrug ?? false
    }

    /// Pairs of the question's leftover words that stand side by side in it ("rate control" of
    /// "AF rate control 1st line"), normalised: a heading or line that says one says what was asked.
    ///
    /// A word that says which occasion ("first", "initial", "repeat") makes a pair with the
    /// leftover word after it, in either order: "at first assessment" asks what is done at
    /// first assessment.
    var otherWordPairs: [String] {
        let leftover = Set(otherWords.map { $0.lowercased() })
        let words = LexiconText.words(corrected)
        var phrases: [String] = []
        for (index, word) in words.enumerated().dropLast() where Self.occasionWords.contains(word.original.lowercased()) {
            let next = words[index + 1]
            // In either order: "a first unprovoked seizure" is "an unprovoked first seizure".
            if leftover.contains(next.original.lowercased()) {
                phrases += [word.original.lowercased() + " " + next.original.lowercased(), next.original.lowercased() + " " + word.original.lowercased()]
            }
        }
        guard leftover.count >= 2 else { return phrases }
        var run: [String] = []
        func close() {
            // Each pair of neighbours ("rate control 1st line" says "rate control").
            for index in run.indices.dropLast() {
                phrases.append(IntentCues.normalized(run[index] + " " + run[index + 1]).trimmingCharacters(in: .whitespaces))
            }
            run = []
        }
        for (index, word) in words.enumerated() {
            // Words separated by punctuation are no phrase ("rate, control").
            if index > 0, !run.isEmpty, words[index - 1].original.base[words[index - 1].range.upperBound..<word.range.lowerBound].contains(where: { $0 != " " }) { close() }
            if leftover.contains(word.original.lowercased()) { run.append(String(word.original)) } else { close() }
        }
        close()
        return phrases
    }

    /// Words that say on which occasion something is done; filler alone, a phrase with the word after them.
    static let occasionWords: Set<String> = ["first", "initial", "second", "repeat", "early", "late", "routine", "follow-up"]
}
