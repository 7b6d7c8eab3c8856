/// What one ingest did: the records stored, failed and passed over, and the index update after
/// it. The JSON shape of `evident ingest --json`.
public struct IngestReport: Codable, Sendable {
    public var library: String
    public var files: Int
    public var filesSkipped: Int
    public var added: Int
    public var updated: Int
    public var deleted: Int
    public var unchanged: Int
    public var skipped: Int
    public var failed: Int
    public var seconds: Double
    public var documentsPerSecond: Double
    /// One per failed record or file, naming the file, the record and the problem.
    public var errors: [ImportIssue]
    /// Problems read around; the records were stored (an unknown HTML entity kept as written).
    public var warnings: [ImportIssue]
    /// The index update that followed.
    public var index: LibraryIndexer.Summary?

    /// The report of an ingest into the library at `library`.
    public init(summary: IngestSummary, library: String, index: LibraryIndexer.Summary? = nil) {
        self.library = library
        files = summary.files
        filesSkipped = summary.filesSkipped
        added = summary.counts.added
        updated = summary.counts.updated
        deleted = summary.counts.deleted
        unchanged = summary.counts.unchanged
        skipped = summary.counts.skipped
        failed = summary.counts.failed
        seconds = (summary.seconds * 1000).rounded() / 1000
        documentsPerSecond = summary.documentsPerSecond.rounded()
        errors = summary.errors
        warnings = summary.warnings
        self.index = index
    }
}
