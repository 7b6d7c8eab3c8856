import Testing
@testable import Evident

/// An NGC summary's "Qualifying Statements" are its publisher's disclaimers ("The authors,
/// editors, and publisher … neither represent nor guarantee …"): stored with the guideline, never
/// given as what it says.
@Suite("Guideline disclaimers are no statements", .serialized)
struct GuidelineDisclaimerTests {
    /// NGC's nursing guideline on myasthenia gravis (ngc:9935), whose qualifying statements speak
    /// of what the document does not guarantee.
    static let library: Library = try! TestVocabulary.library("disclaimers", paths: [TestData.path("ngc/summaries/ngc-9935.xml.gz")])

    @Test("a question on the guideline's subject is answered without its disclaimers")
    func noDisclaimers() throws {
        let document = try #require(try Self.library.document(id: "ngc:9935"))
        #expect(document.document.passages.contains { $0.label == "qualifying statements" })
        let answer = try TestVocabulary.composer(Self.library).answer("drugs to avoid in myasthenia gravis")
        #expect(!answer.allStatements.isEmpty)
        #expect(!answer.allStatements.contains { ($0.label ?? "").contains("Qualifying Statements") || $0.text.contains("neither represent nor guarantee") })
    }
}
