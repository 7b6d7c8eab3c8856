/// A cheap byte search that rules a passage out before it is analysed: the primary concept's
/// names' longest words (lower-case, first six letters) and its abbreviations as written. A
/// passage with none of them cannot name the concept (it may still be about it through a title).
struct SubjectNeedles {
    let lower: [String]
    let exact: [String]

    /// Needles for a primary concept; nil matches everything.
    init(_ primary: StructuredQuery.Mention?) {
        var lower: [String] = [], exact: [String] = []
        if let primary {
            for name in [primary.concept.name, primary.text] + primary.concept.synonyms {
                let words = LexiconText.words(name).map { $0.original.lowercased() }
                guard let longest = words.max(by: { $0.utf8.count < $1.utf8.count }) else { continue }
                if longest.utf8.count >= 4 {
                    lower.append(String(longest.prefix(6)))
                } else if MeSHTables.isAbbreviation(name) {
                    exact.append(name)
                } else {
                    lower.append(longest)
                }
            }
            exact += primary.concept.abbreviations
            if MeSHTables.isAbbreviation(primary.text) { exact.append(primary.text) }
        }
        self.lower = Array(Set(lower))
        self.exact = Array(Set(exact))
    }

    /// True when the text may name the concept (always true without needles).
    func mayMatch(_ text: String) -> Bool {
        guard !lower.isEmpty || !exact.isEmpty else { return true }
        if exact.contains(where: { text.containsBytes($0) }) { return true }
        let folded = IntentCues.normalized(text)
        return lower.contains { folded.containsBytes($0) }
    }
}
