import CZlib
import Foundation

/// Builds a PubMed XML file for `bench ingest` from real records: the `PubmedArticle`s of the
/// given PubMed XML files, repeated in turn, each copy with its own PMID, gzipped like a
/// baseline file.
public enum PubMedBenchFile {
    /// Writes `records` records cut from the PubMed XML files under `sources` to `output`
    /// (gzip); returns how many distinct real records they were made from.
    @discardableResult
    public static func write(records: Int, from sources: [String], to output: String, firstPMID: Int = 80_000_000) throws -> Int {
        let originals = try sources.flatMap(articles(in:))
        guard !originals.isEmpty else { throw EvidentError("no <PubmedArticle> records in \(sources.joined(separator: ", "))") }
        guard let file = gzopen(output, "wb6") else { throw EvidentError("\(output): cannot create the file") }
        defer { gzclose(file) }
        func put(_ text: String) throws {
            var text = text
            let written = text.withUTF8 { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
            guard written > 0 || text.isEmpty else { throw EvidentError("\(output): write failed") }
        }
        try put("<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n")
        for index in 0..<records {
            let original = originals[index % originals.count]
            try put(original.prefix + String(firstPMID + index) + original.suffix + "\n")
        }
        try put("</PubmedArticleSet>\n")
        return originals.count
    }

    /// A record cut around its MedlineCitation PMID.
    private struct Article {
        var prefix: String
        var suffix: String
    }

    /// The `PubmedArticle`s of one file (or of every `.xml`/`.xml.gz` file under a directory).
    private static func articles(in path: String) throws -> [Article] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw EvidentError("\(path): no such file or directory") }
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            return try names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".xml.gz") }.flatMap { try articles(in: (path as NSString).appendingPathComponent($0)) }
        }
        let text = String(decoding: try ChunkReader(path: path).readAll(), as: UTF8.self)
        var found: [Article] = []
        var rest = text[...]
        while let start = rest.range(of: "<PubmedArticle>"), let end = rest.range(of: "</PubmedArticle>", range: start.upperBound..<rest.endIndex) {
            let record = rest[start.lowerBound..<end.upperBound]
            if let open = record.range(of: "<PMID"), let close = record.range(of: ">", range: open.upperBound..<record.endIndex),
               let finish = record.range(of: "</PMID>", range: close.upperBound..<record.endIndex) {
                found.append(Article(prefix: String(record[..<close.upperBound]), suffix: String(record[finish.lowerBound...])))
            }
            rest = rest[end.upperBound...]
        }
        return found
    }
}
