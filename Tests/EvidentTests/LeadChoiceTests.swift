import Testing
@testable import Evident

/// What may lead an answer: a list of alternatives read as one choice, the asked drug's own
/// dose, a line for the asked patient before one for another population.
@Suite("The lead answers the asked question", .serialized)
struct LeadChoiceTests {
    static var composer: AnswerComposer { TestVocabulary.starter.composer }
    static var library: Library { TestVocabulary.starter.library }

    /// The text of the passage of ATS/IDSA's 2019 pneumonia guideline (open-medicine pack) that contains `needle`.
    static func pneumoniaPassage(containing needle: String) throws -> String {
        let stored = try #require(try library.document(id: "doi:10.1164/rccm.201908-1581ST"))
        return try #require(stored.document.passages.first { $0.text.contains(needle) }).text
    }

    @Test("ATS/IDSA's outpatient regimens, one line each ending in 'OR', are one list under their grade")
    func alternativesAreOneList() throws {
        let text = try Self.pneumoniaPassage(containing: "Amoxicillin 1 g orally three times daily; OR")
        let units = EvidenceUnits.units(of: text)
        let list = try #require(units.first { $0.items.contains { $0.hasPrefix("Amoxicillin 1 g") } })
        #expect(list.kind == .inlineList && list.alternatives)
        #expect(list.items.count == 3 && list.items[1].hasPrefix("Doxycycline") && list.items[2].hasPrefix("Azithromycin"), "\(list.items)")
        #expect(list.text.hasPrefix("(Strong recommendation"), "the grade line over the choices is the list's text: \(list.text)")
        #expect(text.contains(list.quote) && list.items.allSatisfy { list.quote.contains($0) })
        // The grade line is not also a statement of its own, nor any regimen a fragment apart.
        #expect(!units.contains { !$0.alternatives && ($0.text.hasPrefix("Doxycycline") || $0.text.hasPrefix("(Strong")) })
    }

    @Test("a line of prose that ends a clause with 'or' on its own is not a list", arguments: [
        "Treat with oral antibiotics.\nReassess in 48 hours.",
        "Give amoxicillin; OR\n\nConsider doxycycline if allergic.",
    ])
    func noListWithoutARun(text: String) {
        let units = EvidenceUnits.units(of: text)
        #expect(!units.contains { $0.alternatives })
    }

    @Test("a first-line question is led by the strongest grade, not by the line naming most drugs")
    func firstChoiceByGrade() throws {
        let library = try TestVocabulary.library("pdn", paths: [TestData.path("ngc/summaries/ngc-8504.xml.gz")])
        let composer = try TestVocabulary.composer(library)
        let lead = try #require(try composer.answer("painful diabetic neuropathy first line drug").guidelines.summary.first)
        #expect(lead.text.contains("pregabalin") && lead.text.contains("Level A"), "\(lead.label ?? ""): \(lead.text)")
        // Asked without "first line", the grade counts as it always does.
        let any = try composer.answer("painful diabetic neuropathy drugs", explain: true)
        let levelA = try #require(any.allStatements.first { $0.text.contains("(Level A)") })
        #expect(levelA.explain?.parts.first { $0.name == "strong recommendation" }?.value == StatementSelector.Weight.strongGrade)
    }

    @Test("outpatient pneumonia in a healthy adult is led by the regimens, not a line on a test")
    func pneumoniaLedByRegimens() throws {
        let answer = try Self.composer.answer("CAP outpatient antibiotic healthy adult no comorbidities", explain: true)
        let lead = try #require(answer.guidelines.summary.first)
        #expect((lead.items ?? []).contains { $0.hasPrefix("Amoxicillin 1 g") }, "\(lead.label ?? ""): \(lead.text) \(lead.items ?? [])")
        try AnswerCompositionTests.checkInvariants(answer, library: Self.library)
    }

