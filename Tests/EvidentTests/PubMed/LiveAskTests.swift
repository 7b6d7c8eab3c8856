import Foundation
import Testing
@testable import Evident

/// `ask --live` end to end against the loopback fixture server: the PubMed query built from the
/// understood question, the research tier gaining the fetched records, no repeated request
/// within the time to live, and a local answer with a warning when PubMed cannot be reached.
@Suite(.serialized) struct LiveAskTests {
    static let question = "Does occupational pesticide exposure cause hypothyroidism?"
    /// The sample record the question is about (Occupational pesticide exposure and subclinical
    /// hypothyroidism among male pesticide applicators).
    static let pesticideRecord = "28775130"

    /// A library holding only the first sample file, indexed with the test MeSH.
    static func library(_ name: String) throws -> Library {
        try TestVocabulary.library(name, paths: [TestData.path("pubmed-samples/biopython/pubmed1.xml")])
    }

    static func researchPMIDs(_ answer: Answer) -> Set<String> {
        Set(answer.references.filter { $0.tier == .research }.compactMap(\.pmid))
    }

    @Test func theQueryComesFromTheUnderstoodQuestion() throws {
        let library = try Self.library("live-query")
        defer { TestData.remove(library.directory) }
        let engine = try Engine(.init(libraryDirectory: library.directory, mesh: TestVocabulary.meshPath))
        let understood = try engine.understand(Self.question)
        let live = try #require(LivePubMedQuery(understood, maximum: 20, now: Date(timeIntervalSince1970: 1_764_000_000)))
        #expect(live.searches.count == 2)
        let focused = live.searches[0]
        #expect(focused.term.contains("\"hypothyroidism\"[mh]"), "\(focused.term)")
        #expect(focused.term.hasSuffix("AND (etiology[sh] OR risk factors[mh])"), "\(focused.term)")
        #expect(focused.since == "2015")
        #expect(live.searches[1].term == "\"hypothyroidism\"[mh] OR \"hypothyroidism\"[tiab]" && live.searches[1].since == nil)
        // A treatment question asks for reviews, trials and guidelines first.
        let treatment = try #require(LivePubMedQuery(try engine.understand("How is hypothyroidism treated?"), maximum: 5))
        #expect(treatment.searches[0].term.contains("systematic review[pt] OR meta-analysis[pt] OR randomized controlled trial[pt]"))
        #expect(LivePubMedQuery(try engine.understand("hello there"), maximum: 5) == nil)
    }

    @Test func liveAskFetchesThenAnswersAndRemembersTheQuery() async throws {
        let library = try Self.library("live-ask")
        defer { TestData.remove(library.directory) }
        let held = Set(try library.existingDocumentIDs(PubMedSamples.records.map { "pmid:\($0.pmid)" }).map { String($0.dropFirst(5)) })
        let server = PubMedFixtureServer(records: PubMedSamples.records.filter { !held.contains($0.pmid) })
        try await server.run { base in
            let engine = try Engine(.init(libraryDirectory: library.directory, mesh: TestVocabulary.meshPath))
            let before = try engine.ask(Self.question)
            #expect(!Self.researchPMIDs(before).contains(Self.pesticideRecord))

            let client = EUtilitiesClient(PubMedClientTests.configuration(base))
            let outcome = await engine.fetchLiveResearch(for: Self.question, client: client, maximum: 20)
            #expect(outcome.warning == nil)
            #expect(outcome.added == PubMedSamples.records.count - held.count)
            #expect(outcome.queriesRun.count == 2)
            let after = try engine.ask(Self.question)
            #expect(Self.researchPMIDs(after).contains(Self.pesticideRecord), "\(after.references.map(\.documentId))")

            // Within the time to live the same question asks PubMed nothing.
            let requests = server.log.withLock { $0.count }
            let again = await engine.fetchLiveResearch(for: Self.question, client: client, maximum: 20)
            #expect(again.queriesRun.isEmpty && again.queriesRecent.count == 1 && again.added == 0)
            #expect(server.log.withLock { $0.count } == requests)
            // Past it, the query runs again (and finds nothing new).
            let later = await engine.fetchLiveResearch(for: Self.question, client: client, maximum: 20, now: Date().addingTimeInterval(8 * 86_400))
            #expect(!later.queriesRun.isEmpty && later.added == 0)
            await client.shutdown()
        }
    }

    @Test func withoutNetworkTheAnswerIsLocalWithAWarning() async throws {
        let library = try Self.library("live-offline")
        defer { TestData.remove(library.directory) }
        let engine = try Engine(.init(libraryDirectory: library.directory, mesh: TestVocabulary.meshPath))
        let client = EUtilitiesClient(PubMedClientTests.configuration("http://127.0.0.1:9"))
        let outcome = await engine.fetchLiveResearch(for: Self.question, client: client)
        await client.shutdown()
        let warning = try #require(outcome.warning)
        #expect(warning.contains("cannot reach 127.0.0.1") && warning.contains("answering from the library"))
        #expect(!warning.contains("\n"))
        #expect(try library.pubMedQueryRan(LivePubMedQuery(try engine.understand(Self.question), maximum: 20)!.searches[0].term) == nil)
        _ = try engine.ask(Self.question)
    }

    @Test func theCommandLineAsksLiveOnceWithinTheTTL() async throws {
        let library = try Self.library("live-cli")
        defer { TestData.remove(library.directory) }
        let server = PubMedFixtureServer()
        try await server.run { base in
            let arguments = ["ask", Self.question, "--live", "--library", library.directory, "--mesh", TestVocabulary.meshPath,
                             "--eutils-url", base + "/eutils", "--format", "json", "--requests-per-second", "20", "--connect-timeout", "1"]
            let first = try await EvidentBinary.run(arguments)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(!first.stderr.contains("warning"), "\(first.stderr)")
            #expect(first.stdout.contains("\"pmid\" : \"\(Self.pesticideRecord)\""))
            let requests = server.log.withLock { $0.count }
            #expect(requests >= 3)
            let second = try await EvidentBinary.run(arguments)
            #expect(second.status == 0)
            #expect(server.log.withLock { $0.count } == requests)
            // No network: still an answer, and one warning line.
            var offline = arguments
            offline[offline.firstIndex(of: base + "/eutils")!] = "http://127.0.0.1:9/eutils"
            offline[1] = "How is asthma treated?"
            let third = try await EvidentBinary.run(offline)
            #expect(third.status == 0)
            #expect(third.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: live PubMed search failed") }.count == 1, "\(third.stderr)")
            #expect(third.stdout.contains("\"question\""))
        }
    }
}
