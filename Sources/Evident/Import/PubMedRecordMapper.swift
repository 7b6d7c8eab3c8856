/// Maps one parsed `<PubmedArticle>` or `<PubmedBookArticle>` element to a ``Document``.
enum PubMedRecordMapper {
    struct Problem: Error { let message: String }

    static func document(from record: XMLNode) throws -> Document {
        if record.name == "PubmedBookArticle" { return try bookDocument(from: record) }
        guard let citation = record.child("MedlineCitation") else {
            throw Problem(message: "missing <MedlineCitation>")
        }
        guard let pmidNode = citation.child("PMID"), let pmid = pmidNode.normalizedText.nonEmpty else {
            throw Problem(message: "missing <PMID>")
        }
        guard pmid.allSatisfy(\.isNumber) else { throw Problem(message: "PMID '\(pmid)' is not a number") }
        guard let article = citation.child("Article") else { throw Problem(message: "missing <Article>") }
        let title = article.child("ArticleTitle")?.normalizedText.nonEmpty ?? article.child("VernacularTitle")?.normalizedText.nonEmpty
        let publicationTypes = article.path("PublicationTypeList")?.children("PublicationType").compactMap { $0.normalizedText.nonEmpty } ?? []
        let kind = DocumentKind.fromPublicationTypes(publicationTypes)
        let ids = articleIDs(record.path("PubmedData/ArticleIdList"))
        let doi = ids["doi"] ?? article.children("ELocationID").first { $0.attributes["EIdType"] == "doi" }?.normalizedText.nonEmpty
        return Document(
            id: "pmid:\(pmid)", tier: kind.defaultTier, kind: kind, title: title,
            authors: authors(article.child("AuthorList")),
            source: article.path("Journal/Title")?.normalizedText.nonEmpty,
            year: year(article.path("Journal/JournalIssue/PubDate")) ?? year(article.child("ArticleDate")),
            pmid: pmid, doi: doi, pmcid: ids["pmc"], url: "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/",
            meshTerms: citation.path("MeshHeadingList")?.children("MeshHeading").compactMap { $0.child("DescriptorName")?.normalizedText.nonEmpty } ?? [],
            keywords: citation.children("KeywordList").flatMap { $0.children("Keyword") }.compactMap { $0.normalizedText.nonEmpty },
            publicationTypes: publicationTypes,
            version: Int(pmidNode.attributes["Version"] ?? "1") ?? 1,
            revised: date(citation.child("DateRevised")),
            passages: abstractPassages(article.child("Abstract"))
        )
    }

    private static func bookDocument(from record: XMLNode) throws -> Document {
        guard let book = record.child("BookDocument") else { throw Problem(message: "missing <BookDocument>") }
        guard let pmidNode = book.child("PMID"), let pmid = pmidNode.normalizedText.nonEmpty else {
            throw Problem(message: "missing <PMID>")
        }
        let publicationTypes = book.path("PublicationType").map { [$0.normalizedText] } ?? []
        let kind = DocumentKind.fromPublicationTypes(publicationTypes)
        let ids = articleIDs(record.path("PubmedBookData/ArticleIdList"))
        return Document(
            id: "pmid:\(pmid)", tier: kind.defaultTier, kind: kind,
            title: book.child("ArticleTitle")?.normalizedText.nonEmpty ?? book.path("Book/BookTitle")?.normalizedText.nonEmpty,
            authors: authors(book.child("AuthorList")),
            source: book.path("Book/BookTitle")?.normalizedText.nonEmpty ?? book.path("Book/Publisher/PublisherName")?.normalizedText.nonEmpty,
            year: year(book.path("Book/PubDate")),
            pmid: pmid, doi: ids["doi"], pmcid: ids["pmc"], url: "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/",
            keywords: book.children("KeywordList").flatMap { $0.children("Keyword") }.compactMap { $0.normalizedText.nonEmpty },
            publicationTypes: publicationTypes,
            version: Int(pmidNode.attributes["Version"] ?? "1") ?? 1,
            revised: date(book.child("DateRevised")),
            passages: abstractPassages(book.child("Abstract"))
        )
    }

    private static func abstractPassages(_ abstract: XMLNode?) -> [Passage] {
        guard let abstract else { return [] }
        return abstract.children("AbstractText").compactMap { section in
            guard let text = section.normalizedText.nonEmpty else { return nil }
            let label = section.attributes["Label"]?.nonEmpty ?? section.attributes["NlmCategory"]?.nonEmpty
            return Passage(label: label?.uppercased(), text: text)
        }
    }

    private static func authors(_ list: XMLNode?) -> [String] {
        guard let list else { return [] }
        return list.children("Author").compactMap { author in
            if let collective = author.child("CollectiveName")?.normalizedText.nonEmpty { return collective }
            guard let last = author.child("LastName")?.normalizedText.nonEmpty else { return nil }
            if let initials = author.child("Initials")?.normalizedText.nonEmpty { return "\(last) \(initials)" }
            return last
        }
    }

    private static func articleIDs(_ list: XMLNode?) -> [String: String] {
        var ids: [String: String] = [:]
        for id in list?.children("ArticleId") ?? [] {
            guard let type = id.attributes["IdType"], let value = id.normalizedText.nonEmpty, ids[type] == nil else { continue }
            ids[type] = value
        }
        return ids
    }

    /// A year from `<Year>` or the first four digits of `<MedlineDate>` ("1998 Dec-1999 Jan").
    static func year(_ date: XMLNode?) -> Int? {
        guard let date else { return nil }
        if let year = date.child("Year").flatMap({ Int($0.normalizedText) }) { return year }
        if let medline = date.child("MedlineDate")?.normalizedText { return firstYear(in: medline) }
        return nil
    }

    /// The first plausible four-digit year in a free-text date.
    static func firstYear(in text: String) -> Int? {
        var digits = ""
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
                if digits.count == 4, let year = Int(digits), (1000...2999).contains(year) { return year }
            } else {
                digits = ""
            }
        }
        return nil
    }

    private static func date(_ node: XMLNode?) -> String? {
        guard let node, let year = node.child("Year")?.normalizedText.nonEmpty else { return nil }
        let month = node.child("Month")?.normalizedText ?? "01"
        let day = node.child("Day")?.normalizedText ?? "01"
        return "\(year)-\(month.count == 1 ? "0" + month : month)-\(day.count == 1 ? "0" + day : day)"
    }

    /// Finds the first `<PMID ...>digits</PMID>` in raw bytes, for naming a record that did not parse.
    static func peekPMID(in bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        guard let open = text.range(of: "<PMID") else { return nil }
        guard let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let digits = text[text.index(after: close)...].prefix { $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }
}
