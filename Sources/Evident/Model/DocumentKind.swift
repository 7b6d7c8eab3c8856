/// What sort of publication a document is, ordered roughly by strength of evidence.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    case practiceGuideline = "practice guideline"
    case guidelineSummary = "guideline summary"
    case agencyPage = "agency page"
    case systematicReview = "systematic review"
    case metaAnalysis = "meta-analysis"
    case randomizedTrial = "randomized trial"
    case clinicalTrial = "clinical trial"
    case observationalStudy = "observational study"
    case review = "review"
    case caseReport = "case report"
    case commentary = "commentary"
    case journalArticle = "journal article"

    /// The tier a document of this kind belongs to when its source does not say.
    public var defaultTier: Tier {
        switch self {
        case .practiceGuideline, .guidelineSummary, .agencyPage: .guideline
        default: .research
        }
    }

    /// Chooses the strongest kind named by a list of PubMed publication types.
    ///
    /// PubMed lists several types per record ("Journal Article", "Review", "Meta-Analysis");
    /// the most specific, highest-evidence one wins.
    public static func fromPublicationTypes<S: Sequence>(_ types: S) -> DocumentKind where S.Element == String {
        var best: DocumentKind = .journalArticle
        for raw in types {
            guard let kind = publicationTypeKinds[raw.lowercased()] else { continue }
            if kind.rank < best.rank { best = kind }
        }
        return best
    }

    /// Lower is stronger evidence (used to break ties between publication types).
    var rank: Int { DocumentKind.allCases.firstIndex(of: self)! }

    private static let publicationTypeKinds: [String: DocumentKind] = [
        "practice guideline": .practiceGuideline,
        "guideline": .practiceGuideline,
        "consensus development conference": .practiceGuideline,
        "consensus development conference, nih": .practiceGuideline,
        "systematic review": .systematicReview,
        "meta-analysis": .metaAnalysis,
        "randomized controlled trial": .randomizedTrial,
        "pragmatic clinical trial": .randomizedTrial,
        "equivalence trial": .randomizedTrial,
        "clinical trial": .clinicalTrial,
        "clinical trial, phase i": .clinicalTrial,
        "clinical trial, phase ii": .clinicalTrial,
        "clinical trial, phase iii": .clinicalTrial,
        "clinical trial, phase iv": .clinicalTrial,
        "controlled clinical trial": .clinicalTrial,
        "multicenter study": .observationalStudy,
        "observational study": .observationalStudy,
        "comparative study": .observationalStudy,
        "evaluation study": .observationalStudy,
        "validation study": .observationalStudy,
        "review": .review,
        "scoping review": .review,
        "case reports": .caseReport,
        "comment": .commentary,
        "editorial": .commentary,
        "letter": .commentary,
        "news": .commentary,
    ]
}
