/// A question's modifier and its opposite before the same word: "primary prevention" and
/// "secondary prevention", "unprovoked seizure" and "provoked seizure", "upper GI" and "lower
/// GI". A line that says the opposite (and not what was asked) is about the other case.
struct OppositeModifiers: Sendable {
    /// Modifiers and their opposites, both ways.
    static let opposites: [String: [String]] = {
        let pairs = [("primary", "secondary"), ("unprovoked", "provoked"), ("upper", "lower"), ("first", "second"),
                     ("systolic", "diastolic"), ("proximal", "distal"), ("unilateral", "bilateral"), ("early", "late")]
        var table: [String: [String]] = [:]
        for (a, b) in pairs {
            table[a, default: []].append(b)
            table[b, default: []].append(a)
        }
        return table
    }()

    /// Words after which a modifier modifies nothing of its own ("first of all", "upper and lower").
    static let joiningWords: Set<String> = ["of", "the", "a", "an", "and", "or", "to", "in", "for", "with", "on", "at", "is", "are"]

    /// The phrases the question says ("primary prevention") with their opposites ("secondary prevention"), normalised.
    let phrases: [(asked: String, opposite: String)]

    /// The opposite phrases of a question's words side by side.
    init(question: String) {
        let words = LexiconText.words(question).map { $0.original.lowercased() }
        var phrases: [(String, String)] = []
        for index in words.indices.dropLast() {
            guard let opposites = Self.opposites[words[index]] else { continue }
            let next = words[index + 1]
            guard next.count >= 2, !Self.joiningWords.contains(next) else { continue }
            for opposite in opposites { phrases.append((words[index] + " " + next, opposite + " " + next)) }
        }
        self.phrases = phrases
    }

    /// True when normalised text (``IntentCues/normalized(_:)``) says an opposite of an asked
    /// phrase and not the asked modifier ("primary and secondary prevention" says both).
    func saysOpposite(_ normalized: String) -> Bool {
        phrases.contains { phrase in
            IntentCues.contains(normalized, cue: phrase.opposite + " ")
                && !IntentCues.contains(normalized, cue: String(phrase.asked.prefix { $0 != " " }) + " ")
        }
    }
}
