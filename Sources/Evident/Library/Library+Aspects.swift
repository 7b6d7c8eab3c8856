import EvidentSearch
import Foundation
import GRDB

extension Library {
    /// Sentences of the library's MedQuAD answers, labelled by their question type's aspect
    /// (the training data of the aspect model; empty when the library holds no MedQuAD pages).
    public func aspectExamples(analyzer: Analyzer = Analyzer()) throws -> [AspectCounts.Example] {
        let cache = StemCache()
        return try database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.documentRowid AS page, p.label AS label, p.text AS text FROM passage p
                JOIN document d ON d.rowid = p.documentRowid
                WHERE d.id LIKE 'medquad:%' AND d.deleted = 0
                """)
            var examples: [AspectCounts.Example] = []
            while let row = try rows.next() {
                guard let label = row["label"] as String?, let aspect = AspectCounts.trainingLabels[label] else { continue }
                let text: String = row["text"]
                for sentence in SentenceSplitter.sentences(text) {
                    let terms = analyzer.terms(String(sentence), cache: cache)
                    if terms.count >= 3 { examples.append(.init(terms: terms, aspect: aspect, group: row["page"])) }
                }
            }
            return examples
        }
    }
}

extension AspectCounts {
    /// MedQuAD question types whose answers train the model, and their aspects.
    static let trainingLabels: [String: Intent] = [
        "causes": .causes, "susceptibility": .causes, "symptoms": .symptoms, "exams and tests": .diagnosis,
        "treatment": .treatment, "outlook": .prognosis, "complications": .prognosis, "prevention": .prevention,
        "frequency": .epidemiology, "inheritance": .genetics, "genetic changes": .genetics, "information": .definition,
    ]
}

extension Library {
    /// The questions of the library's MedQuAD pages (each answer passage's heading) with the
    /// page's document id and the page's answer (the passage's text), in storage order.
    public func medquadQuestions() throws -> [SourceQuestion] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.heading AS question, d.id AS id, p.text AS answer FROM passage p JOIN document d ON d.rowid = p.documentRowid
                WHERE d.id LIKE 'medquad:%' AND d.deleted = 0 AND p.heading IS NOT NULL ORDER BY p.documentRowid, p.ordinal
                """).map { SourceQuestion(question: $0["question"], documentId: $0["id"], pageAnswer: $0["answer"]) }
        }
    }
}
