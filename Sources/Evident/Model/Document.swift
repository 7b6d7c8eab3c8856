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
    /// A guideline's status as its source words it: "current release; updates a previous
    /// version; reaffirmed 2019 Jan" (NGC summaries); nil elsewhere.
    public var status: String?
    /// A guideline's release date as its source writes it, with any revision or reaffirmation:
    /// "2016 May 10", "2011 Jan (revised 2016 Mar; reaffirmed 2019)"; nil elsewhere.
    public var released: String?
    /// PMIDs of the PubMed records a guideline summary cites (its own PMID excluded), in
    /// numeric order; empty elsewhere. Stored in the `guideline_citation` table.
    public var citedPMIDs: [String]

    /// Creates a document; list fields default to empty.
    public init(
        id: String, tier: Tier, kind: DocumentKind, title: String? = nil, authors: [String] = [],
        source: String? = nil, year: Int? = nil, pmid: String? = nil, doi: String? = nil,
        pmcid: String? = nil, url: String? = nil, meshTerms: [String] = [], keywords: [String] = [],
        publicationTypes: [String] = [], version: Int = 1, revised: String? = nil,
        passages: [Passage] = [], status: String? = nil, released: String? = nil, citedPMIDs: [String] = []
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
        self.status = status
        self.released = released
        self.citedPMIDs = citedPMIDs
    }
}
