import Testing
@testable import Evident

/// Questions about a test ("does she need a lumbar puncture") ask whether and which to do.
@Suite("Questions about a test are diagnosis questions", .serialized)
struct TestQuestionTests {
    static func understand(_ question: String) -> StructuredQuery {
        QuestionUnderstanding(vocabulary: TestVocabulary.starter.composer.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot).understand(question)
    }

    @Test("a test named with no attribute cue makes a diagnosis question", arguments: [
        "febrile infant 3 weeks old does she need a lumbar puncture",
        "does a 45 year old with dysphagia need an endoscopy",
        "should I get an MRI for low back pain",
    ])
    func testQuestions(question: String) {
        #expect(Self.understand(question).intent == .diagnosis)
    }

    @Test("a cue, a drug or a treatment keeps its own question type", arguments: [
        ("MRI for low back pain treatment", Intent.treatment),
        ("metformin for type 2 diabetes", Intent.treatment),
        ("what is a lumbar puncture", Intent.definition),
    ])
    func otherQuestions(question: String, expected: Intent) {
        #expect(Self.understand(question).intent == expected)
    }

    @Test("MeSH files tests under diagnostic techniques, drugs and surgery not")
    func diagnosticProcedures() throws {
        let vocabulary = TestVocabulary.starter.composer.vocabulary
        for (id, expected) in [("D013129", true), ("D008279", true), ("D004724", true), ("D008687", false), ("D013514", false)] {
            let concept = try #require(vocabulary.concept(id: id))
            #expect(vocabulary.isDiagnosticProcedure(concept) == expected, "\(concept.name)")
        }
    }

    @Test("a pregnant woman is asked about as pregnant, not as any woman")
    func pregnantWoman() {
        let labels = Qualifier.detect(in: "suspected PE in a pregnant woman - CTPA or V/Q scan?").map(\.label)
        #expect(labels.contains("pregnancy") && !labels.contains("women"), "\(labels)")
        #expect(Qualifier.detect(in: "osteoporosis screening in women over 65").map(\.label).contains("women"))
    }
}
