import EvidentSearch
import Foundation
import GRDB

/// Composes a cited answer from the library: retrieves per tier, picks on-topic sentences,
/// sorts them into aspect sections, and numbers references by first citation (guidelines first).
///
/// Every statement is extractive: its text is a sentence of a cited passage (at most a leading
/// connective such as "However," is trimmed), and it carries that exact quote and passage id.
public struct AnswerComposer: Sendable {
    public let library: Library
    public let snapshot: IndexSnapshot
    public let vocabulary: MeSHVocabulary?
    public let classifier: AspectClassifier
    public var disclaimer = Answer.defaultDisclaimer
    /// Documents retrieved per tier.
    public var documentsPerTier = 8
    /// Statements per section.
    public var statementsPerSection = 4

    /// Creates a composer over a library, its index, the MeSH vocabulary and the aspect model.
    public init(library: Library, snapshot: IndexSnapshot, vocabulary: MeSHVocabulary?, classifier: AspectClassifier) {
        self.library = library
        self.snapshot = snapshot
        self.vocabulary = vocabulary
        self.classifier = classifier
    }

    /// A sentence that could become a statement.
    struct Candidate {
        var text: Substring
        var terms: Set<String>
        var aspect: Intent
        var score: Double
        /// Names the topic and can stand alone (no opening pronoun): fit to lead the answer.
        var canLead: Bool
        /// Opens with the topic's name.
        var topicFirst: Bool
        /// From an institute page (where headings are sometimes fused to the next sentence).
        var fromAgencyPage: Bool
        var documentRowid: Int64
        var documentID: String
        var passageOrdinal: Int
    }

    /// Answers `question`, optionally from one tier only.
    public func answer(_ question: String, tier only: Tier? = nil) throws -> Answer {
        let started = DispatchTime.now().uptimeNanoseconds
        let analysis = QuestionAnalysis(question: question, vocabulary: vocabulary, analyzer: snapshot.analyzer)
        var answer = Answer(
            question: question, intent: analysis.intent, topics: analysis.topics,
            guidelines: .init(summary: [], sections: [], note: nil), research: .init(sections: [], note: nil),
            references: [], message: nil, disclaimer: disclaimer, elapsedMs: 0)
        var documents: [Int64: Document] = [:]
        var used = Set<String>()
        if !analysis.queryText.isEmpty {
            for tier in Tier.allCases where only == nil || only == tier {
                let candidates = try candidates(for: analysis, tier: tier, documents: &documents)
                if tier == .guideline {
                    var summary = pick(candidates.filter { $0.aspect == analysis.intent && $0.canLead }, limit: 2, used: &used, summaryOnly: true)
                    if summary.isEmpty {
                        // Nothing on the asked aspect: lead with what the guidelines say the topic is.
                        summary = pick(candidates.filter { $0.canLead && $0.topicFirst }, limit: 1, used: &used, summaryOnly: true)
                    }
                    answer.guidelines.summary = summary.map { statement($0, tier: tier) }
                    answer.guidelines.sections = sections(candidates, analysis: analysis, tier: tier, used: &used)
                } else {
                    answer.research.sections = sections(candidates, analysis: analysis, tier: tier, used: &used)
                }
            }
        }
        number(&answer, documents: documents)
        let subject = analysis.topics.map(\.label).joined(separator: ", ")
        if answer.allStatements.isEmpty {
            answer.message = "No evidence in this library answers this question\(subject.isEmpty ? "" : " about \(subject)"). "
                + "Ingest guidelines or PubMed records on the topic (evident ingest FILE…: PubMed XML, MEDLINE, PMC, guideline Markdown) and ask again."
        } else {
            if answer.guidelines.summary.isEmpty && answer.guidelines.sections.isEmpty && only != .research {
                answer.guidelines.note = "No guideline in this library addresses \(subject.isEmpty ? "this question" : subject)."
            }
            if answer.research.sections.isEmpty && only != .guideline {
                answer.research.note = "No research in this library addresses \(subject.isEmpty ? "this question" : subject)."
            }
        }
        answer.elapsedMs = (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e4).rounded() / 100
        return answer
    }

