import Testing
@testable import Evident

@Suite("Passages that name every concept of the question", .serialized)
struct PassageRetentionTests {
    /// The NGC guidelines of the shared data that speak most of COPD, and the open-medicine pack.
    static let copd: (library: Library, composer: AnswerComposer) = {
        let summaries = ["10698", "10629", "10948", "11317", "11170", "11253", "9985", "10954", "10161", "10792", "10862", "10834", "7748", "9984"]
        let library = try! TestVocabulary.library("copd", paths: summaries.map { TestData.path("ngc/summaries/ngc-\($0).xml.gz") } + [TestVocabulary.openMedicinePack])
        return (library, try! TestVocabulary.composer(library))
    }()

    @Test("a long section's one line on the asked drug is found: 'A dose of prednisone … for a 5-day course' in a guideline on COPD exacerbations")
    func drugLineInLongSection() throws {
        let answer = try Self.copd.composer.answer("copd exacerbation prednisone how many days")
        #expect(answer.message == nil)
        #expect(!answer.notes.contains { $0.contains("no evidence on Prednisone") }, "\(answer.notes)")
        #expect(answer.allStatements.contains { $0.text.contains("5-day course") })
        try AnswerCompositionTests.checkInvariants(answer, library: Self.copd.library)
    }

    @Test("a passage naming every concept is kept past the cuts that would drop it; without the names it is not")
    func keptPastTheCut() throws {
        let composer = Self.copd.composer
        let query = QuestionUnderstanding(vocabulary: composer.vocabulary, snapshot: composer.snapshot).understand("copd exacerbation prednisone how many days")
        #expect(query.required.count == 2)
        // Cuts so tight that the long "Key Points › Treatment" section falls below them on its fit alone.
        var retriever = EvidenceRetriever(library: composer.library, snapshot: composer.snapshot)
        (retriever.passagesPerDocument, retriever.passagesPerTier) = (2, 4)
        let kept = try retriever.retrieve(query, tier: .guideline)
        let prednisone = kept.filter { $0.passage.text.contains("A dose of prednisone, 40 mg orally daily, for a 5-day course") }
        #expect(!prednisone.isEmpty, "\(kept.map(\.passageID))")
        #expect(prednisone.allSatisfy { $0.namesEveryConcept })
        #expect(kept.count <= 4 + retriever.extraPassagesNamingAll * (1 + retriever.documentsPerTier))
        retriever.extraPassagesNamingAll = 0
        let withoutNames = try retriever.retrieve(query, tier: .guideline)
        #expect(withoutNames.allSatisfy { !$0.passage.text.contains("A dose of prednisone, 40 mg orally daily") })
    }

    /// NICE's 2014 atrial fibrillation guideline and the open-medicine pack (ACC/AHA 2023 on AF).
    static let atrialFibrillation: (library: Library, composer: AnswerComposer) = {
        let library = try! TestVocabulary.library("af", paths: [TestData.path("ngc/summaries/ngc-10473.xml.gz"), TestVocabulary.openMedicinePack])
        return (library, try! TestVocabulary.composer(library))
    }()

    @Test("a section headed with the question's phrase is kept, however often other sections name the subject: NICE's 'Rate Control' leads 'afib rate control first line'")
    func sectionHeadedByThePhrase() throws {
        let composer = Self.atrialFibrillation.composer
        let query = QuestionUnderstanding(vocabulary: composer.vocabulary, snapshot: composer.snapshot).understand("afib rate control first line")
        var retriever = EvidenceRetriever(library: composer.library, snapshot: composer.snapshot)
        let kept = try retriever.retrieve(query, tier: .guideline)
        let rateControl = kept.filter { $0.document.id == "ngc:10473" && $0.passage.heading?.hasSuffix("> Rate Control") == true }
        #expect(!rateControl.isEmpty && rateControl.allSatisfy(\.headedByPhrase), "\(kept.map(\.passageID))")
        retriever.extraPassagesNamingAll = 0
        #expect(try retriever.retrieve(query, tier: .guideline).allSatisfy { !($0.passage.heading?.hasSuffix("> Rate Control") ?? false) || $0.document.id != "ngc:10473" },
                "without the extra places the section falls below NICE's sections that say 'AF' more often")
        let answer = try composer.answer("afib rate control first line")
        let lead = try #require(answer.guidelines.summary.first)
        #expect(lead.text.contains("beta-blocker") && lead.text.contains("calcium-channel blocker"), "\(lead.label ?? ""): \(lead.text)")
        try AnswerCompositionTests.checkInvariants(answer, library: Self.atrialFibrillation.library)
    }

    @Test("a question naming a guideline body is read so, and that body's lines lead")
    func guidelineBody() throws {
        let answer = try Self.copd.composer.answer("What blood pressure counts as stage 1 hypertension under the 2017 ACC/AHA guideline?", explain: true)
        let query = try #require(answer.explain)
        #expect(query.publishers == ["ACC", "AHA"])
        #expect(!query.mentions.contains { $0.text == "ACC" || $0.text == "AHA" })
        let lead = try #require(answer.guidelines.summary.first)
        let reference = try #require(answer.references.first { lead.citations.first == $0.number })
        let document = try #require(try Self.copd.library.document(id: reference.documentId)?.document)
        #expect(Publishers.abbreviations(ofSource: document.source ?? "").isSuperset(of: ["ACC", "AHA"]), "\(document.source ?? "")")
    }
}
