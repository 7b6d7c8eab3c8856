import Glibc
import Foundation

/// The source formats Evident can ingest.
public enum SourceFormat: String, Sendable, CaseIterable, Codable {
    case pubmedXML = "pubmed-xml"
    case medline
    case pmc
    case medquad
    case pubmedqa
    case beir
    case guidelineMarkdown = "guideline-md"
    case openMedicine = "open-medicine"
    case ngc

    /// One line describing the format, for `--help`.
    public var summary: String {
        switch self {
        case .pubmedXML: "PubMed XML (PubmedArticleSet: efetch, baseline and update files; .xml or .xml.gz)"
        case .medline: "MEDLINE text records (.nbib / .txt exported from PubMed)"
        case .pmc: "PMC full-text articles (JATS XML: .nxml, pmc-articleset)"
        case .medquad: "MedQuAD XML pages of NIH institutes (one page per file)"
        case .pubmedqa: "PubMedQA JSON (object keyed by PMID)"
        case .beir: "BEIR corpus.jsonl (_id, title, text per line)"
        case .guidelineMarkdown: "guideline Markdown with a metadata header (--- title/organization/year/doi/url/tier ---)"
        case .openMedicine: "an open-medicine guideline pack (folder with registry.json and content/)"
        case .ngc: "National Guideline Clearinghouse summary XML (<Version> of <Section>/<Field>; .xml or .xml.gz)"
        }
    }

    /// The importer that reads this format.
    public var importer: any Importer {
        switch self {
        case .pubmedXML: PubMedXMLImporter()
        case .medline: MedlineImporter()
        case .pmc: PMCImporter()
        case .medquad: MedQuADImporter()
        case .pubmedqa: PubMedQAImporter()
        case .beir: BEIRImporter()
        case .guidelineMarkdown: GuidelineMarkdownImporter()
        case .openMedicine: OpenMedicineImporter()
        case .ngc: NGCImporter()
        }
    }
}

/// Decides a file's format from its content (its first few kilobytes, decompressed).
public enum FormatDetector {
    /// What detection concluded about a path.
    public enum Verdict: Equatable, Sendable {
        case format(SourceFormat)
        /// Recognised, but not a document source (queries, relevance judgements, licences).
        case notASource(String)
        /// Not recognised.
        case unknown
    }

    /// Detects the format of the file or directory at `path`.
    public static func detect(path: String) -> Verdict {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .unknown }
        if isDirectory.boolValue {
            return OpenMedicineImporter.isPack(directory: path) ? .format(.openMedicine) : .unknown
        }
        guard let reader = try? ChunkReader(path: path, chunkSize: 4 << 10), let chunk = try? reader.next() else {
            return .unknown
        }
        return detect(head: Array(chunk))
    }

    /// Detects a format from the first few kilobytes of a file's (decompressed) bytes.
    public static func detect(head bytes: [UInt8]) -> Verdict {
        let head = ByteText(bytes)
        let trimmed = String(decoding: bytes.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("<") {
            if head.contains("<PubmedArticleSet") || head.contains("<PubmedArticle>") || head.contains("<DeleteCitation>") {
                return .format(.pubmedXML)
            }
            if head.contains("<pmc-articleset") || head.contains("JATS") || head.contains("<article ") || head.contains("<article>") {
                return .format(.pmc)
            }
            if head.contains("<Version") && head.contains("<Section ") && head.contains("<Field ") {
                return .format(.ngc)
            }
            if head.contains("<QAPairs") || head.contains("<qaPairs") || head.contains("<Document id=") || head.contains("<DiseaseFile") || head.contains("<doc docid=") {
                return .format(.medquad)
            }
            return .unknown
        }
        if trimmed.hasPrefix("PMID-") { return .format(.medline) }
        if trimmed.hasPrefix("{") {
            if head.contains("\"CONTEXTS\"") || head.contains("\"LONG_ANSWER\"") { return .format(.pubmedqa) }
            if trimmed.hasPrefix("{\"_id\"") || trimmed.hasPrefix("{ \"_id\"") {
                let firstLine = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
                return firstLine.contains("\"title\"") ? .format(.beir) : .notASource("BEIR queries file (no titles): pass it to `evident eval --queries`")
            }
            return .unknown
        }
        if trimmed.hasPrefix("---") && GuidelineMarkdownImporter.headerLooksLikeGuideline(String(decoding: bytes, as: UTF8.self)) {
            return .format(.guidelineMarkdown)
        }
        if trimmed.hasPrefix("query-id\tcorpus-id") { return .notASource("relevance judgements (qrels)") }
        return .unknown
    }
}

/// Substring search over raw bytes (memchr + memcmp), for sniffing file heads quickly.
struct ByteText {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            bytes.withUnsafeBytes { haystack in
                guard let first = pattern.first, pattern.count <= haystack.count else { return false }
                var offset = 0
                while offset + pattern.count <= haystack.count,
                      let hit = memchr(haystack.baseAddress! + offset, Int32(first), haystack.count - offset - pattern.count + 1) {
                    let position = haystack.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, pattern.baseAddress!, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
