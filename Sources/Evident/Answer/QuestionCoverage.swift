import EvidentSearch

/// Whether the evidence found is about the question at all, judged by the question's words
/// that no concept covers ("rust", "pan" in "remove rust from a cast iron pan").
///
/// A question that shares one medical word with the library ("iron") but is mostly about
/// something else finds passages about the medical word only, and none of them uses the
/// question's other words, which the library itself rarely uses. Such a question gets the
/// honest no-evidence answer, not statements about iron.
enum QuestionCoverage {
    /// A word used by at most this share of the library's documents is not its ordinary
    /// vocabulary ("rust", "laptop"; not "healthy" or "comorbidities").
    static let rareWordShare = 0.005

    /// The question's own words the evidence never uses, when they show the question is about
    /// something else; nil when the evidence is about the question.
    static func unrelatedWords(_ query: StructuredQuery, passages: [RetrievedPassage], snapshot: IndexSnapshot) -> [String]? {
        let analyzer = snapshot.analyzer
        let focus = query.focus.lowercased()
        let rareLimit = max(5, Int(Double(snapshot.liveDocuments) * rareWordShare))
        // The asking sentence's uncovered words the library knows (a word it has never seen is
        // shorthand or a typo, which says nothing about the topic), with their terms.
        let candidates: [(word: String, terms: Set<String>, rare: Bool)] = query.otherWords.filter { focus.contains($0) }.compactMap { word in
            let terms = Set(analyzer.terms(word, cache: snapshot.stems))
            let frequency = terms.map { snapshot.documentFrequency(term: $0) }.max() ?? 0
            return terms.isEmpty || frequency == 0 ? nil : (word, terms, frequency <= rareLimit)
        }
        let medicalWords = query.required.filter { $0.concept.categories.isMedical }
            .reduce(0) { $0 + LexiconText.words($1.text).count }
        let rare = candidates.filter(\.rare)
        guard rare.count >= 2, rare.count > medicalWords, rare.count * 2 > candidates.count else { return nil }
        var found = Array(repeating: false, count: rare.count)
        for retrieved in passages {
            let terms = Set(analyzer.terms((retrieved.passage.heading ?? "") + " " + retrieved.passage.text, cache: snapshot.stems))
            for index in rare.indices where !found[index] && !rare[index].terms.isDisjoint(with: terms) { found[index] = true }
        }
        let unrelated = rare.indices.filter { !found[$0] }.map { rare[$0].word }
        return unrelated.count >= 2 && unrelated.count > medicalWords && unrelated.count * 2 > candidates.count ? unrelated : nil
    }
}
