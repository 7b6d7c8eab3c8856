import Testing
@testable import Evident

/// The subject re-chosen with the evidence in hand: a setting the question names ("post-MI")
/// is not its subject when the library's evidence on it covers nothing else asked.
@Suite("Subject choice", .serialized)
struct SubjectChoiceTests {
    /// The open-medicine pack (the ACC/AHA cholesterol guideline's ezetimibe lines), NGC's AAFP
    /// guideline on post-myocardial infarction depression, and two NIH institutes' pages (where "LDL" is
    /// defined).
    static let library: Library = try! TestVocabulary.library("subject-choice", paths: [
        TestVocabulary.openMedicinePack, TestData.path("ngc/summaries/ngc-8078.xml.gz"),
        TestData.path("medquad/8_NHLBI_QA_XML"), TestData.path("medquad/7_SeniorHealth_QA"),
    ])

    @Test("'when to add ezetimibe' after an MI is answered with the ezetimibe lines, not post-MI depression")
    func settingIsNotTheSubject() throws {
        let composer = try TestVocabulary.composer(Self.library)
        let answer = try composer.answer("LDL goal post-MI already on atorva 80 - when to add ezetimibe?", explain: true)
        #expect(answer.message == nil)
        #expect(answer.explain?.primary?.concept.name != "post-myocardial infarction")
        let lead = try #require(answer.guidelines.summary.first)
        #expect(lead.text.localizedCaseInsensitiveContains("ezetimibe") && lead.text.contains("LDL"), "\(lead.label ?? ""): \(lead.text)")
        #expect(!answer.allStatements.contains { $0.text.contains("SSRI") })
        // The setting the evidence does not cover together with the subject is said, not dropped;
        // the library does hold evidence on it, so it is never "no evidence on" it.
        #expect(answer.notes.contains { $0.contains("post-myocardial infarction together with") })
        try AnswerCompositionTests.checkInvariants(answer, library: Self.library)
    }

    @Test("a reading wins on more coverage, or on as much with the first subject covered")
    func readingOrder() {
        var covered = SubjectChoice.Reading([:], first: nil)
        covered.coverage = 2
        covered.coversFirst = true
        var wider = SubjectChoice.Reading([:], first: nil)
        wider.coverage = 3
        var same = SubjectChoice.Reading([:], first: nil)
        same.coverage = 2
        #expect(wider.isBetter(than: covered))
        #expect(!same.isBetter(than: covered))
        #expect(covered.isBetter(than: same))
        // As much coverage: a disease subject wins over a drug subject, never with nothing found.
        var uncovered = same
        uncovered.coversFirst = true
        #expect(same.isBetter(than: uncovered, diseaseOverDrug: true))
        #expect(!same.isBetter(than: uncovered))
        #expect(!SubjectChoice.Reading([:], first: nil).isBetter(than: SubjectChoice.Reading([:], first: nil), diseaseOverDrug: true))
        #expect(!same.isBetter(than: wider, diseaseOverDrug: true))
    }

    @Test("a drug's dose for a disease no line names it with is answered on the disease, with a note, not refused")
    func diseaseOverDrug() throws {
        let composer = TestVocabulary.starter.composer
        let answer = try composer.answer("giant cell arteritis initial prednisone dose", explain: true)
        #expect(answer.message == nil, "\(answer.message ?? "")")
        #expect(answer.explain?.primary?.concept.name == "Giant Cell Arteritis")
        #expect(answer.allStatements.contains { $0.text.contains("corticosteroids") })
        #expect(answer.notes.contains { $0.contains("Prednisone together with Giant Cell Arteritis") }, "\(answer.notes)")
        // Prednisone's lines on other diseases are not given as its dose in giant cell arteritis.
        #expect(!answer.allStatements.contains { $0.text.localizedCaseInsensitiveContains("prednisone") })
        try AnswerCompositionTests.checkInvariants(answer, library: TestVocabulary.starter.library)
    }
}
