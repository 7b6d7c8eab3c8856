/// A stored document as `show` presents it, passages carrying stable ids.
public struct DocumentView: Codable, Sendable {
    /// One passage with its stable id (`<document id>#<ordinal>`).
    public struct PassageView: Codable, Sendable {
        public var id: String
        public var label: String?
        public var heading: String?
        public var text: String
    }

    public var id: String
    public var tier: String
    public var kind: String
    public var title: String?
    public var authors: [String]
    public var source: String?
    public var year: Int?
    public var pmid: String?
    public var doi: String?
    public var pmcid: String?
    public var url: String?
    public var meshTerms: [String]
    public var keywords: [String]
    public var publicationTypes: [String]
    public var version: Int
    public var revised: String?
    public var status: String?
    public var released: String?
    public var citedPMIDs: [String]
    /// The cited PubMed records, with titles for those in the library.
    public var citedRecords: [Library.CitedRecord]
    public var origin: String?
    public var ingestedAt: String
    public var passages: [PassageView]

    /// The view of a stored document and the records it cites.
    public init(_ stored: Library.StoredDocument, cited: [Library.CitedRecord] = []) {
        let document = stored.document
        id = document.id
        tier = document.tier.rawValue
        kind = document.kind.rawValue
        title = document.title
        authors = document.authors
        source = document.source
        year = document.year
        pmid = document.pmid
        doi = document.doi
        pmcid = document.pmcid
        url = document.url
        meshTerms = document.meshTerms
        keywords = document.keywords
        publicationTypes = document.publicationTypes
        version = document.version
        revised = document.revised
        status = document.status
        released = document.released
        citedPMIDs = document.citedPMIDs
        citedRecords = cited
        origin = stored.origin
        ingestedAt = stored.ingestedAt
        passages = document.passages.enumerated().map { PassageView(id: "\(document.id)#\($0.offset)", label: $0.element.label, heading: $0.element.heading, text: $0.element.text) }
    }

    /// The document as `evident show` prints it, wrapped at `width` columns.
    public func text(width: Int) -> String {
        var lines: [String] = [title ?? "(untitled)", ""]
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)")
        }
        field("id", id)
        field("tier", tier)
        field("kind", kind)
        field("authors", authors.count > 6 ? authors.prefix(6).joined(separator: ", ") + ", et al." : authors.joined(separator: ", "))
        field("source", source)
        field("year", year.map(String.init))
        field("PMID", pmid)
        field("DOI", doi)
        field("PMC", pmcid)
        field("URL", url)
        field("MeSH", meshTerms.joined(separator: "; "))
        field("keywords", keywords.joined(separator: "; "))
        field("types", publicationTypes.joined(separator: "; "))
        field("revised", revised)
        field("status", status)
        field("released", released)
        if !citedPMIDs.isEmpty {
            let known = citedRecords.filter { $0.title != nil }.count
            field("cites", "\(citedPMIDs.count) PubMed record\(citedPMIDs.count == 1 ? "" : "s") (\(known) in this library)")
            for record in citedRecords {
                let line = "PMID \(record.pmid)" + (record.title.map { "  \($0)" } ?? "")
                lines.append(contentsOf: TextWrapping.wrap(line, width: width, indent: String(repeating: " ", count: 13)))
            }
        }
        field("from", origin)
        for passage in passages {
            lines.append("")
            let header = [passage.label, passage.heading].compactMap { $0 }.joined(separator: " — ")
            lines.append("[\(passage.id)]" + (header.isEmpty ? "" : " \(header)"))
            for paragraph in passage.text.split(separator: "\n") {
                lines.append(contentsOf: TextWrapping.wrap(String(paragraph), width: width, indent: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
