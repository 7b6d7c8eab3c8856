/// What `evident pubmed QUERY` did: the search, and the ingest and index update of its records
/// (the JSON shape of `evident pubmed --json`).
public struct PubMedReport: Codable, Sendable {
    /// The query as given.
    public var query: String
    /// How PubMed read it.
    public var translation: String?
    /// Records matching it in PubMed.
    public var found: Int
    /// Records requested from efetch.
    public var requested: Int
    /// PMIDs not requested because the library already held them (`ask --live`).
    public var alreadyInLibrary: Int
    /// The ingest of the fetched records (new, updated, unchanged, failed) and the index update.
    public var ingest: IngestReport
}
