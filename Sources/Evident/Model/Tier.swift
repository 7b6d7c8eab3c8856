/// The evidence tier of a document: guideline-tier sources are cited before research.
public enum Tier: String, Codable, Sendable, CaseIterable, Comparable {
    /// Practice guidelines, agency and institute pages, guideline summaries.
    case guideline
    /// Primary and secondary research: abstracts and full-text articles.
    case research

    /// Guidelines sort before research.
    public static func < (lhs: Tier, rhs: Tier) -> Bool {
        lhs == .guideline && rhs == .research
    }
}
