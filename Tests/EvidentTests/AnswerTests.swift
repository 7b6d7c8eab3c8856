import EvidentSearch
import Foundation
import Testing
@testable import Evident

@Suite("Sentence splitting")
struct SentenceSplitterTests {
    @Test("abbreviations, initials, decimals and figures do not end sentences", arguments: [
        ("Patients (e.g. adults) improved. Others did not.", ["Patients (e.g. adults) improved.", "Others did not."]),
        ("As shown by Smith et al. (2001), it works. Next.", ["As shown by Smith et al. (2001), it works.", "Next."]),
        ("Dose was 2.5 mg. See Fig. 2 for details.", ["Dose was 2.5 mg.", "See Fig. 2 for details."]),
        ("Drug A vs. drug B was tested in the U.S. Results were mixed.", ["Drug A vs. drug B was tested in the U.S. Results were mixed."]),
        ("Reported by J. Smith. Then it ended!", ["Reported by J. Smith.", "Then it ended!"]),
        ("Line one\nLine two. Three", ["Line one", "Line two.", "Three"]),
        ("Is it safe? Yes.", ["Is it safe?", "Yes."]),
    ])
    func splits(text: String, expected: [String]) {
        #expect(SentenceSplitter.sentences(text).map(String.init) == expected)
    }

    @Test("on 1,000 real abstracts, sentences are exact pieces that rebuild the text")
    func realAbstracts() throws {
        let documents = try TestData.read(PubMedQAImporter(), TestData.path("pubmedqa/ori_pqal.json")).documents
        var sentences = 0
        for passage in documents.flatMap(\.passages) {
            let pieces = SentenceSplitter.sentences(passage.text)
            sentences += pieces.count
            #expect(pieces.allSatisfy { passage.text.contains($0) })
            #expect(pieces.joined(separator: " ").filter { !$0.isWhitespace } == passage.text.filter { !$0.isWhitespace })
        }
        // About 9–10 sentences per abstract; a splitter that never split would give ~4 (one per section).
        #expect(sentences > 8_000)
    }
}

@Suite("Question analysis")
struct QuestionAnalysisTests {
    static let vocabulary = try! MeSHVocabulary(path: TestData.path("mesh/mesh_id_label_mappings.tsv"))

    @Test("topics and intent in terse, full and long questions", arguments: [
        ("blepharospasm causes", "Blepharospasm", Intent.causes),
        ("What causes blepharospasm?", "Blepharospasm", .causes),
        ("Hello doctor, my mother is 67 and for two years her eyelids keep closing on their own. We were told it is blepharospasm. What could be causing it and can it be treated?", "Blepharospasm", .causes),
        ("How is gout treated?", "Gout", .treatment),
        ("What are the symptoms of Parkinson's disease?", "Parkinson Disease", .symptoms),
        ("what is the prognosis of pancreatitis", "Pancreatitis", .prognosis),
        ("side effects of allopurinol", "Allopurinol", .adverseEffects),
        ("Is asthma inherited?", "Asthma", .genetics),
    ])
    func analysis(question: String, topic: String, intent: Intent) {
        let analysis = QuestionAnalysis(question: question, vocabulary: Self.vocabulary, analyzer: Analyzer())
        #expect(analysis.intent == intent)
        #expect(analysis.topics.map(\.label).contains(topic), "\(analysis.topics)")
    }

    @Test("entry terms map to the descriptor; upper-case abbreviations match only as written")
    func concepts() {
        let matches = Self.vocabulary.concepts(in: "Was AIDS linked to heart attack?")
        let names = matches.map { Self.vocabulary.descriptors[$0.descriptorIndex].name }
        #expect(names.contains("Acquired Immunodeficiency Syndrome"))
        #expect(names.contains("Myocardial Infarction"))
        #expect(!names.contains("Wiskott-Aldrich Syndrome"))
    }
}

@Suite("Answers", .serialized)
struct AnswerTests {
    /// A library of the NIH pages (guideline tier), PubMedQA and SciFact (research), with the index and aspect model.
    static let setup: (Library, AnswerComposer, String) = {
        let directory = TestData.temporaryDirectory("answers")
        let library = try! Library(directory: directory, create: true)
        _ = try! Ingestor(library: library).run(IngestPlan.make(paths: [TestData.path("medquad"), TestData.path("pubmedqa"), TestData.path("scifact/corpus.jsonl")], format: nil))
        try! LibraryIndexer(library: library).update()
        let composer = AnswerComposer(library: library, snapshot: try! LibraryIndexer.open(library),
                                      vocabulary: QuestionAnalysisTests.vocabulary, classifier: try! library.aspectModel())
        return (library, composer, directory)
    }()

