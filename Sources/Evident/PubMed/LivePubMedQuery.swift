import Foundation

/// The PubMed searches `ask --live` runs for an understood question, best first: a focused one
/// (the question's concepts as MeSH terms and text words, the asked attribute as a filter, the
/// last ten years), then a broad one (the subject alone, any year) for what the first leaves.
public struct LivePubMedQuery: Sendable, Equatable {
    /// The searches, in the order they are run.
    public var searches: [PubMedSearch]

    /// Years the focused search looks back.
    public static let recentYears = 10

    /// The searches for `query`, at most `maximum` records each; nil when the question names
    /// nothing to search for.
    public init?(_ query: StructuredQuery, maximum: Int, now: Date = Date()) {
        let concepts = query.mentions.filter { ($0.role == .primary || $0.role == .key) && !$0.negated }
        var clauses = concepts.map(Self.clause)
        if clauses.isEmpty {
            clauses = query.otherWords.filter { $0.count > 2 }.prefix(4).map { "\(Self.quoted($0))[tiab]" }
        }
        guard !clauses.isEmpty else { return nil }
        let all = Self.conjunction(clauses)
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        var searches: [PubMedSearch] = []
        if let filter = Self.filter(for: query.intent) {
            searches.append(PubMedSearch(term: "(\(all)) AND \(filter)", maximum: maximum, since: String(year - Self.recentYears)))
        }
        // Then wider: the subject alone when it is known, else every concept, any year.
        let subject = query.primary.flatMap { primary in concepts.contains { $0.concept.id == primary.concept.id } ? Self.clause(primary) : nil } ?? all
        searches.append(PubMedSearch(term: subject, maximum: maximum))
        self.searches = searches
    }

    private static func conjunction(_ clauses: [String]) -> String {
        clauses.count == 1 ? clauses[0] : clauses.map { "(\($0))" }.joined(separator: " AND ")
    }

    /// One concept: its MeSH heading (descriptor or supplementary concept) or'd with its words.
    static func clause(_ mention: StructuredQuery.Mention) -> String {
        var parts: [String] = []
        let concept = mention.concept
        if concept.isMeSH {
            parts.append("\(quoted(concept.name))[\(concept.id.hasPrefix("C") ? "nm" : "mh")]")
        }
        var words: [String] = []
        for name in [concept.name, mention.text] where !words.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
            words.append(name)
        }
        parts += words.map { "\(quoted($0))[tiab]" }
        return parts.joined(separator: " OR ")
    }

    /// A phrase in double quotes (PubMed has no escape for a quote inside one: it is dropped).
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "").lowercased() + "\""
    }

    /// The asked attribute as a PubMed filter: for treatment, the evidence clinicians weigh first.
    static func filter(for intent: Intent) -> String? {
        switch intent {
        case .treatment, .comparison:
            "(systematic review[pt] OR meta-analysis[pt] OR randomized controlled trial[pt] OR practice guideline[pt] OR guideline[pt])"
        case .causes: "(etiology[sh] OR risk factors[mh])"
        case .mechanism: "(physiopathology[sh] OR etiology[sh])"
        case .symptoms: "(diagnosis[sh] OR signs and symptoms[mh])"
        case .diagnosis: "(diagnosis[sh] OR sensitivity and specificity[mh])"
        case .prognosis: "(prognosis[mh] OR mortality[sh])"
        case .prevention: "(prevention and control[sh])"
        case .epidemiology: "(epidemiology[sh] OR prevalence[mh] OR incidence[mh])"
        case .adverseEffects: "(adverse effects[sh] OR chemically induced[sh])"
        case .dosing: "(administration and dosage[sh])"
        case .genetics: "(genetics[sh])"
        case .definition: nil
        }
    }
}
