import Foundation
@testable import Evident

/// A PubMed mirror in NCBI's layout, written at run time from the real sample records:
/// `baseline/pubmed26n0001.xml.gz` and `…0002`, then `updatefiles/pubmed26n0003.xml.gz` (a new
/// version of one record and a `DeleteCitation` of another), each beside its `.md5` in NCBI's
/// format (`MD5(name)= digest`).
struct PubMedMirrorFixture {
    let root: String
    /// PMIDs of each baseline file.
    let baseline: [[String]]
    /// The record the update file revises, and the one it deletes.
    let revised: String
    let deleted: String

    /// Writes a mirror of `files` baseline files of `perFile` records each (PMIDs from 91000000).
    init(files: Int = 2, perFile: Int = 4) {
        root = TestData.temporaryDirectory("pubmed-mirror")
        var baseline: [[String]] = []
        var next = 91_000_000
        for file in 1...files {
            var records: [String] = []
            var pmids: [String] = []
            for _ in 0..<perFile {
                pmids.append(String(next))
                records.append(PubMedSamples.record(pmid: String(next), from: next))
                next += 1
            }
            baseline.append(pmids)
            Self.write(PubMedSamples.articleSet(records), folder: "baseline", name: Self.name(file), in: root)
        }
        self.baseline = baseline
        revised = baseline[0][1]
        deleted = baseline[0][2]
        let revision = PubMedSamples.record(pmid: revised, from: 91_000_001)
            .replacingOccurrences(of: "<ArticleTitle>", with: "<ArticleTitle>Revised: ")
            .replacingOccurrences(of: "<PMID Version=\"1\">\(revised)</PMID>", with: "<PMID Version=\"2\">\(revised)</PMID>")
        Self.write(PubMedSamples.articleSet([revision], deleting: [deleted]), folder: "updatefiles", name: Self.name(files + 1), in: root)
    }

    static func name(_ number: Int) -> String { String(format: "pubmed26n%04d.xml.gz", number) }

    /// Path of a file in the mirror.
    func path(_ folder: String, _ number: Int) -> String { "\(root)/\(folder)/\(Self.name(number))" }

    /// Gzips `text` into the mirror with its `.md5`.
    static func write(_ text: String, folder: String, name: String, in root: String) {
        let directory = (root as NSString).appendingPathComponent(folder)
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name)
        TestData.gzip(Array(text.utf8), to: path)
        writeMD5(of: path)
    }

    /// Writes `path.md5` for the file as it is now.
    static func writeMD5(of path: String) {
        let name = (path as NSString).lastPathComponent
        try! "MD5(\(name))= \(try! MD5.file(path))\n".write(toFile: path + ".md5", atomically: true, encoding: .utf8)
    }
}