    /// Checks every rule an answer must keep.
    static func checkInvariants(_ answer: Answer, library: Library) throws {
        // Citation numbers run 1…N in order of first appearance.
        var seen: [Int] = []
        for statement in answer.allStatements { for number in statement.citations where !seen.contains(number) { seen.append(number) } }
        #expect(seen == Array(1...max(1, seen.count)).prefix(seen.count).map { $0 })
        #expect(answer.references.map(\.number) == Array(1...max(1, answer.references.count)).prefix(answer.references.count).map { $0 })
        let tiers = Dictionary(uniqueKeysWithValues: answer.references.map { ($0.number, $0.tier) })
        // Tiers never mix.
        for statement in answer.guidelines.summary + answer.guidelines.sections.flatMap(\.statements) {
            #expect(statement.citations.allSatisfy { tiers[$0] == .guideline })
        }
        for statement in answer.research.sections.flatMap(\.statements) {
            #expect(statement.citations.allSatisfy { tiers[$0] == .research })
        }
        // Every statement is found in the passage it cites; no statement twice; no empty section.
        let texts = answer.allStatements.map(\.text)
        #expect(Set(texts).count == texts.count)
        #expect((answer.guidelines.sections + answer.research.sections).allSatisfy { !$0.statements.isEmpty })
        for statement in answer.allStatements {
            for evidence in statement.evidence {
                let parts = evidence.passageId.split(separator: "#")
                let stored = try #require(try library.document(id: String(parts[0])))
                let passage = stored.document.passages[Int(parts[1])!]
                #expect(passage.text.contains(evidence.quote))
                #expect(evidence.quote.contains(statement.text))
                #expect(statement.citations.contains(evidence.reference))
                #expect(answer.references[evidence.reference - 1].documentId == stored.document.id)
            }
        }
    }

    @Test("answers keep every rule: grounded, cited in order, tiers apart, no duplicates", arguments: [
        "What causes blepharospasm?", "How is gout treated?", "What are the symptoms of Parkinson's disease?",
        "Does vitamin D supplementation prevent fractures?", "What is the outlook for amyotrophic lateral sclerosis?",
        "Hi, my son was just diagnosed with asthma. What treatments are there and will he grow out of it?",
    ])
    func invariants(question: String) throws {
        let (library, composer, _) = Self.setup
        let answer = try composer.answer(question)
        #expect(answer.message == nil, "expected evidence for \(question)")
        #expect(!answer.allStatements.isEmpty)
        try Self.checkInvariants(answer, library: library)
    }

    @Test("the blepharospasm answer cites the NIH pages and leads with its causes")
    func blepharospasm() throws {
        let (_, composer, _) = Self.setup
        let answer = try composer.answer("What causes blepharospasm?")
        #expect(answer.intent == .causes)
        #expect(answer.topics.first?.meshId == "D001764")
        #expect(answer.guidelines.sections.first?.heading == "Causes of Blepharospasm")
        #expect(answer.references.contains { $0.documentId == "medquad:NINDS-0000043" || $0.documentId == "medquad:GHR-0000116" })
        #expect((answer.guidelines.summary + answer.guidelines.sections[0].statements).contains { $0.text.lowercased().contains("cause") })
        // Site boilerplate repeated across pages about many subjects is not evidence.
        #expect(!answer.allStatements.contains { $0.text.contains("MedlinePlus Medical Dictionary") || $0.text.contains("Orphanet") })
        #expect(answer.guidelines.summary.first?.text.hasPrefix("The causes of benign essential blepharospasm") == true)
    }

    @Test("an off-topic question gets the honest no-evidence answer", arguments: [
        "How do I change a bicycle tyre?", "What is the capital of Mongolia?",
    ])
    func noEvidence(question: String) throws {
        let (_, composer, _) = Self.setup
        let answer = try composer.answer(question)
        #expect(answer.allStatements.isEmpty)
        #expect(answer.message?.hasPrefix("No evidence in this library") == true)
        #expect(answer.references.isEmpty)
    }

    @Test("renderers escape source text; HTML citations link to references")
    func rendering() throws {
        let (_, composer, _) = Self.setup
        var answer = try composer.answer("What causes blepharospasm?")
        answer.guidelines.summary.insert(Answer.Statement(text: "<script>alert(1)</script> *x* \u{1B}[31m", label: nil, citations: [1], evidence: []), at: 0)
        let html = AnswerRenderer.html(answer)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("href=\"#ref-1\""))
        #expect(html.contains("id=\"ref-1\""))
        #expect(AnswerRenderer.markdown(answer).contains("\\<script\\>"))
        #expect(!AnswerRenderer.text(answer).contains("\u{1B}"))
        #expect(AnswerRenderer.text(answer).hasPrefix("From the Guidelines"))
    }

    @Test("boilerplate is found from the data: sentences on pages about many subjects")
    func boilerplate() throws {
        let (library, composer, _) = Self.setup
        let sentences = try library.boilerplateSentences()
        #expect(sentences.contains("you can use the medlineplus medical dictionary to look up the definitions for these medical terms."))
        #expect(sentences.count > 300)
        #expect(composer.classifier.boilerplate == sentences)
    }

    @Test("the aspect classifier beats the majority baseline by far on held-out MedQuAD pages")
    func aspectAccuracy() throws {
        let (library, _, _) = Self.setup
        let evaluation = AspectClassifier.evaluate(try library.aspectExamples())
        #expect(evaluation.testSentences > 20_000)
        #expect(evaluation.accuracy > 0.65)
        #expect(evaluation.accuracy > evaluation.majorityBaseline + 0.3)
    }
}
