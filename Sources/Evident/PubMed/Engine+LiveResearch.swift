import Foundation
import Logging

/// What `ask --live` fetched before answering.
public struct LiveResearchOutcome: Sendable {
    /// PubMed queries run now.
    public var queriesRun: [String] = []
    /// Queries not repeated because they ran within the time to live.
    public var queriesRecent: [String] = []
    /// Records stored (new to the library).
    public var added = 0
    /// One line when PubMed could not be used; the answer then comes from the library as it is.
    public var warning: String?
}

extension Engine {
    /// Before answering `question` live: runs the PubMed searches its understanding gives
    /// (``LivePubMedQuery``), except those run within `timeToLive`, and stores the best records
    /// the library lacks (at most `maximum` in all). Never throws: without network (or on any
    /// failure) the outcome carries a one-line warning and the library is as it was.
    public func fetchLiveResearch(for question: String, client: EUtilitiesClient, maximum: Int = 20, timeToLive: TimeInterval = 7 * 86_400, now: Date = Date()) async -> LiveResearchOutcome {
        var outcome = LiveResearchOutcome()
        let logger = Logger(label: "evident.pubmed.live")
        // The question is remembered too: once its records are in, the library understands it
        // with new words, and its queries change; the question itself is not asked again.
        let asked = "ask --live: " + question.lowercased().collapsingWhitespace
        do {
            if let ran = try library.pubMedQueryRan(asked), now.timeIntervalSince(ran) < timeToLive {
                outcome.queriesRecent.append(asked)
                return outcome
            }
            guard let live = LivePubMedQuery(try understand(question), maximum: maximum, now: now) else {
                logger.info("live: the question names nothing to search PubMed for")
                return outcome
            }
            for var search in live.searches {
                guard outcome.added < maximum else { break }
                if let ran = try library.pubMedQueryRan(search.term), now.timeIntervalSince(ran) < timeToLive {
                    outcome.queriesRecent.append(search.term)
                    continue
                }
                search.maximum = maximum - outcome.added
                let report = try await ingestPubMed(search, client: client, onlyNew: true, onIssue: { issue in logger.warning("\(issue)") })
                outcome.queriesRun.append(search.term)
                outcome.added += report.ingest.added
            }
            try library.recordPubMedQuery(asked, found: outcome.added, fetched: outcome.added, at: now)
        } catch let error as PubMedError {
            outcome.warning = "live PubMed search failed (\(error)); answering from the library as it is"
        } catch {
            outcome.warning = "live PubMed search failed (\(error)); answering from the library as it is"
        }
        return outcome
    }
}
