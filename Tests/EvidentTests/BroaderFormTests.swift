import Testing
@testable import Evident

@Suite("A disease named by its broader form")
struct BroaderFormTests {
    @Test("colon cancer is also named 'colorectal cancer'; type 1 diabetes is not named by 'diabetes mellitus', a library name not by its place")
    func broaderForms() throws {
        let vocabulary = Vocabulary(mesh: TestVocabulary.mesh, library: nil)
        let colon = try #require(vocabulary.concept(id: "D003110"))
        #expect(vocabulary.broaderFormNames(of: colon).contains { $0.lowercased().contains("colorectal") }, "\(colon.broader)")
        let typeOne = try #require(vocabulary.concept(id: "D003922"))
        #expect(!vocabulary.broaderFormNames(of: typeOne).contains { $0.lowercased() == "diabetes mellitus" })
        let gold = Concept(id: "lib:global initiative for chronic obstructive lung disease", name: "Global Initiative for Chronic Obstructive Lung Disease",
                           categories: .disease, synonyms: [], abbreviations: [], broader: ["D029424"])
        #expect(vocabulary.broaderFormNames(of: gold).isEmpty)
    }
}

@Suite("A guideline's account of a study")
struct StudyAccountTests {
    // Sentences of the library's guidelines (ACR's literature reviews, USPSTF statements).
    @Test("a sentence that tells of a study is told from one that says what to do", arguments: [
        ("A retrospective study evaluated the diagnostic yield of DCBE examinations performed for colorectal cancer screening.", true),
        ("A case-control study demonstrated that screening sigmoidoscopy decreased colorectal cancer mortality by two-thirds.", true),
        ("Two randomized controlled trials compared surgery with observation.", true),
        ("The decision to screen for colorectal cancer in adults aged 76 to 85 years should be an individual one.", false),
        ("The USPSTF found adequate evidence that mammography screening reduces breast cancer mortality.", false),
        ("In studies of older adults, screening was associated with lower mortality.", false),
    ])
    func describesAStudy(sentence: String, expected: Bool) {
        #expect(SourceNoise.describesAStudy(sentence) == expected)
    }
}
