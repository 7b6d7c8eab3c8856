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

@Suite("Opposite modifiers")
struct OppositeModifiersTests {
    @Test("a line on the opposite case is told apart from one on the asked case or on both", arguments: [
        ("when to start statin primary prevention", "Add to statin for secondary prevention if LDL ≥ 55 mg/dL.", true),
        ("when to start statin primary prevention", "Statins are recommended for primary and secondary prevention.", false),
        ("when to start statin primary prevention", "In primary prevention, a 10-year risk of 7.5% or more.", false),
        ("risk of recurrence after a first unprovoked seizure", "After a provoked seizure the risk of recurrence is low.", true),
        ("upper GI bleed risk score", "Colonoscopy is the first test in lower GI bleeding.", true),
        ("statin dose", "Add to statin for secondary prevention.", false),
    ])
    func opposite(question: String, line: String, opposite: Bool) {
        #expect(OppositeModifiers(question: question).saysOpposite(IntentCues.normalized(line)) == opposite)
    }
}
