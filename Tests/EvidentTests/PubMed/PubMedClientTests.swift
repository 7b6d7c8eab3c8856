import Foundation
import Testing
@testable import Evident

/// The E-utilities client against the loopback fixture server: both esearch formats, the
/// history server, the rate limit, retries (429 with Retry-After, 500, a stall past the
/// timeout), clear errors, and efetch batches stored through the PubMed XML importer.
@Suite struct PubMedClientTests {
    /// A client for the fixture at `base`, with short backoff waits (the tests' time is CI's)
    /// and a long timeout: in the parallel suite the fixture server's handlers may wait long
    /// for a thread (a whole minute while other suites ingest on two cores), and only the
    /// stall test means to time out.
    static func configuration(_ base: String, format: EUtilitiesConfiguration.SearchFormat = .json, attempts: Int = 4, timeout: Duration = .seconds(120), rate: Double = 20, batch: Int = 200) -> EUtilitiesConfiguration {
        var configuration = EUtilitiesConfiguration(
            baseURL: base + "/eutils", email: "tests@example.org", apiKey: "fixture-key", requestsPerSecond: rate, timeout: timeout,
            retry: RetryPolicy(attempts: attempts, initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200)),
            searchFormat: format, fetchBatchSize: batch, environment: [:])
        configuration.connectTimeout = .seconds(1)
        return configuration
    }

    @Test(arguments: [EUtilitiesConfiguration.SearchFormat.json, .xml])
    func esearchReadsBothFormatsAndSendsToolEmailKey(format: EUtilitiesConfiguration.SearchFormat) async throws {
        let server = PubMedFixtureServer()
        try await server.run { base in
            let client = EUtilitiesClient(Self.configuration(base, format: format))
            let result = try await client.search(PubMedSearch(term: "pesticides AND hypothyroidism[mh]", maximum: 3, since: "2015", sort: .publicationDate))
            await client.shutdown()
            #expect(result.count == PubMedSamples.records.count)
            #expect(result.ids == Array(PubMedSamples.records.map(\.pmid).prefix(3)))
            #expect(result.translation == "pesticides AND hypothyroidism[mh][All Fields]")
            let query = try #require(server.requests("esearch.fcgi").first?.query)
            #expect(query["term"] == "pesticides AND hypothyroidism[mh]")
            #expect(query["tool"] == "evident" && query["email"] == "tests@example.org" && query["api_key"] == "fixture-key")
            #expect(query["retmode"] == format.rawValue && query["retmax"] == "3" && query["sort"] == "pub_date")
            #expect(query["datetype"] == "pdat" && query["mindate"] == "2015")
        }
    }

    @Test func realESearchRepliesParse() throws {
        // Real replies recorded from NCBI (Biopython's tests): a history-server search and an empty one.
        let history = try ESearchResult.parse(TestData.bytes(TestData.path("pubmed-samples/biopython/eutils/esearch2.xml")), what: "esearch2")
        #expect(history.count == 42249 && history.ids.count == 100 && history.history == .init(webEnv: "MCID_6927d6e7fee3e90f880ec190", queryKey: "1"))
        let plain = try ESearchResult.parse(TestData.bytes(TestData.path("pubmed-samples/biopython/eutils/esearch1.xml")), what: "esearch1")
        #expect(plain.count == 63 && plain.ids.first == "41282813" && plain.history == nil)
        #expect(throws: PubMedError.self) { try ESearchResult.parse(Array(#"{"error":"API rate limit exceeded"}"#.utf8), what: "x") }
        #expect(throws: PubMedError.self) { try ESearchResult.parse(Array("Service unavailable".utf8), what: "x") }
    }

    @Test func retriesHonourRetryAfterAndKeepTheRateLimit() async throws {
        let server = PubMedFixtureServer()
        server.inject([.status(429, retryAfter: "1"), .status(500)], on: "esearch.fcgi")
        server.inject([.status(503)], on: "efetch.fcgi")
        try await server.run { base in
            let client = EUtilitiesClient(Self.configuration(base, rate: 8, batch: 1))
            let library = try Library(directory: TestData.temporaryDirectory("pubmed-retry"), create: true)
            defer { TestData.remove(library.directory) }
            let outcome = try await PubMedFetchIngest(client: client, library: library).run(PubMedSearch(term: "asthma", maximum: 20))
            await client.shutdown()
            #expect(outcome.summary.counts.added == PubMedSamples.records.count)
            let searches = server.requests("esearch.fcgi")
            #expect(searches.count == 3)
            // The 429 asked for a second: the retry came no sooner.
            #expect(searches[1].at - searches[0].at >= .milliseconds(950))
            #expect(server.requests("efetch.fcgi").count == PubMedSamples.records.count + 1)
            // Never more than 8 requests within a second, retries included (as the server saw them).
            let busiest = server.busiestSecond()
            #expect(busiest <= 8, "\(busiest) requests within one second")
        }
    }

    @Test func aStalledResponseTimesOutAndIsRetried() async throws {
        let server = PubMedFixtureServer()
        server.inject([.stall(.seconds(3))], on: "esearch.fcgi")
        try await server.run { base in
            let client = EUtilitiesClient(Self.configuration(base, attempts: 6, timeout: .milliseconds(1500)))
            let result = try await client.search(PubMedSearch(term: "asthma", maximum: 2))
            await client.shutdown()
            // The stalled answer would have been a good one: another request means the timeout
            // cut the first (no wall-clock checks: the suite runs in parallel on two cores).
            #expect(result.ids.count == 2)
            #expect(server.requests("esearch.fcgi").count >= 2)
        }
    }

    @Test func givingUpNamesTheQueryAndTheLastStatus() async throws {
        let server = PubMedFixtureServer()
        server.inject([.status(500), .status(503), .status(502)], on: "esearch.fcgi")
        try await server.run { base in
            let client = EUtilitiesClient(Self.configuration(base, attempts: 3))
            let error = await #expect(throws: PubMedError.self) { try await client.search(PubMedSearch(term: "sepsis[mh]", maximum: 5)) }
            await client.shutdown()
            let message = try #require(error?.description)
            #expect(message.contains("PubMed query \"sepsis[mh]\""), "\(message)")
            #expect(message.contains("3 attempts") && message.contains("HTTP 502"), "\(message)")
            #expect(server.requests("esearch.fcgi").count == 3)
        }
    }

    @Test func aRejectedRequestIsNotRetried() async throws {
        let server = PubMedFixtureServer()
        server.inject([.status(400)], on: "esearch.fcgi")
        try await server.run { base in
            let client = EUtilitiesClient(Self.configuration(base))
            let error = await #expect(throws: PubMedError.self) { try await client.search(PubMedSearch(term: "bad query", maximum: 5)) }
            await client.shutdown()
            #expect(error?.description.contains("answered 400") == true)
            #expect(server.requests("esearch.fcgi").count == 1)
        }
    }

    @Test func anUnreachableServerFailsAtOnceNamingTheHost() async throws {
        // A port nothing listens on (bound, then closed).
        let client = EUtilitiesClient(Self.configuration("http://127.0.0.1:9"))
        let error = await #expect(throws: PubMedError.self) { try await client.search(PubMedSearch(term: "asthma", maximum: 5)) }
        await client.shutdown()
        // Reported as unreachable on the first attempt (retries would end in `gaveUp`).
        guard case .unreachable(let what, let reason)? = error else {
            Issue.record("expected .unreachable, got \(String(describing: error))")
            return
        }
        #expect(what == "PubMed query \"asthma\"" && reason.hasPrefix("cannot reach 127.0.0.1"), "\(reason)")
    }

    @Test func aMalformedRecordInABatchCostsOnlyItself() async throws {
        let (records, broken) = PubMedSamples.recordsWithMalformed(at: 2)
        let server = PubMedFixtureServer(records: records)
        try await server.run { base in
            let client = EUtilitiesClient(Self.configuration(base, batch: 2))
            let library = try Library(directory: TestData.temporaryDirectory("pubmed-malformed"), create: true)
            defer { TestData.remove(library.directory) }
            let fetch = PubMedFetchIngest(client: client, library: library)
            let issues = Locked<[ImportIssue]>([])
            let first = try await fetch.run(PubMedSearch(term: "asthma", maximum: 20), onIssue: { issue in issues.withLock { $0.append(issue) } })
            #expect(first.summary.counts.added == records.count - 1)
            #expect(first.summary.counts.failed == 1)
            let issue = try #require(issues.withLock { $0 }.first)
            #expect(issue.file == "efetch batch 2 of 4 for PubMed query \"asthma\"")
            #expect(issue.record == "record 1 (PMID \(broken))")
            #expect(try library.existingDocumentIDs(records.map { "pmid:\($0.pmid)" }).count == records.count - 1)
            // Fetched again: nothing changes; with onlyNew only the missing record is asked for.
            let second = try await fetch.run(PubMedSearch(term: "asthma", maximum: 20))
            #expect(second.summary.counts.unchanged == records.count - 1 && second.summary.counts.added == 0)
            let before = server.requests("efetch.fcgi").count
            let third = try await fetch.run(PubMedSearch(term: "asthma", maximum: 20), onlyNew: true)
            #expect(third.requestedIDs == [broken] && third.alreadyHeld == records.count - 1)
            #expect(server.requests("efetch.fcgi").count == before + 1)
            await client.shutdown()
        }
    }

    @Test func largeResultSetsPageThroughTheHistoryServer() async throws {
        let many = (0..<450).map { (pmid: String(90_000_000 + $0), xml: PubMedSamples.record(pmid: String(90_000_000 + $0), from: $0)) }
        let server = PubMedFixtureServer(records: many)
        try await server.run { base in
            let client = EUtilitiesClient(Self.configuration(base, rate: 50))
            let library = try Library(directory: TestData.temporaryDirectory("pubmed-history"), create: true)
            defer { TestData.remove(library.directory) }
            let outcome = try await PubMedFetchIngest(client: client, library: library).run(PubMedSearch(term: "all", maximum: 20_000))
            await client.shutdown()
            #expect(outcome.found == 450 && outcome.summary.counts.added == 450)
            let fetches = server.requests("efetch.fcgi")
            // Pages in order; a page may be asked twice when the saturated parallel suite delays
            // the fixture server past the client's timeout (a retry, not a second page).
            let pages = fetches.compactMap { $0.query["retstart"] }.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
            #expect(pages == ["0", "200", "400"])
            #expect(fetches.allSatisfy { $0.query["WebEnv"] == "MCID_fixture" && $0.query["query_key"] == "1" })
            #expect(server.requests("esearch.fcgi").first?.query["usehistory"] == "y")
        }
    }

    @Test func theRateLimiterSpacesConcurrentCallers() async throws {
        let limiter = RateLimiter(requestsPerSecond: 40)
        let clock = ContinuousClock()
        let started = clock.now
        let times = Locked<[ContinuousClock.Instant]>([])
        await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<9 {
                group.addTask {
                    try await limiter.acquire()
                    times.withLock { $0.append(clock.now) }
                }
            }
        }
        let sorted = times.withLock { $0 }.sorted()
        #expect(sorted.count == 9)
        #expect(sorted.last! - started >= .milliseconds(195))
        #expect(EUtilitiesConfiguration(environment: [:]).effectiveRequestsPerSecond == 3)
        #expect(EUtilitiesConfiguration(environment: ["NCBI_API_KEY": "k"]).effectiveRequestsPerSecond == 10)
    }

    @Test func retryAfterAndBackoff() {
        #expect(RetryingRequester.parseRetryAfter("2") == .seconds(2))
        #expect(RetryingRequester.parseRetryAfter("soon") == nil)
        let policy = RetryPolicy(attempts: 5, initialDelay: .seconds(1), maximumDelay: .seconds(5))
        #expect(policy.backoff(retry: 1, random: 1) == .seconds(1))
        #expect(policy.backoff(retry: 3, random: 1) == .seconds(4))
        #expect(policy.backoff(retry: 4, random: 0.5) == .milliseconds(2500))
        #expect(PubMedSearch.normalizedDate("2024-03") == "2024/03")
        #expect(PubMedSearch.normalizedDate("March 2024") == nil)
        #expect(EUtilitiesClient.encode("a b+c[mh]&d") == "a%20b%2Bc%5Bmh%5D%26d")
    }
}