    /// Passage labels that hold no statements worth showing: diagrams, institute boilerplate, and
    /// the parts of an abstract that describe what was done rather than what was found.
    static let skippedLabels: Set<String> = [
        "DIAGRAM", "research", "support groups", "METHODS", "METHOD", "OBJECTIVE", "OBJECTIVES", "AIM", "AIMS",
        "PURPOSE", "DESIGN", "SETTING", "SETTINGS", "PARTICIPANTS", "PATIENTS", "SUBJECTS", "MATERIALS AND METHODS",
        "STUDY DESIGN", "DESIGN, SETTING, AND PARTICIPANTS", "MAIN OUTCOME MEASURES", "INTERVENTIONS",
    ]

    /// Leading connectives that may be trimmed from an extracted sentence.
    static let connectives = ["However, ", "In conclusion, ", "In summary, ", "Thus, ", "Therefore, ", "Overall, ", "Finally, ",
                              "Moreover, ", "Furthermore, ", "Additionally, ", "Also, ", "Conclusions: ", "Conclusion: ", "In addition, "]

    private func candidates(for analysis: QuestionAnalysis, tier: Tier, documents: inout [Int64: Document]) throws -> [Candidate] {
        let query = snapshot.parser.parse(analysis.queryText)
        let hits = snapshot.search(query, limit: documentsPerTier, filter: SearchFilter(facets: ["tier": [tier.rawValue]]))
        guard !hits.isEmpty else { return [] }
        let queryTerms = Set(query.scoringTerms.map(\.term))
        let weights = Dictionary(uniqueKeysWithValues: queryTerms.map { ($0, snapshot.inverseDocumentFrequency(term: $0)) })
        let totalWeight = max(1e-9, weights.values.reduce(0, +))
        var result: [Candidate] = []
        try library.database.read { db in
            for (rank, hit) in hits.enumerated() {
                guard let (document, passages) = try Library.documentWithPassages(rowid: hit.key, in: db) else { continue }
                documents[hit.key] = document
                let documentOnTopic = Self.isOnTopic(document.title ?? "", analysis)
                let evidenceBonus = Self.evidenceWeight(document.kind)
                let recency = document.year.map { max(0, min(1, Double($0 - 1990) / 35)) * 0.1 } ?? 0
                for (ordinal, passage) in passages {
                    let label = passage.label
                    if let label, Self.skippedLabels.contains(label) || Self.skippedLabels.contains(label.uppercased()) { continue }
                    let heading = passage.heading
                    let passageOnTopic = documentOnTopic || heading.map { Self.isOnTopic($0, analysis) } ?? false
                    let text = passage.text
                    for sentence in SentenceSplitter.sentences(text) {
                        let words = sentence.split(separator: " ").count
                        guard words >= 6, words <= 70, sentence.last != "?", sentence.last != ":", sentence.first?.isLowercase != true,
                              !Self.isBoilerplate(sentence), !Self.isBareTableRow(sentence),
                              !classifier.boilerplate.contains(sentence.lowercased()) else { continue }
                        let terms = snapshot.analyzer.terms(String(sentence), cache: snapshot.stems)
                        let termSet = Set(terms)
                        let sentenceWords = QuestionAnalysis.phraseWords(String(sentence))
                        let mentionsTopic = Self.isOnTopic(words: sentenceWords, analysis)
                        let topicFirst = Self.startsWithTopic(words: sentenceWords, analysis)
                        guard mentionsTopic || passageOnTopic else { continue }
                        var (aspect, confidence) = classifier.classify(text: String(sentence), terms: terms)
                        // A sentence that names the asked intent ("the causes of …") belongs to it.
                        let namesIntent = Self.namesIntent(sentence, analysis.intent)
                        if namesIntent && mentionsTopic { (aspect, confidence) = (analysis.intent, 1) }
                        let anaphoric = Self.opensWithPronoun(sentence)
                        // "These studies…", "Such cases…": not a statement on its own.
                        if Self.needsPreviousSentence(sentence) { continue }
                        let overlap = termSet.intersection(queryTerms).reduce(0) { $0 + (weights[$1] ?? 0) } / totalWeight
                        let labelBonus = Self.labelWeight(label, aspect: aspect)
                        let score = 1 / (1 + 0.25 * Double(rank)) + overlap + (mentionsTopic ? 0.3 : 0) + labelBonus
                            + evidenceBonus + recency + 0.2 * confidence + (namesIntent ? 0.4 : 0) - (anaphoric ? 0.4 : 0)
                            + (topicFirst ? (analysis.intent == .definition ? 0.8 : 0.3) : 0)
                            + (Self.answersDirectly(words: sentenceWords, analysis) ? 0.5 : 0)
                        result.append(Candidate(text: sentence, terms: termSet, aspect: aspect, score: score, canLead: mentionsTopic && !anaphoric,
                                                topicFirst: topicFirst, fromAgencyPage: document.kind == .agencyPage,
                                                documentRowid: hit.key, documentID: document.id, passageOrdinal: ordinal))
                    }
                }
            }
        }
        return result.sorted { $0.score > $1.score }
    }

