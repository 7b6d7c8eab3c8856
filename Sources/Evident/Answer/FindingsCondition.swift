import EvidentSearch

/// A message that tells findings without naming a condition ("a fever of 39 for five days, his
/// eyes are red, his lips are cracked, his hands and feet look swollen") is read as a question
/// on the condition whose page in the library names those findings together, when one does
/// clearly: the message is searched as it is, and the best document whose title names a
/// disease and whose text names nearly every finding gives the condition.
struct FindingsCondition {
    let library: Library
    let snapshot: IndexSnapshot
    let vocabulary: Vocabulary

    /// The fewest findings (body parts, signs, symptoms the message names) worth reading together:
    /// with three, "knees, wrists and fingers" read as gout and "arms, legs and back" as hypertension.
    static let minimumFindings = 4
    /// The share of the findings a condition's page must name.
    static let minimumShare = 0.8
    /// Documents of the message's search looked at.
    static let documentsSearched = 10

    /// What was found: the condition, the document that names the findings, and the findings it names.
    struct Reading {
        var condition: Concept
        var documentTitle: String
        var findings: [String]
    }

    /// The condition whose page names the findings of `query`'s message, if the message names no
    /// condition itself and one page names nearly all of them.
    func reading(of query: StructuredQuery) -> Reading? {
        guard query.required.isEmpty else { return nil }
        let findings = query.mentions.filter { mention in
            !mention.negated && mention.role == .related && !mention.concept.categories.isDisjoint(with: [.anatomy, .disease])
        }
        var seenFindings = Set<String>()
        let findingTerms = findings.compactMap { finding -> (text: String, terms: [String])? in
            let terms = snapshot.analyzer.terms(finding.text, cache: snapshot.stems)
            guard !terms.isEmpty, seenFindings.insert(terms.joined(separator: " ")).inserted else { return nil }
            return (finding.text, terms)
        }
        // Body parts alone ("my arms, legs, back and neck hurt") point to no condition: a sign
        // or symptom must be among them.
        guard findingTerms.count >= Self.minimumFindings, findings.contains(where: { $0.concept.categories.contains(.disease) }) else { return nil }
        // The whole message, as a search: the words around the findings ("red", "cracked",
        // "swollen") tell one condition's page from another's.
        var search = SearchQuery()
        search.should = snapshot.analyzer.terms(query.corrected, cache: snapshot.stems)
        guard !search.should.isEmpty else { return nil }
        let hits = snapshot.search(search, limit: Self.documentsSearched)
        return try? library.database.read { db -> Reading? in
            for hit in hits {
                guard let (document, passages) = try Library.documentWithPassages(rowid: hit.key, in: db), let title = document.title else { continue }
                let words = LexiconText.words(title)
                guard let condition = vocabulary.link(words, linkable: { !QuestionWords.isFiller($0) }, lowercaseAbbreviations: false)
                    .map(\.concept).first(where: { $0.categories.contains(.disease) && !vocabulary.isSignOrSymptom($0) }) else { continue }
                var terms = Set(snapshot.analyzer.terms(title, cache: snapshot.stems))
                for (_, passage) in passages { terms.formUnion(snapshot.analyzer.terms(passage.text, cache: snapshot.stems)) }
                let named = findingTerms.filter { $0.terms.allSatisfy(terms.contains) }
                guard Double(named.count) >= Self.minimumShare * Double(findingTerms.count) else { continue }
                return Reading(condition: condition, documentTitle: title, findings: named.map(\.text))
            }
            return nil
        } ?? nil
    }
}
