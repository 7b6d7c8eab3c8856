import Foundation

extension Engine {
    /// Searches PubMed with `client`, stores the records found (only those the library lacks
    /// when `onlyNew`), then brings the index up to date. Throws ``PubMedError`` when PubMed
    /// cannot be used (records stored before the failure stay) and ``EngineError`` when the
    /// library cannot be written.
    public func ingestPubMed(
        _ search: PubMedSearch, client: EUtilitiesClient, onlyNew: Bool = false,
        onIssue: @escaping (ImportIssue) -> Void = { _ in },
        onProgress: (PubMedFetchIngest.Progress) -> Void = { _ in },
        onIndexProgress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> PubMedReport {
        let outcome: PubMedFetchIngest.Outcome
        do {
            outcome = try await PubMedFetchIngest(client: client, library: library).run(search, onlyNew: onlyNew, onIssue: onIssue, onProgress: onProgress)
        } catch let error as PubMedError {
            try? updateIndexAfterPartialFetch()
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw EngineError.failed("writing to the library at \(library.directory) failed: \(error). Everything committed before this point is kept; run the same command again to finish.")
        }
        do {
            try library.recordPubMedQuery(search.term, found: outcome.found, fetched: outcome.requested)
        } catch {
            throw EngineError.failed("recording the query in \(library.directory) failed: \(error)")
        }
        let index = try updateIndex(progress: onIndexProgress)
        return PubMedReport(
            query: search.term, translation: outcome.translation, found: outcome.found, requested: outcome.requested,
            alreadyInLibrary: outcome.alreadyHeld, ingest: IngestReport(summary: outcome.summary, library: library.directory, index: index))
    }

    /// Indexes what a fetch stored before it failed, so that it is searchable.
    private func updateIndexAfterPartialFetch() throws {
        defer { lookForNewCommit() }
        _ = try LibraryIndexer(library: library).update()
    }

    /// Brings the index up to date after PubMed records were stored.
    func updateIndex(progress: (Int, Int) -> Void = { _, _ in }) throws(EngineError) -> LibraryIndexer.Summary {
        defer { lookForNewCommit() }
        do {
            return try LibraryIndexer(library: library).update(progress: progress)
        } catch {
            throw .failed("updating the index in \(library.directory)/index failed: \(error). The library itself is intact; run `evident index` to finish.")
        }
    }
}
