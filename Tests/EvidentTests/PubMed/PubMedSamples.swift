import Foundation
@testable import Evident

/// The real PubMed records of `../shared/data/pubmed-samples/biopython/pubmed*.xml`, cut out of
/// their files, for the fixture server to serve as efetch replies and mirror files.
enum PubMedSamples {
    /// Each sample record's XML (`<PubmedArticle>…</PubmedArticle>`) by its PMID.
    static let records: [(pmid: String, xml: String)] = {
        let directory = TestData.path("pubmed-samples/biopython")
        let files = (try! FileManager.default.contentsOfDirectory(atPath: directory)).filter { $0.hasPrefix("pubmed") && $0.hasSuffix(".xml") }.sorted()
        var records: [(String, String)] = []
        for file in files {
            let text = try! String(contentsOfFile: (directory as NSString).appendingPathComponent(file), encoding: .utf8)
            var searchRange = text.startIndex..<text.endIndex
            while let start = text.range(of: "<PubmedArticle>", range: searchRange),
                  let end = text.range(of: "</PubmedArticle>", range: start.upperBound..<text.endIndex) {
                let xml = String(text[start.lowerBound..<end.upperBound])
                records.append((pmid(of: xml), xml))
                searchRange = end.upperBound..<text.endIndex
            }
        }
        return records
    }()

    /// The record's own PMID (the first `<PMID>`, MedlineCitation's).
    static func pmid(of xml: String) -> String {
        let start = xml.range(of: "<PMID")!
        let open = xml.range(of: ">", range: start.upperBound..<xml.endIndex)!
        let close = xml.range(of: "</PMID>", range: open.upperBound..<xml.endIndex)!
        return String(xml[open.upperBound..<close.lowerBound])
    }

    /// A sample record given another PMID (`index` picks the sample, cycling), for sets larger
    /// than the samples; the text is the real record's.
    static func record(pmid: String, from index: Int) -> String {
        let xml = records[index % records.count].xml
        let original = Self.pmid(of: xml)
        return xml.replacingOccurrences(of: ">\(original)</PMID>", with: ">\(pmid)</PMID>")
    }

    /// A `PubmedArticleSet` document holding `records` (and `deletions` as a `DeleteCitation`).
    static func articleSet(_ records: [String], deleting deletions: [String] = []) -> String {
        var text = """
            <?xml version="1.0" ?>
            <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
            <PubmedArticleSet>

            """
        text += records.joined(separator: "\n")
        if !deletions.isEmpty {
            text += "\n<DeleteCitation>\n" + deletions.map { "<PMID Version=\"1\">\($0)</PMID>" }.joined(separator: "\n") + "\n</DeleteCitation>"
        }
        return text + "\n</PubmedArticleSet>\n"
    }

    /// A record broken on purpose (a closing tag removed), as a malformed record inside a batch.
    static func malformed(_ xml: String) -> String {
        xml.replacingOccurrences(of: "</ArticleTitle>", with: "")
    }

    /// ``records`` with the one at `index` made malformed, and that record's PMID.
    static func recordsWithMalformed(at index: Int) -> (records: [(pmid: String, xml: String)], broken: String) {
        var changed = records
        changed[index].xml = malformed(changed[index].xml)
        return (changed, changed[index].pmid)
    }
}