    /// True when `text` is about the question's topic: it contains a MeSH topic's name or
    /// synonym as a phrase, or (without MeSH topics) a majority of the question's content words.
    static func isOnTopic(_ text: String, _ analysis: QuestionAnalysis) -> Bool {
        isOnTopic(words: QuestionAnalysis.phraseWords(text), analysis)
    }

    /// ``isOnTopic(_:_:)`` on words already normalised by ``QuestionAnalysis/phraseWords(_:)``.
    static func isOnTopic(words: [String], _ analysis: QuestionAnalysis) -> Bool {
        guard !analysis.topicPhrases.isEmpty else {
            let set = Set(words)
            return analysis.topicGroups.filter { !$0.isDisjoint(with: set) }.count >= analysis.requiredGroups
        }
        return analysis.topicPhrases.contains { phrases in phrases.contains { contains(words, $0) } }
    }

    /// True when `words` holds `phrase` as a contiguous run.
    static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if Array(words[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }

    /// True when the sentence opens with a topic's name ("Sepsis is defined as …").
    static func startsWithTopic(words all: [String], _ analysis: QuestionAnalysis) -> Bool {
        let words = Array(all.prefix(6))
        return analysis.topicPhrases.contains { $0.contains { phrase in phrase.count <= words.count && Array(words.prefix(phrase.count)) == phrase } }
    }

    /// A table row with no label ("3.0-6.0 mmol/L; 7.0-7.25; …"): cells without a statement.
    static func isBareTableRow(_ sentence: Substring) -> Bool {
        sentence.filter { $0 == ";" }.count >= 2 && !sentence.prefix(42).contains(":")
    }

    /// Boilerplate and list dumps that read badly as statements (links, ontology notices, "A - B - C").
    static func isBoilerplate(_ sentence: Substring) -> Bool {
        if sentence.containsBytes("http") || sentence.hasPrefix("These resources") { return true }
        if sentence.containsBytes("Human Phenotype Ontology") || sentence.containsBytes("number of the fraction")
            || sentence.containsBytes("frequency of a sign or symptom") || sentence.containsBytes("a frequency of 25/25") { return true }
        return sentence.occurrences(of: " - ") >= 3
    }

    /// Opens with a pronoun that needs the previous sentence ("These studies…", "It is…").
    static func opensWithPronoun(_ sentence: Substring) -> Bool {
        let first = sentence.prefix { $0.isLetter }.lowercased()
        return ["these", "this", "they", "it", "its", "such", "those", "he", "she", "their", "both"].contains(first)
    }

    /// Word stems that name each intent.
    static func intentStems(_ intent: Intent) -> [String] {
        switch intent {
        case .causes: ["cause", "caus", "etiolog", "risk", "trigger"]
        case .treatment: ["treat", "therap", "manag"]
        case .symptoms: ["symptom", "sign"]
        case .diagnosis: ["diagnos"]
        case .prognosis: ["prognos", "outlook", "surviv"]
        case .prevention: ["prevent"]
        case .epidemiology: ["affect", "prevalen", "inciden", "common"]
        case .genetics: ["gene", "genetic", "inherit"]
        case .adverseEffects: ["side", "adverse", "toxic"]
        case .dosing: ["dose", "dosing", "mg"]
        case .mechanism: ["mechanism", "pathophysiolog"]
        case .definition, .comparison: []
        }
    }

    /// The sentence names the topic and the asked intent within four words of each other
    /// ("the causes of benign essential blepharospasm", "gout is treated with").
    static func answersDirectly(words: [String], _ analysis: QuestionAnalysis) -> Bool {
        let stems = intentStems(analysis.intent)
        guard !stems.isEmpty else { return false }
        for phrases in analysis.topicPhrases {
            for phrase in phrases where !phrase.isEmpty && phrase.count <= words.count {
                for start in 0...(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase {
                    let window = words[max(0, start - 4)..<start] + words[(start + phrase.count)..<min(words.count, start + phrase.count + 4)]
                    if window.contains(where: { word in stems.contains { word.hasPrefix($0) } }) { return true }
                }
            }
        }
        return false
    }

    /// Words that typically open a sentence, used to find where a fused heading ends.
    static let sentenceOpeners: Set<String> = [
        "The", "A", "An", "With", "Most", "Many", "Some", "If", "In", "For", "There", "It", "Your", "You", "People",
        "Doctors", "When", "Although", "About", "Only", "Other", "Anyone", "Each", "Several", "Treatment", "Researchers",
        "Scientists", "Symptoms", "Physicians", "Patients", "Medications", "Surgery",
    ]

    /// Small words a heading may contain ("Prevention and Treatment").
    static let headingJoiners: Set<String> = ["and", "of", "for", "the", "to", "in", "with", "or", "a", "an", "on"]

    /// Removes a heading fused to the start of a sentence by the source ("Common Treatments The
    /// most common treatments …" → "The most common treatments …"); the result is still a piece
    /// of the sentence.
    static func withoutFusedHeading(_ sentence: Substring) -> Substring {
        let words = sentence.split(separator: " ", maxSplits: 8, omittingEmptySubsequences: true)
        guard words.count > 3 else { return sentence }
        // The heading: capitalised words (and joiners between them), then an opener, then a lower-case word.
        for split in 1..<min(7, words.count - 1) {
            let heading = words[..<split]
            guard heading.first?.first?.isUppercase == true, heading.last?.first?.isUppercase == true,
                  heading.allSatisfy({ $0.first?.isUppercase == true || headingJoiners.contains(String($0)) }),
                  !heading.contains(where: { $0.contains(where: { ".,:;()".contains($0) }) }) else { continue }
            let opener = words[split]
            guard sentenceOpeners.contains(String(opener)), words[split + 1].first?.isLowercase == true else { continue }
            return sentence[opener.startIndex...]
        }
        return sentence
    }

    /// Opens with a demonstrative that only the previous sentence explains.
    static func needsPreviousSentence(_ sentence: Substring) -> Bool {
        let first = sentence.prefix { $0.isLetter }.lowercased()
        return ["these", "this", "they", "such", "those", "both", "he", "she"].contains(first)
    }

    /// Names the intent in words ("causes of", "treated with", "symptoms include").
    static func namesIntent(_ sentence: Substring, _ intent: Intent) -> Bool {
        let text = " " + sentence.lowercased()
        let cues: [String]
        switch intent {
        case .causes: cues = [" cause", " caused by", " due to", " risk factor", " results from", " result from"]
        case .treatment: cues = [" treat", " therapy", " therapies", " management"]
        case .symptoms: cues = [" symptom", " signs "]
        case .diagnosis: cues = [" diagnos"]
        case .prognosis: cues = [" prognosis", " outlook", " survival"]
        case .prevention: cues = [" prevent"]
        default: cues = []
        }
        return cues.contains { text.contains($0) }
    }

    /// Stronger evidence ranks higher: guideline > systematic review/meta-analysis > trial > cohort > case report.
    static func evidenceWeight(_ kind: DocumentKind) -> Double {
        switch kind {
        case .practiceGuideline, .guidelineSummary: 0.4
        case .agencyPage: 0.35
        case .systematicReview, .metaAnalysis: 0.3
        case .randomizedTrial: 0.25
        case .clinicalTrial: 0.2
        case .observationalStudy: 0.15
        case .review: 0.12
        case .journalArticle: 0.1
        case .caseReport, .commentary: 0.0
        }
    }

    /// A passage's own label counts: an abstract's conclusions and results, an institute answer whose type matches.
    static func labelWeight(_ label: String?, aspect: Intent) -> Double {
        guard let label else { return 0 }
        switch label.uppercased() {
        case "CONCLUSIONS", "CONCLUSION", "INTERPRETATION": return 0.3
        case "RESULTS", "FINDINGS": return 0.15
        case "BACKGROUND", "OBJECTIVE", "METHODS", "PURPOSE", "INTRODUCTION": return -0.15
        default: return AspectClassifier.questionTypes[label.lowercased()] == aspect ? 0.3 : 0
        }
    }

    private func sections(_ candidates: [Candidate], analysis: QuestionAnalysis, tier: Tier, used: inout Set<String>) -> [Answer.Section] {
        var result: [Answer.Section] = []
        for aspect in analysis.intent.related {
            let chosen = pick(candidates.filter { $0.aspect == aspect }, limit: statementsPerSection, used: &used, summaryOnly: false)
            guard !chosen.isEmpty else { continue }
            result.append(Answer.Section(heading: aspect.heading(topic: analysis.topicLabel), statements: chosen.map { statement($0, tier: tier) }))
        }
        return result
    }

    /// The best candidates, skipping any already used and near-duplicates of chosen ones (MMR-style).
    private func pick(_ candidates: [Candidate], limit: Int, used: inout Set<String>, summaryOnly: Bool) -> [Candidate] {
        var chosen: [Candidate] = []
        for candidate in candidates where chosen.count < limit {
            let key = candidate.text.lowercased()
            guard !used.contains(key) else { continue }
            if chosen.contains(where: { Self.similarity($0.terms, candidate.terms) > 0.5 }) { continue }
            // The summary comes from the best document only, so it reads as one voice.
            if summaryOnly, let first = chosen.first, first.documentRowid != candidate.documentRowid { continue }
            used.insert(key)
            chosen.append(candidate)
        }
        return chosen
    }

    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    /// A statement from a candidate: trimmed connective, "Label: text" split for guidelines.
    private func statement(_ candidate: Candidate, tier: Tier) -> Answer.Statement {
        var text = candidate.text
        if candidate.fromAgencyPage { text = Self.withoutFusedHeading(text) }
        for connective in Self.connectives where text.hasPrefix(connective) {
            let rest = text.dropFirst(connective.count)
            if let first = rest.first, first.isUppercase || first.isNumber { text = rest }
            break
        }
        var label: String?
        if tier == .guideline, let colon = text.firstIndex(of: ":") {
            let prefix = text[..<colon]
            let rest = text[text.index(after: colon)...].trimmingWhitespace
            if prefix.count >= 3, prefix.count <= 40, prefix.first?.isUppercase == true, !prefix.contains("."),
               rest.split(separator: " ").count >= 3 {
                label = String(prefix)
                text = rest
            }
        }
        return Answer.Statement(
            text: String(text), label: label, citations: [],
            evidence: [Answer.Evidence(reference: 0, passageId: "\(candidate.documentID)#\(candidate.passageOrdinal)", quote: String(candidate.text))])
    }

    /// Numbers references by first citation in reading order (guidelines come first).
    private func number(_ answer: inout Answer, documents: [Int64: Document]) {
        var numbers: [String: Int] = [:]
        let byID = Dictionary(documents.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func cite(_ statement: inout Answer.Statement) {
            for index in statement.evidence.indices {
                let documentID = String(statement.evidence[index].passageId.split(separator: "#").first!)
                if numbers[documentID] == nil {
                    numbers[documentID] = numbers.count + 1
                    let document = byID[documentID]!
                    answer.references.append(Answer.Reference(
                        number: numbers.count, documentId: documentID, tier: document.tier, kind: document.kind,
                        title: document.title, authors: document.authors.count == 1 && document.authors.first == document.source ? [] : document.authors,
                        source: document.source, year: document.year, pmid: document.pmid, doi: document.doi, url: document.url,
                        link: WebLink.best(url: document.url, doi: document.doi, pmid: document.pmid)))
                }
                statement.evidence[index].reference = numbers[documentID]!
            }
            statement.citations = Array(Set(statement.evidence.map(\.reference))).sorted()
        }
        for index in answer.guidelines.summary.indices { cite(&answer.guidelines.summary[index]) }
        for section in answer.guidelines.sections.indices {
            for index in answer.guidelines.sections[section].statements.indices { cite(&answer.guidelines.sections[section].statements[index]) }
        }
        for section in answer.research.sections.indices {
            for index in answer.research.sections[section].statements.indices { cite(&answer.research.sections[section].statements[index]) }
        }
    }
}
