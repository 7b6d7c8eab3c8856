import EvidentSearch

/// Which meaning of an abbreviation a question uses, from the company it keeps: "SBP" is
/// systolic blood pressure in most of the library, but in "cirrhotic with ascites – what ascitic
/// PMN count diagnoses SBP?" it is spontaneous bacterial peritonitis, because the library's
/// documents on peritonitis speak of ascites and cirrhosis far more often than those on blood
/// pressure do.
///
/// For each meaning, the share of the documents naming it that also name one of the question's
/// other concepts; a less common meaning replaces the usual one only when its share is several
/// times higher and it is seen with them in a few documents at least.
struct AbbreviationSense {
    let vocabulary: Vocabulary
    let snapshot: IndexSnapshot

    /// The meanings weighed, the usual one first.
    static let meaningsWeighed = 4
    /// Documents a meaning must share with the question's other concepts to be chosen.
    static let fewestShared = 3
    /// How many times the usual meaning's share another meaning's must be.
    static let preference = 3.0
    /// Documents counted at most (enough to compare shares).
    static let counted = 2_000

    /// `links` with each abbreviation read in the meaning its neighbours in the question favour.
    func resolve(_ links: [Vocabulary.Mention]) -> [Vocabulary.Mention] {
        guard links.contains(where: \.byAbbreviation) else { return links }
        // The question's other concepts, each by the rarest word of its name.
        let context = links.filter { !$0.byAbbreviation }.compactMap { rarestTerm(of: $0.concept.name) }
        guard !context.isEmpty else { return links }
        return links.map { link in
            guard link.byAbbreviation else { return link }
            let meanings = Array(vocabulary.concepts(forAbbreviation: link.text.uppercased()).prefix(Self.meaningsWeighed))
            guard meanings.count >= 2, let usual = meanings.first, usual.id == link.concept.id else { return link }
            let usualShare = share(of: usual, with: context).rate
            var best: (concept: Concept, rate: Double)?
            for meaning in meanings.dropFirst() {
                let (shared, rate) = share(of: meaning, with: context)
                guard shared >= Self.fewestShared, rate >= usualShare * Self.preference, rate > (best?.rate ?? 0) else { continue }
                best = (meaning, rate)
            }
            guard let best else { return link }
            AnswerComposer.logger.debug("\(link.text) read as \(best.concept.name), not \(usual.name): its documents name the question's other concepts \(String(format: "%.2f", best.rate)) of the time, against \(String(format: "%.2f", usualShare))")
            var chosen = link
            chosen.concept = best.concept
            return chosen
        }
    }

    /// The rarest indexed word of a name.
    private func rarestTerm(of name: String) -> String? {
        snapshot.analyzer.terms(name, cache: snapshot.stems).filter { snapshot.documentFrequency(term: $0) > 0 }
            .min { snapshot.documentFrequency(term: $0) < snapshot.documentFrequency(term: $1) }
    }

    /// How many documents name a meaning together with one of the context words (the most for
    /// any one of them), and what share of the documents naming the meaning that is.
    private func share(of meaning: Concept, with context: [String]) -> (shared: Int, rate: Double) {
        let terms = Array(Set(snapshot.analyzer.terms(meaning.name, cache: snapshot.stems)))
        guard !terms.isEmpty else { return (0, 0) }
        // Documents with every word of the name: counted when few, else estimated from above by
        // the rarest word's count (a common meaning's share is small either way).
        let rarest = terms.map { snapshot.documentFrequency(term: $0) }.min() ?? 0
        var all = SearchQuery()
        all.required = terms
        let naming = terms.count == 1 || rarest > Self.counted ? rarest : snapshot.search(all, limit: Self.counted).count
        guard naming > 0 else { return (0, 0) }
        var shared = 0
        for word in context where !terms.contains(word) {
            var query = SearchQuery()
            query.required = terms + [word]
            shared = max(shared, snapshot.search(query, limit: Self.counted).count)
        }
        return (shared, Double(shared) / Double(naming))
    }
}
