import Testing
@testable import Evident

/// NIH institute pages write lists inline ("Other symptoms include - Headaches - … - Pain in
/// your jaw and tongue Your doctor will make the diagnosis …") and end with the agency that wrote
/// them: the sentences before and after a list stand on their own, the agency is no text.
@Suite("Inline lists of NIH pages")
struct InlineListTests {
    /// The passages of one real MedQuAD page.
    static func passages(_ file: String) throws -> [String] {
        var texts: [String] = []
        try MedQuADImporter().read(path: TestData.path("medquad/" + file), progress: { _ in }, emit: { record in
            if case .document(let document) = record { texts += document.passages.map(\.text) }
        })
        return texts
    }

    @Test("the sentences around a list are units of their own (MedlinePlus, giant cell arteritis)")
    func sentencesAroundAList() throws {
        let text = try #require(Self.passages("4_MPlus_Health_Topics_QA/0000404.xml").first)
        let units = EvidenceUnits.units(of: text)
        let list = try #require(units.first { $0.kind == .inlineList })
        #expect(list.text == "Other symptoms include")
        #expect(list.items.last == "Pain in your jaw and tongue")
        #expect(list.items.count == 5)
        let sentences = units.filter { $0.kind == .sentence }.map { String($0.text) }
        #expect(sentences.first?.hasPrefix("Giant cell arteritis is a disorder that causes inflammation") == true)
        #expect(sentences.contains("Treatment is usually with corticosteroids."))
        #expect(sentences.contains { $0.hasPrefix("Your doctor will make the diagnosis") })
        // The page's agency ("NIH: National Institute of Arthritis and …") is not a statement.
        #expect(!units.contains { $0.quote.contains("National Institute of Arthritis") })
        for unit in units { #expect(text.contains(unit.quote) && unit.quote.contains(unit.text)) }
    }

    @Test("a list item ends at a full stop before a new sentence; the agency after the last one is cut (rabies)")
    func itemEndsAtAStop() throws {
        let text = try #require(Self.passages("4_MPlus_Health_Topics_QA/0000762.xml").first)
        let units = EvidenceUnits.units(of: text)
        let list = try #require(units.first { $0.kind == .inlineList })
        #expect(list.items.last == "Don't approach stray animals.")
        #expect(units.contains { $0.kind == .sentence && $0.text == "Animals with rabies might be aggressive and vicious, or tired and weak" })
        #expect(!units.contains { $0.quote.contains("Centers for Disease Control") })
        #expect(units.contains { $0.text == "A series of shots can prevent rabies in people exposed to the virus." })
    }

    @Test("a whole sentence introduces its list, however long (NIHSeniorHealth, Alzheimer's medicines)")
    func longSentenceLeadIn() throws {
        let text = try #require(Self.passages("7_SeniorHealth_QA/0000003.xml").first { $0.contains("Namzarec") })
        let list = try #require(EvidenceUnits.units(of: text).first { $0.kind == .inlineList && $0.items.contains { $0.hasPrefix("Aricept") } })
        #expect(list.text == "Currently, no medication can cure Alzheimers disease, but four medicines are approved to treat the symptoms of the disease.")
        #expect(list.items.count == 5)
    }

    @Test("agency names are cut only at the end of a line")
    func attributions() {
        #expect(EvidenceUnits.withoutAttribution("It is usually fatal. Centers for Disease Control and Prevention") == "It is usually fatal.")
        #expect(EvidenceUnits.withoutAttribution("Ask your doctor. Dept. of Health and Human Services Office on Women's Health") == "Ask your doctor.")
        #expect(EvidenceUnits.withoutAttribution("Treat early. NIH: National Institute of Neurological Disorders and Stroke") == "Treat early.")
        let cited = "Follow the regimens of the Centers for Disease Control and Prevention (CDC)."
        #expect(EvidenceUnits.withoutAttribution(Substring(cited)) == Substring(cited))
    }
}
