import Testing
@testable import Evident

/// A question that names no special population is answered for everyone: lines on children do
/// not crowd out a line for all patients, a question on how often asks for a frequency, and a
/// population the subject itself names (the liver of "fatty liver") is no other population.
@Suite("Lines for the asked population", .serialized)
struct PopulationLeadTests {
    /// A scored line covering `covered` of the question's concepts, on another population or not.
    static func line(_ text: String, covered: Set<Int>, anotherPopulation: Bool) -> ScoredUnit {
        let quote = Substring(text)
        let parts = anotherPopulation ? [StatementExplanation.Part(name: StatementSelector.otherPopulationPart, value: -0.4)] : []
        return ScoredUnit(unit: EvidenceUnit(kind: .sentence, quote: quote, text: quote, line: 0), source: 0, text: quote, label: nil,
                          aspect: .diagnosis, aspectFrom: "sentence", subject: .sentence, covered: covered, qualifiers: [], score: 1,
                          parts: parts, canLead: true, fit: 1, grade: nil, namesAttribute: true)
    }

    @Test("lines on children that name more of the question do not push out a line for all patients")
    func coverBarForAnyone() {
        // "diabetic retinopathy screening interval type 2 diabetes": NICE's lines name both
        // concepts but are on children and young people; a line for all patients names one.
        let children = Self.line("Offer children and young people with type 2 diabetes annual monitoring for diabetic retinopathy from 12 years.", covered: [0, 1], anotherPopulation: true)
        let everyone = Self.line("Refer patients for diabetic retinopathy screening annually.", covered: [0], anotherPopulation: false)
        #expect(AnswerComposer.coverBar([children, everyone], best: 2) == 1)
        // A line for anyone that names both keeps the bar: lines naming fewer are about less of the question.
        let both = Self.line("Adults with type 2 diabetes should have diabetic retinopathy screening every year.", covered: [0, 1], anotherPopulation: false)
        #expect(AnswerComposer.coverBar([children, everyone, both], best: 2) == 2)
        // Only lines on another population: they answer, as before.
        #expect(AnswerComposer.coverBar([children], best: 2) == 2)
        // A tier with nothing at the bar (another tier set it) keeps it.
        #expect(AnswerComposer.coverBar([everyone], best: 2) == 2)
    }

    @Test("a question's words on how often ask for a frequency", arguments: [
        "diabetic retinopathy screening interval type 2 diabetes", "how often should HbA1c be checked", "clozapine ANC monitoring schedule",
    ])
    func frequencyDetail(question: String) {
        #expect(AttributeDetail.detect(in: IntentCues.normalized(question)).contains(.frequency))
    }

    @Test("a line on the asked population and another answers for the asked one; 'unless contraindicated' is no harm (osteoporosis in men)")
    func askedAndAnotherPopulation() throws {
        // NGC's osteoporosis guideline: "Bisphosphonates should be considered (unless
        // contraindicated) … in: Postmenopausal women with osteoporosis / Men with osteoporosis".
        let library = try TestVocabulary.library("asked-population", paths: [TestData.path("ngc/summaries/ngc-11292.xml.gz")])
        let answer = try TestVocabulary.composer(library).answer("osteoporosis treatment in men", explain: true)
        let statement = try #require(answer.allStatements.first { ($0.items ?? []).contains { $0.hasPrefix("Men with osteoporosis") } },
                                     "\(answer.allStatements.map(\.text))")
        let parts = statement.explain?.parts.map(\.name) ?? []
        #expect(parts.contains("qualifiers") && !parts.contains(StatementSelector.otherPopulationPart), "\(parts)")
        #expect(statement.explain?.aspect == .treatment)
    }

    @Test("a population the subject's own name speaks of is not another population (the liver in 'fatty liver')")
    func subjectNamesPopulation() {
        let composer = TestVocabulary.starter.composer
        func selector(_ question: String) -> StatementSelector {
            let query = QuestionUnderstanding(vocabulary: composer.vocabulary, snapshot: composer.snapshot).understand(question)
            return StatementSelector(query: query, tier: .guideline, vocabulary: composer.vocabulary, classifier: nil, libraryLexicon: nil, snapshot: composer.snapshot)
        }
        let line = IntentCues.normalized("In patients with nonalcoholic fatty liver disease, liver biopsy should be considered.")
        #expect(!selector("fatty liver how much alcohol is allowed").namesOtherPopulation(line))
        #expect(selector("gout flare treatment").namesOtherPopulation(IntentCues.normalized("Reduce the dose in patients with hepatic impairment.")))
    }
}
