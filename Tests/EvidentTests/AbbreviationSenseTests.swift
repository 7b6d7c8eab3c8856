import Testing
@testable import Evident

@Suite("An abbreviation read in the meaning the question's other concepts keep company with", .serialized)
struct AbbreviationSenseTests {
    /// Six NGC guidelines that define SBP as systolic blood pressure, the two that speak of
    /// spontaneous bacterial peritonitis (AASLD's ascites guideline, ngc-9796, and ngc-11020),
    /// and the open-medicine pack (its AASLD 2023 cirrhosis pages, and hypertension guidelines).
    static let sbp: (library: Library, composer: AnswerComposer) = {
        let summaries = ["11186", "10401", "10799", "10397", "7748", "10057", "9796", "11020"]
        let library = try! TestVocabulary.library("sbp", paths: summaries.map { TestData.path("ngc/summaries/ngc-\($0).xml.gz") } + [TestVocabulary.openMedicinePack])
        return (library, try! TestVocabulary.composer(library))
    }()

    @Test("SBP beside ascites is spontaneous bacterial peritonitis, and the answer gives its PMN threshold; SBP alone is still systolic blood pressure")
    func sbpBesideAscites() throws {
        let composer = Self.sbp.composer
        let usual = try #require(composer.vocabulary.concept(forAbbreviation: "SBP"))
        #expect(usual.name.lowercased().contains("blood pressure"), "\(usual.name)")
        let understanding = QuestionUnderstanding(vocabulary: composer.vocabulary, snapshot: composer.snapshot)
        let ascites = understanding.understand("cirrhotic with ascites - what ascitic PMN count diagnoses SBP?")
        let sbp = try #require(ascites.mentions.first { $0.text == "SBP" })
        #expect(sbp.concept.name.lowercased().contains("peritonitis"), "\(sbp.concept.name)")
        let pressure = understanding.understand("SBP target in hypertension with diabetes")
        #expect(pressure.mentions.first { $0.text == "SBP" }?.concept.id == usual.id)
        let answer = try composer.answer("cirrhotic with ascites - what ascitic PMN count diagnoses SBP?")
        #expect(answer.allStatements.contains { $0.text.contains("250 cells") })
        #expect(!answer.allStatements.contains { $0.text.contains("mm Hg") || $0.text.contains("mmHg") }, "\(answer.allStatements.map(\.text))")
        try AnswerCompositionTests.checkInvariants(answer, library: Self.sbp.library)
    }
}
