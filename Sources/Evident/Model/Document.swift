/// One source in the library: an abstract, an article, a guideline, an institute page.
public struct Document: Codable, Sendable, Hashable {
    /// Stable identifier: `pmid:12345`, `pmc:PMC123`, `doi:10.1/x`, `medquad:NINDS-0000043`, ...
    public var id: String
    public var tier: Tier
    public var kind: DocumentKind
    public var title: String?
    /// Author names as "Last FM" (or the organization for institutional documents).
    public var authors: [String]
    /// Journal title for articles, issuing organization for guidelines and agency pages.
    public var source: String?
    public var year: Int?
    public var pmid: String?
    public var doi: String?
    public var pmcid: String?
    public var url: String?
    public var meshTerms: [String]
    public var keywords: [String]
    /// Publication types as PubMed lists them (empty for other sources).
    public var publicationTypes: [String]
    /// Record version: PubMed's PMID Version; 1 elsewhere.
    public var version: Int
    /// Last revision date as `YYYY-MM-DD` where the source gives one (PubMed DateRevised).
    public var revised: String?
    public var passages: [Passage]

    /// Creates a document; list fields default to empty.
    public init(
        id: String, tier: Tier, kind: DocumentKind, title: String? = nil, authors: [String] = [],
        source: String? = nil, year: Int? = nil, pmid: String? = nil, doi: String? = nil,
        pmcid: String? = nil, url: String? = nil, meshTerms: [String] = [], keywords: [String] = [],
        publicationTypes: [String] = [], version: Int = 1, revised: String? = nil,
        passages: [Passage] = []
    ) {
        self.id = id
        self.tier = tier
        self.kind = kind
        self.title = title
        self.authors = authors
        self.source = source
        self.year = year
        self.pmid = pmid
        self.doi = doi
        self.pmcid = pmcid
        self.url = url
        self.meshTerms = meshTerms
        self.keywords = keywords
        self.publicationTypes = publicationTypes
        self.version = version
        self.revised = revised
        self.passages = passages
    }
}
