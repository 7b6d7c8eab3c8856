import Testing
@testable import Evident

@Suite("Word forms")
struct WordFormsTests {
    @Test("a question's word meets the line's word in another form", arguments: [
        ("resolved", "resolution"), ("tocolytic", "tocolysis"), ("referred", "referral"), ("bleed", "bleeding"),
        ("dose", "doses"), ("thrombolysis", "thrombolytic"), ("chance", "chances"), ("screened", "screening"),
    ])
    func matches(question: String, line: String) {
        #expect(WordForms.count([WordForms.stem(question)], in: WordForms.lineForms([line])) == 1)
    }

    @Test("short words and different words do not meet", arguments: [
        ("age", "agent"), ("chance", "change"), ("provoked", "provide"), ("dose", "dosage"), ("bleed", "blend"),
    ])
    func doesNotMatch(question: String, line: String) {
        #expect(WordForms.count([WordForms.stem(question)], in: WordForms.lineForms([line])) == 0)
    }

    @Test("MeSH files conditions of pregnancy under Pregnancy Complications")
    func pregnancyConditions() throws {
        let vocabulary = Vocabulary(mesh: TestVocabulary.mesh, library: nil)
        let preterm = try #require(vocabulary.concept(named: "preterm labor"))
        let preeclampsia = try #require(vocabulary.concept(named: "pre-eclampsia"))
        let asthma = try #require(vocabulary.concept(named: "asthma"))
        #expect(vocabulary.isPregnancyCondition(preterm))
        #expect(vocabulary.isPregnancyCondition(preeclampsia))
        #expect(!vocabulary.isPregnancyCondition(asthma))
    }
}
