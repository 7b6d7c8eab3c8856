import Foundation
import Testing
@testable import Evident

/// `evident pubmed QUERY` as a user runs it, against the loopback fixture server: counts like
/// `evident ingest`, exit statuses, and errors that name the query or the batch.
@Suite struct PubMedCommandTests {
    @Test func searchIngestsAndCountsNewUpdatedUnchanged() async throws {
        let (records, broken) = PubMedSamples.recordsWithMalformed(at: 5)
        let server = PubMedFixtureServer(records: records)
        let directory = TestData.temporaryDirectory("pubmed-cli")
        defer { TestData.remove(directory) }
        try await server.run { base in
            let arguments = ["pubmed", "asthma[mh]", "--max", "50", "--since", "2001-06", "--library", directory, "--eutils-url", base + "/eutils",
                             "--requests-per-second", "20", "--json"]
            let first = try await EvidentBinary.run(arguments)
            // One malformed record: status 1, everything else stored, the error names batch and record.
            #expect(first.status == 1, "\(first.stderr)")
            #expect(first.stderr.contains("error: efetch batch 1 of 1 for PubMed query \"asthma[mh]\": record 6 (PMID \(broken)):"), "\(first.stderr)")
            let report = try JSONDecoder().decode(PubMedReport.self, from: Data(first.stdout.utf8))
            #expect(report.found == records.count && report.requested == records.count)
            #expect(report.ingest.added == records.count - 1 && report.ingest.failed == 1)
            #expect(report.ingest.index?.liveDocuments == records.count - 1)
            #expect(server.requests("esearch.fcgi").first?.query["mindate"] == "2001/06")

            let second = try await EvidentBinary.run(Array(arguments.dropLast()))
            #expect(second.stdout.contains("unchanged  \(records.count - 1)"), "\(second.stdout)")
            #expect(second.stdout.contains("PubMed: \(records.count) records match \"asthma[mh]\""), "\(second.stdout)")
        }
    }

    @Test func unreachablePubMedExitsWithStatus4NamingTheQuery() async throws {
        let directory = TestData.temporaryDirectory("pubmed-cli-offline")
        defer { TestData.remove(directory) }
        let result = try await EvidentBinary.run(["pubmed", "sepsis", "--library", directory, "--eutils-url", "http://127.0.0.1:9/eutils", "--connect-timeout", "1"])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("error: PubMed query \"sepsis\": cannot reach 127.0.0.1"), "\(result.stderr)")
        let usage = try await EvidentBinary.run(["pubmed", "sepsis", "--since", "last week", "--library", directory])
        #expect(usage.status == 64 && usage.stderr.contains("--since 'last week' is not a date"))
    }
}