    @Test("a colchicine dose question is not led by naproxen's dose in a line that mentions colchicine")
    func anotherDrugsDoseDoesNotLead() throws {
        let answer = try Self.composer.answer("gout flare colchicine dose", explain: true)
        let naproxen = answer.allStatements.filter { $0.text.contains("naproxen 250 mg") }
        #expect(naproxen.allSatisfy { $0.explain?.parts.contains { $0.name == StatementSelector.anotherDrugsDosePart } == true })
        let lead = try #require(answer.guidelines.summary.first)
        #expect(!lead.text.contains("naproxen") && ((lead.label ?? "") + " " + lead.text).localizedCaseInsensitiveContains("colchicine"),
                "\(lead.label ?? ""): \(lead.text)")
    }

    @Test("the drug nearest before a line's first dose owns it")
    func doseOwner() {
        let words = LexiconText.words("Low-dose (e.g., naproxen 250 mg twice daily); Alternative if colchicine not tolerated")
        let naproxen = words.firstIndex { $0.key == "naproxen" }!, colchicine = words.firstIndex { $0.key == "colchicine" }!
        #expect(DoseOwner.firstDose(in: words) == naproxen + 1)
        let drugs = [naproxen..<(naproxen + 1), colchicine..<(colchicine + 1)]
        let text = "Low-dose (e.g., naproxen 250 mg twice daily); Alternative if colchicine not tolerated"
        #expect(DoseOwner.givesAnotherDrugsDose(words, in: text, drugs: drugs) { $0.lowerBound == colchicine })
        #expect(!DoseOwner.givesAnotherDrugsDose(words, in: text, drugs: drugs) { $0.lowerBound == naproxen })
        let ownText = "Colchicine 0.6 mg once or twice daily; naproxen if not tolerated"
        #expect(!DoseOwner.givesAnotherDrugsDose(LexiconText.words(ownText), in: ownText, drugs: [0..<1, 8..<9]) { $0.lowerBound == 0 })
        // A drug of an earlier clause does not own the dose (the label, "Dabigatran", does).
        let leadIn = "LMWH or UFH for 5-10 days; 150 mg orally twice daily"
        let leadInWords = LexiconText.words(leadIn)
        #expect(!DoseOwner.givesAnotherDrugsDose(leadInWords, in: leadIn, drugs: [0..<1, 2..<3]) { _ in false })
    }

    @Test("words after 'with' or 'without' in a heading say whom it is on, not its aspect", arguments: [
        ("Outpatient Treatment > Healthy Adults Without Comorbidities or Risk Factors for Resistant Pathogens", Intent.treatment),
        ("HEALTHY ADULTS WITHOUT COMORBIDITIES OR RISK FACTORS FOR RESISTANT PATHOGENS", nil),
        ("Management of Patients with Symptoms of Reflux", Intent.treatment),
        ("Risk Factors", Intent.causes),
        ("Treatment > Dosing", Intent.dosing),
        // What an aspect is for or of is not the heading's aspect; a later aspect still is.
        ("Monitoring for Complications and Associated Conditions of Type 2 Diabetes", Intent.diagnosis),
        ("Prevention of Complications", Intent.prevention),
        ("Diagnosis and Treatment", Intent.treatment),
        ("Type 2 Diabetes › Monitoring for Complications › Treatment", Intent.treatment),
        ("Offer a 7-day, twice-daily course of treatment with", Intent.treatment),
    ])
    func headingAspect(heading: String, expected: Intent?) {
        #expect(IntentCues.aspect(ofHeading: heading) == expected)
    }

    @Test("a causes question leads with the line that says what the subject is caused by, not one that only names causes; site pointers are no statements")
    func causeLeads() throws {
        let answer = try Self.composer.answer("what causes Prader-Willi syndrome")
        let lead = try #require(answer.guidelines.summary.first)
        #expect(lead.text.contains("is caused by") && !lead.text.contains("family members"), "\(lead.text)")
        #expect(!answer.allStatements.contains { $0.text.localizedCaseInsensitiveContains("web site") })
        let words = LexiconText.words("PWS is caused by missing or non-working genes on chromosome 15.")
        #expect(StatementSelector.saysWhatCauses(words, after: 0))
        #expect(!StatementSelector.saysWhatCauses(LexiconText.words("The risk to family members of a person with PWS depends on the genetic cause"), after: 8))
    }

    @Test("a question on how to diagnose is not answered by a line on screening people without symptoms")
    func diagnosisIsNotScreening() {
        func selector(_ question: String) -> StatementSelector {
            let query = QuestionUnderstanding(vocabulary: Self.composer.vocabulary, snapshot: Self.composer.snapshot).understand(question)
            return StatementSelector(query: query, tier: .guideline, vocabulary: Self.composer.vocabulary, classifier: nil,
                                     libraryLexicon: nil, snapshot: Self.composer.snapshot)
        }
        #expect(selector("spirometry criteria to diagnose COPD").asksDiagnosisNotScreening)
        #expect(!selector("should smokers be screened for COPD with spirometry").asksDiagnosisNotScreening)
        #expect(!selector("asymptomatic microscopic hematuria how to diagnose the cause").asksDiagnosisNotScreening)
        #expect(!selector("COPD inhaler treatment").asksDiagnosisNotScreening)
    }

    @Test("children and young people are the kids a question asks about, not another population")
    func childrenAndYoungPeople() {
        let query = QuestionUnderstanding(vocabulary: Self.composer.vocabulary, snapshot: Self.composer.snapshot)
            .understand("GERD in kids - how long a PPI trial for persistent heartburn?")
        let selector = StatementSelector(query: query, tier: .guideline, vocabulary: Self.composer.vocabulary, classifier: nil,
                                         libraryLexicon: nil, snapshot: Self.composer.snapshot)
        #expect(!selector.namesOtherPopulation(IntentCues.normalized("Consider a 4-week trial of a PPI for children and young people with persistent heartburn")))
        #expect(selector.namesOtherPopulation(IntentCues.normalized("Consider a PPI in pregnant women with heartburn")))
    }
}
