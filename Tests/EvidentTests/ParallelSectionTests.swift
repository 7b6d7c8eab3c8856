import Testing
@testable import Evident

@Suite("Sections parallel to the one on the asked condition", .serialized)
struct ParallelSectionTests {
    @Test("section names that say the same thing of different cases are parallel; others are not", arguments: [
        ("Insulin Therapy for DKA", "Insulin Therapy for HHS", true),
        ("Management of Asthma in Adults", "Management of Croup in Adults", true),
        ("DKA Diagnostic Criteria", "HHS Diagnostic Criteria", true),
        ("Insulin Therapy for DKA", "Insulin Therapy", false),
        ("Insulin Therapy for DKA", "Electrolyte Replacement", false),
        ("Ascites Management", "Hepatic Encephalopathy Management", false),
    ])
    func parallel(one: String, other: String, expected: Bool) {
        let keys = { (name: String) in LexiconText.words(name).map(\.key) }
        #expect(ParallelSections.parallel(keys(one), keys(other)) == expected)
    }

    /// The open-medicine pack: its ADA 2024 page on DKA and HHS has "Insulin Therapy for DKA" and
    /// "Insulin Therapy for HHS" side by side.
    static let pack: (library: Library, composer: AnswerComposer) = {
        let library = try! TestVocabulary.library("parallel", paths: [TestVocabulary.openMedicinePack])
        return (library, try! TestVocabulary.composer(library))
    }()

    @Test("a DKA question is not led by a line of the HHS section beside the DKA one, though that line mentions DKA")
    func dkaNotLedByHHS() throws {
        let answer = try Self.pack.composer.answer("DKA insulin infusion rate and fluids", explain: true)
        let hhs = answer.allStatements.filter { ($0.label ?? "").contains("Insulin Therapy for HHS") }
        #expect(hhs.allSatisfy { $0.explain?.parts.contains { $0.name == StatementSelector.neighbouringSectionPart } == true }, "\(hhs.map(\.text))")
        #expect(!answer.guidelines.summary.contains { ($0.label ?? "").contains("for HHS") }, "\(answer.guidelines.summary.map { ($0.label ?? "") + ": " + $0.text })")
        #expect(!answer.guidelines.summary.isEmpty)
        try AnswerCompositionTests.checkInvariants(answer, library: Self.pack.library)
    }
}
