/// The question's own words and their negations: a question on a man "who smoked" is not
/// answered by a line on men "who have never smoked" or on "non-smokers"; one on "uncomplicated
/// UTI" not by a line on "complicated UTI". A line that says a word only negated (or, for a word
/// the question negates by its prefix, only without it) is about the other case.
struct NegatedWords: Sendable {
    /// Words before a word that negate it ("never smoked", "non-smoker"). Not "no" or "not":
    /// "no treatment is needed" answers a question on treatment.
    static let negations: Set<String> = ["never", "non"]
    /// Prefixes that negate a word written as one ("nonsmoker", "unvaccinated", "uncomplicated").
    static let negatingPrefixes = ["non", "un"]
    /// The shortest word weighed (shorter words are too often parts of names).
    static let shortestWord = 5

    /// The question's words that a line may say only in their negation (stems, ``WordForms/stem(_:)``).
    let asked: [String]
    /// The question's words negated by their own prefix ("uncomplicated") and the word without
    /// it ("complicated"): a line that says only the bare word is about the other case.
    let prefixed: [(asked: String, bare: String)]

    /// The words of a question.
    init(question: String) {
        let words = LexiconText.words(question).map(\.key)
        var asked: [String] = []
        var prefixed: [(String, String)] = []
        for (index, word) in words.enumerated() where word.utf8.count >= Self.shortestWord && word.allSatisfy(\.isLetter) && !QuestionWords.isFiller(word) {
            // A word the question itself negates ("never smoked") asks about the negation.
            if index > 0, Self.negations.contains(words[index - 1]) { continue }
            let stem = WordForms.stem(word)
            if let prefix = Self.negatingPrefixes.first(where: { word.hasPrefix($0) }), word.utf8.count - prefix.utf8.count >= Self.shortestWord {
                prefixed.append((stem, WordForms.stem(String(word.dropFirst(prefix.count)))))
            } else if !asked.contains(stem) {
                asked.append(stem)
            }
        }
        self.asked = asked
        self.prefixed = prefixed
        needles = asked + prefixed.map(\.1)
    }

    /// The stems a line must contain for any of its words to be weighed.
    private let needles: [String]

    /// True when the question has words a line could negate.
    var isEmpty: Bool { asked.isEmpty && prefixed.isEmpty }

    /// True when a line's words say an asked word only negated, or an asked prefixed word only bare.
    func saysOnlyTheNegation(_ words: [LexiconText.Word]) -> Bool {
        guard !isEmpty else { return false }
        // Cheap test first: most lines say none of the words weighed, in any form.
        guard words.contains(where: { word in needles.contains { word.key.containsBytes($0) } }) else { return false }
        let keys = words.map(\.key)
        let stems = keys.map(WordForms.stem)
        // The stems of words written with a negating prefix ("nonsmokers": "smoke").
        let unprefixed: [String?] = keys.map { key in
            Self.negatingPrefixes.first { key.hasPrefix($0) && key.utf8.count - $0.utf8.count >= Self.shortestWord }.map { WordForms.stem(String(key.dropFirst($0.count))) }
        }
        for word in asked {
            var affirmed = false, negated = false
            for position in keys.indices {
                if stems[position] == word {
                    if position > 0, Self.negations.contains(keys[position - 1]) { negated = true } else { affirmed = true }
                } else if unprefixed[position] == word {
                    negated = true
                }
            }
            if negated && !affirmed { return true }
        }
        for pair in prefixed where !stems.contains(pair.asked) {
            // The bare word, not itself negated ("non-complicated" says the asked case).
            if keys.indices.contains(where: { stems[$0] == pair.bare && unprefixed[$0] == nil && ($0 == 0 || !Self.negations.contains(keys[$0 - 1])) }) { return true }
        }
        return false
    }
}
