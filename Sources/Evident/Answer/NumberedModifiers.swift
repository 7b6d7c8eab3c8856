/// A question's numbered modifiers: "stage 1 hypertension", "type 2 diabetes", "step 3"
/// of asthma treatment. A line that names the same stage answers it; a line on another stage
/// ("Stage 2 Hypertension: >= 140") and not on the asked one is about the other case.
struct NumberedModifiers: Sendable {
    /// Words a number after which picks one of a disease's or a treatment's ordered forms.
    /// ("Class" and "grade" also rate recommendations, "level" evidence: they are left out.)
    static let words: Set<String> = ["stage", "type", "step", "phase", "category", "tier"]

    /// Roman numerals as digits ("stage iii" is "stage 3").
    static let romanNumerals: [String: String] = ["i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"]

    /// The asked (word, number) pairs, the number as digits ("3a" stays "3a").
    let asked: [(word: String, number: String)]

    /// The numbered modifiers of a question.
    init(question: String) {
        asked = Self.pairs(in: LexiconText.words(question))
    }

    /// The (word, number) pairs of `words`.
    static func pairs(in words: [LexiconText.Word]) -> [(word: String, number: String)] {
        var pairs: [(String, String)] = []
        for index in words.indices.dropLast() where Self.words.contains(words[index].key) {
            if let number = number(words[index + 1].key) { pairs.append((words[index].key, number)) }
        }
        return pairs
    }

    /// A stage's number: 1 to 2 digits with an optional letter ("3a"), or a Roman numeral.
    static func number(_ key: String) -> String? {
        if let roman = romanNumerals[key] { return roman }
        let digits = key.prefix { $0.isNumber }
        guard (1...2).contains(digits.count), key.count - digits.count <= 1 else { return nil }
        return key
    }

    /// Whether words say an asked stage (true), only another stage of the same word (false),
    /// or neither (nil).
    func verdict(_ words: [LexiconText.Word]) -> Bool? {
        guard !asked.isEmpty else { return nil }
        let said = Self.pairs(in: words)
        guard !said.isEmpty else { return nil }
        if said.contains(where: { pair in asked.contains { $0.word == pair.word && $0.number == pair.number } }) { return true }
        if said.contains(where: { pair in asked.contains { $0.word == pair.word } }) { return false }
        return nil
    }
}
