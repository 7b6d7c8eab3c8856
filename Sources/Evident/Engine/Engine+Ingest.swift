extension Engine {
    /// Progress callbacks of ``ingest(_:format:batchSize:onIssue:onProgress:onIndexProgress:)``.
    public typealias IngestProgress = (Ingestor.Progress) -> Void

    /// Reads source files into the library, then brings the index up to date; readers (this
    /// engine included) see the new documents once the index commits. Bad records are reported
    /// through `onIssue` and in the report; everything valid is stored.
    public func ingest(
        _ paths: [String], format: SourceFormat? = nil, batchSize: Int = 2_000,
        onIssue: (ImportIssue) -> Void = { _ in },
        onProgress: IngestProgress = { _ in },
        onIndexProgress: (Int, Int) -> Void = { _, _ in }
    ) throws(EngineError) -> IngestReport {
        guard batchSize > 0 else { throw .invalidRequest("the batch size must be positive") }
        let summary: IngestSummary
        do {
            summary = try Ingestor(library: library, batchSize: batchSize).run(IngestPlan.make(paths: paths, format: format), onIssue: onIssue, onProgress: onProgress)
        } catch {
            throw .failed("writing to the library at \(library.directory) failed: \(error). Everything committed before this point is kept; run the same command again to finish.")
        }
        do {
            let index = try LibraryIndexer(library: library).update(progress: onIndexProgress)
            return IngestReport(summary: summary, library: library.directory, index: index)
        } catch {
            throw .failed("updating the index in \(library.directory)/index failed: \(error). The library itself is intact; run `evident index` to finish.")
        }
    }
}
