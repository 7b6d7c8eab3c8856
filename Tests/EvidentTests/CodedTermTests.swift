import Testing
@testable import Evident

/// Scores and codes the vocabulary does not name ("CHA2DS2-VASc", "HAS-BLED") are read whole.
@Suite("Coded terms", .serialized)
struct CodedTermTests {
    static var composer: AnswerComposer { TestVocabulary.starter.composer }

    @Test("what reads as a code", arguments: [
        ("CHA2DS2-VASc", true), ("HAS-BLED", true), ("PHQ-9", true), ("CURB-65", true), ("HbA1c", true),
        ("COVID", false), ("well-being", false), ("B12", false), ("24-hour", false), ("Type-2", false),
    ])
    func coded(token: String, expected: Bool) {
        #expect(CodedTerm.isCoded(token) == expected)
    }

    @Test("a code the library uses is a concept of the question, not 'nothing medical'")
    func scoreNameIsAConcept() throws {
        let answer = try Self.composer.answer("CHA2DS2-VASc of 1 in a woman - anticoagulate or not?", explain: true)
        #expect(answer.message == nil, "\(answer.message ?? "")")
        let query = try #require(answer.explain)
        #expect(query.mentions.contains { $0.text == "CHA2DS2-VASc" && ($0.role == .primary || $0.role == .key) }, "\(query.mentions.map(\.text))")
        #expect(answer.allStatements.contains { (($0.label ?? "") + " " + $0.text).contains("CHA2DS2-VASc") })
        try AnswerCompositionTests.checkInvariants(answer, library: TestVocabulary.starter.library)
    }

    @Test("a code is not read as the abbreviation inside it; a numbered form keeps its abbreviation's concept")
    func abbreviationInsideACode() {
        let understanding = QuestionUnderstanding(vocabulary: Self.composer.vocabulary, snapshot: Self.composer.snapshot)
        let hasBled = understanding.understand("HAS-BLED score high - stop anticoagulation?")
        #expect(hasBled.mentions.map(\.text) == ["HAS-BLED"], "'HAS' is not Holmes-Adie syndrome here: \(hasBled.mentions.map(\.concept.name))")
        // "PHQ-9" is a numbered form of "PHQ": where the vocabulary names PHQ, that link stays.
        let words = LexiconText.words("PHQ-9 cutoff"), codes = CodedTerm.find(in: "PHQ-9 cutoff", words: words, covered: [])
        #expect(codes.count == 1 && codes[0].isNumbered(in: words))
        let bled = LexiconText.words("HAS-BLED")
        #expect(!CodedTerm.find(in: "HAS-BLED", words: bled, covered: [])[0].isNumbered(in: bled))
        let phq = understanding.understand("PHQ-9 cutoff for depression")
        #expect(phq.mentions.contains { $0.concept.name == "Patient Health Questionnaire" || $0.text == "PHQ-9" }, "\(phq.mentions.map(\.concept.name))")
    }
}
