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
        guard let reader = try? ChunkReader(path: path, chunkSize: 16 << 10), let chunk = try? reader.next() else {
            return .unknown
        }
        return detect(head: String(decoding: chunk, as: UTF8.self), fileName: (path as NSString).lastPathComponent)
    }

    /// Detects a format from the start of a file's (decompressed) text.
    public static func detect(head: String, fileName: String) -> Verdict {
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("<") {
            if head.contains("<PubmedArticleSet") || head.contains("<PubmedArticle>") || head.contains("<DeleteCitation>") {
                return .format(.pubmedXML)
            }
            if head.contains("<pmc-articleset") || head.contains("JATS") || head.contains("<article ") || head.contains("<article>") {
                return .format(.pmc)
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
                let firstLine = trimmed.prefix { $0 != "\n" }
                return firstLine.contains("\"title\"") ? .format(.beir) : .notASource("BEIR queries file (no titles): pass it to `evident eval --queries`")
            }
            return .unknown
        }
        if trimmed.hasPrefix("---") && GuidelineMarkdownImporter.headerLooksLikeGuideline(String(trimmed)) {
            return .format(.guidelineMarkdown)
        }
        if trimmed.hasPrefix("query-id\tcorpus-id") { return .notASource("relevance judgements (qrels)") }
        return .unknown
    }
}
