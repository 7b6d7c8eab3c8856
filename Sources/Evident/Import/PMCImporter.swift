/// Reads PMC full-text articles in JATS XML (`.nxml`, or efetch's `<pmc-articleset>`):
/// metadata, abstract sections and body sections with their heading paths.
public struct PMCImporter: Importer {
    public let format = SourceFormat.pmc

    /// Creates the importer.
    public init() {}

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        let parser = XMLTreeParser(skipping: ["ref-list", "table-wrap", "fig", "supplementary-material", "table-wrap-foot", "aff", "permissions", "funding-group"])
        let root: XMLNode
        do {
            while let chunk = try reader.next() {
                try chunk.withUnsafeBytes { try parser.feed($0) }
                progress(reader.compressedOffset)
            }
            root = try parser.finish()
        } catch let error as XMLTreeParser.SyntaxError {
            throw ImportIssue(file: path, message: "\(error)")
        }
        let articles = root.name == "article" ? [root] : root.children("article")
        guard !articles.isEmpty else { throw ImportIssue(file: path, message: "no <article> element in <\(root.name)>") }
        for (offset, article) in articles.enumerated() {
            switch JATSArticleMapper.document(from: article) {
            case .success(let document): try emit(.document(document))
            case .failure(let problem): try emit(.failure(ImportIssue(file: path, record: "article \(offset + 1)", message: problem.message)))
            }
        }
    }
}

/// Maps a JATS `<article>` element to a ``Document``.
enum JATSArticleMapper {
    struct Problem: Error { let message: String }

    static func document(from article: XMLNode) -> Result<Document, Problem> {
        guard let meta = article.path("front/article-meta") else { return .failure(Problem(message: "missing <front>/<article-meta>")) }
        var ids: [String: String] = [:]
        for id in meta.children("article-id") {
            if let type = id.attributes["pub-id-type"], let value = id.normalizedText.nonEmpty, ids[type] == nil { ids[type] = value }
        }
        let pmcid = (ids["pmc"] ?? ids["pmcid"]).map { $0.hasPrefix("PMC") ? $0 : "PMC\($0)" }
        let pmid = ids["pmid"]
        let doi = ids["doi"]
        guard let id = pmcid.map({ "pmc:\($0)" }) ?? pmid.map({ "pmid:\($0)" }) ?? doi.map({ "doi:\($0)" }) else {
            return .failure(Problem(message: "no PMC id, PMID or DOI in <article-meta>"))
        }
        let kind = kind(articleType: article.attributes["article-type"])
        var passages: [Passage] = []
        for abstract in meta.children("abstract") where abstract.attributes["abstract-type"] == nil {
            passages += sectionPassages(abstract, path: [], defaultLabel: "ABSTRACT")
        }
        if let body = article.child("body") { passages += sectionPassages(body, path: [], defaultLabel: nil) }
        let journal = article.path("front/journal-meta/journal-title-group/journal-title") ?? article.path("front/journal-meta/journal-title")
        let url = pmcid.map { "https://pmc.ncbi.nlm.nih.gov/articles/\($0)/" } ?? pmid.map { "https://pubmed.ncbi.nlm.nih.gov/\($0)/" }
        return .success(Document(
            id: id, tier: kind.defaultTier, kind: kind,
            title: meta.path("title-group/article-title")?.normalizedText.nonEmpty,
            authors: authors(meta),
            source: journal?.normalizedText.nonEmpty,
            year: year(meta),
            pmid: pmid, doi: doi, pmcid: pmcid, url: url,
            keywords: meta.children("kwd-group").flatMap { $0.children("kwd") }.compactMap { $0.normalizedText.nonEmpty },
            passages: passages
        ))
    }

    /// Passages for each section: the paragraphs directly under it, labelled with its heading path.
    private static func sectionPassages(_ node: XMLNode, path: [String], defaultLabel: String?) -> [Passage] {
        var passages: [Passage] = []
        var paragraphs: [String] = []
        let title = node.child("title")?.normalizedText.nonEmpty
        let here = title.map { path + [$0] } ?? path
        func flush() {
            guard !paragraphs.isEmpty else { return }
            let heading = here.isEmpty ? nil : here.joined(separator: " > ")
            let label = title?.uppercased() ?? path.last?.uppercased() ?? defaultLabel
            passages.append(Passage(label: label, heading: heading, text: paragraphs.joined(separator: "\n")))
            paragraphs = []
        }
        for child in node.elements {
            switch child.name {
            case "p":
                if let text = child.normalizedText.nonEmpty { paragraphs.append(text) }
            case "list":
                paragraphs += child.descendants("list-item").compactMap { $0.normalizedText.nonEmpty }
            case "sec":
                flush()
                passages += sectionPassages(child, path: here, defaultLabel: defaultLabel)
            default:
                continue
            }
        }
        flush()
        return passages
    }

    private static func authors(_ meta: XMLNode) -> [String] {
        meta.children("contrib-group").flatMap { $0.children("contrib") }.compactMap { contrib in
            guard contrib.attributes["contrib-type"] ?? "author" == "author" else { return nil }
            if let collab = contrib.child("collab")?.normalizedText.nonEmpty { return collab }
            guard let name = contrib.child("name"), let surname = name.child("surname")?.normalizedText.nonEmpty else { return nil }
            let initials = (name.child("given-names")?.normalizedText ?? "")
                .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." }).compactMap(\.first).map(String.init).joined()
            return initials.isEmpty ? surname : "\(surname) \(initials)"
        }
    }

    private static func year(_ meta: XMLNode) -> Int? {
        let dates = meta.children("pub-date")
        let preferred = ["epub", "ppub", "pub", "collection"]
        for type in preferred {
            if let date = dates.first(where: { ($0.attributes["pub-type"] ?? $0.attributes["date-type"]) == type }),
               let year = date.child("year").flatMap({ Int($0.normalizedText) }) { return year }
        }
        return dates.lazy.compactMap { $0.child("year").flatMap { Int($0.normalizedText) } }.first
    }

    private static func kind(articleType: String?) -> DocumentKind {
        switch articleType ?? "" {
        case "review-article": .review
        case "systematic-review": .systematicReview
        case "meta-analysis": .metaAnalysis
        case "case-report": .caseReport
        case "practice-guideline", "guideline": .practiceGuideline
        case "editorial", "letter", "correction", "retraction", "article-commentary", "reply", "news", "addendum": .commentary
        default: .journalArticle
        }
    }
}
