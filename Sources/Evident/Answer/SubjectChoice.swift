/// A second look at what a question is about, with the library's evidence in hand.
///
/// The primary concept is chosen from the question alone (its kind, its place, how rare it is),
/// and a setting or a comorbidity can win: "post-MI" in "LDL goal post-MI … when to add
/// ezetimibe". Evidence about such a subject covers none of the rest of the question, while
/// evidence about a concept it missed covers more of it. The subject is the concept whose
/// evidence answers most of the question; on a tie, the first choice stays, unless it is a drug
/// and the other a disease.
enum SubjectChoice {
    /// How many other subjects are tried at most.
    static let alternativesTried = 2

    /// The question read with each required concept the evidence missed as its subject instead,
    /// the likeliest first: named in the asking sentence, a disease or a drug, the rarest.
    static func alternatives(_ query: StructuredQuery, missing: [StructuredQuery.Mention]) -> [StructuredQuery] {
        guard let primary = query.primary else { return [] }
        // A concept told only in the story of a long message is not the subject of its question.
        let candidates = missing.filter {
            $0.role == .key && !$0.negated && !$0.isWeak && $0.concept.id != primary.concept.id && ($0.inFocus || !primary.inFocus)
        }
        let ranked = candidates.sorted { likelihood($0) > likelihood($1) }
        return ranked.prefix(alternativesTried).map { candidate in
            var alternative = query
            var chosen = false
            for index in alternative.mentions.indices {
                if alternative.mentions[index].role == .primary { alternative.mentions[index].role = .key }
                if !chosen, alternative.mentions[index].concept.id == candidate.concept.id, alternative.mentions[index].role == .key {
                    alternative.mentions[index].role = .primary
                    chosen = true
                }
            }
            return alternative
        }
    }

    /// How likely a concept is the subject, from the question alone.
    private static func likelihood(_ mention: StructuredQuery.Mention) -> Double {
        let categories = mention.concept.categories
        var score = mention.inFocus ? 2.0 : 0
        if categories.contains(.disease) || categories.contains(.psychology) || categories.contains(.chemical) { score += 1 }
        return score + mention.specificity - 0.01 * Double(mention.position)
    }

    /// How much of the question the evidence found for one reading of it covers.
    struct Reading {
        /// The most required concepts one unit covers.
        var coverage = 0
        /// Whether a unit covering that many covers the subject chosen first.
        var coversFirst = false

        /// The reading of units scored against a query in which the first subject is required
        /// concept number `first` (as the selector numbers them).
        init(_ scored: [Tier: [ScoredUnit]], first: Int?) {
            for unit in scored.values.joined() {
                let covers = first.map { unit.covered.contains($0) } ?? false
                if unit.covered.count > coverage || unit.covered.count == coverage && covers && !coversFirst {
                    coverage = unit.covered.count
                    coversFirst = covers
                }
            }
        }

        /// More coverage, or as much and the first subject covered where the other does not; as
        /// much when `diseaseOverDrug` (this reading's subject is a disease, the other's a drug):
        /// a drug's lines on other diseases answer nothing on the one asked ("giant cell
        /// arteritis initial prednisone dose"), the disease's lines say how it is treated.
        func isBetter(than other: Reading, diseaseOverDrug: Bool = false) -> Bool {
            guard coverage == other.coverage else { return coverage > other.coverage }
            return coversFirst && !other.coversFirst || diseaseOverDrug && coverage > 0
        }
    }

    /// True when `alternative`'s subject is a disease and `current`'s a drug.
    static func isDiseaseOverDrug(_ alternative: StructuredQuery, current: StructuredQuery) -> Bool {
        (alternative.primary?.concept.categories.contains(.disease) ?? false) && (current.primary?.concept.categories.isDrug ?? false)
    }
}
