/// The last stage: numbers references by first citation in reading order (guidelines come
/// first, so guideline references are numbered before research), and fills each statement's
/// citation numbers from its evidence.
enum ReferenceNumbering {
    /// Numbers `answer`'s references; `documents` holds every cited document by id.
    static func number(_ answer: inout Answer, documents: [String: Document]) {
        var numbers: [String: Int] = [:]
        func cite(_ statement: inout Answer.Statement) {
            for index in statement.evidence.indices {
                let documentID = String(statement.evidence[index].passageId.split(separator: "#").first!)
                if numbers[documentID] == nil, let document = documents[documentID] {
                    numbers[documentID] = numbers.count + 1
                    answer.references.append(reference(document, number: numbers.count))
                }
                statement.evidence[index].reference = numbers[documentID] ?? 0
            }
            var citations: [Int] = []
            for evidence in statement.evidence where !citations.contains(evidence.reference) { citations.append(evidence.reference) }
            statement.citations = citations
        }
        for index in answer.guidelines.summary.indices { cite(&answer.guidelines.summary[index]) }
        for section in answer.guidelines.sections.indices {
            for index in answer.guidelines.sections[section].statements.indices { cite(&answer.guidelines.sections[section].statements[index]) }
        }
        for section in answer.research.sections.indices {
            for index in answer.research.sections[section].statements.indices { cite(&answer.research.sections[section].statements[index]) }
        }
    }

    /// The reference-list entry of a document.
    static func reference(_ document: Document, number: Int) -> Answer.Reference {
        Answer.Reference(
            number: number, documentId: document.id, tier: document.tier, kind: document.kind, title: document.title,
            authors: document.authors.count == 1 && document.authors.first == document.source ? [] : document.authors,
            source: document.source, year: document.year, pmid: document.pmid, doi: document.doi, url: document.url,
            link: WebLink.best(url: document.url, doi: document.doi, pmid: document.pmid))
    }
}
