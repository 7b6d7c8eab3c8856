import EvidentSearch
import Foundation
import Testing
@testable import Evident

@Suite("Answers", .serialized)
struct AnswerCompositionTests {
    static var composer: AnswerComposer { TestVocabulary.starter.composer }
    static var library: Library { TestVocabulary.starter.library }

    /// Checks every rule an answer must keep.
    static func checkInvariants(_ answer: Answer, library: Library) throws {
        // Citation numbers run 1…N in order of first appearance.
        var seen: [Int] = []
        for statement in answer.allStatements { for number in statement.citations where !seen.contains(number) { seen.append(number) } }
        #expect(seen == Array(1...max(1, seen.count)).prefix(seen.count).map { $0 })
        #expect(answer.references.map(\.number) == Array(1...max(1, answer.references.count)).prefix(answer.references.count).map { $0 })
        let tiers = Dictionary(uniqueKeysWithValues: answer.references.map { ($0.number, $0.tier) })
        // Tiers never mix.
        for statement in answer.guidelines.summary + answer.guidelines.sections.flatMap(\.statements) {
            #expect(statement.citations.allSatisfy { tiers[$0] == .guideline })
        }
        for statement in answer.research.sections.flatMap(\.statements) {
            #expect(statement.citations.allSatisfy { tiers[$0] == .research })
        }
        // Every statement (and list item) is found word for word in the passage it cites first
        // (the same fact from other sources adds their own quotes); no statement twice; no empty section.
        let texts = answer.allStatements.map { $0.text + ($0.items ?? []).joined() }
        #expect(Set(texts).count == texts.count)
        #expect((answer.guidelines.sections + answer.research.sections).allSatisfy { !$0.statements.isEmpty })
        for statement in answer.allStatements {
            #expect(!statement.text.isEmpty || !(statement.items ?? []).isEmpty)
            for (index, evidence) in statement.evidence.enumerated() {
                let parts = evidence.passageId.split(separator: "#")
                let stored = try #require(try library.document(id: String(parts[0])))
                let passage = stored.document.passages[Int(parts[1])!]
                #expect(passage.text.contains(evidence.quote))
                if index == 0 {
                    #expect(statement.text.isEmpty || evidence.quote.contains(statement.text))
                    #expect((statement.items ?? []).allSatisfy { evidence.quote.contains($0) })
                }
                #expect(statement.citations.contains(evidence.reference))
                #expect(answer.references[evidence.reference - 1].documentId == stored.document.id)
            }
        }
    }

    @Test("answers keep every rule: grounded, cited in order, tiers apart, no duplicates", arguments: [
        "What causes blepharospasm?", "How is gout treated?", "What are the symptoms of Parkinson's disease?",
        "Does vitamin D supplementation prevent fractures?", "What is the outlook for amyotrophic lateral sclerosis?",
        "Hi, my son was just diagnosed with asthma. What treatments are there and will he grow out of it?",
        "UTI antibiotics in pregnancy", "dabigatran dose in kidney disease", "MS relapse treatment", "hyperkalemia emergency treatment",
        "pulmonary embolism thrombolysis when", "diabetis insipidus", "first line tx for acute gout flare",
    ])
    func invariants(question: String) throws {
        let answer = try Self.composer.answer(question, explain: true)
        #expect(answer.message == nil, "expected evidence for \(question)")
        #expect(!answer.allStatements.isEmpty)
        try Self.checkInvariants(answer, library: Self.library)
        #expect(answer.allStatements.allSatisfy { $0.explain != nil })
    }

    @Test("the blepharospasm answer leads with its causes, from the NIH pages")
    func blepharospasm() throws {
        let answer = try Self.composer.answer("What causes blepharospasm?")
        #expect(answer.intent == .causes)
        #expect(answer.topics.first?.meshId == "D001764")
        #expect(answer.guidelines.sections.first?.heading == "Causes of Blepharospasm")
        #expect(answer.references.contains { $0.documentId == "medquad:NINDS-0000043" || $0.documentId == "medquad:GHR-0000116" })
        let lead = try #require(answer.guidelines.summary.first)
        #expect(lead.text.lowercased().contains("cause"))
        // Site boilerplate repeated across pages about many subjects is not evidence.
        #expect(!answer.allStatements.contains { $0.text.contains("MedlinePlus Medical Dictionary") || $0.text.contains("Orphanet") })
    }

    @Test("an answer is about what was asked, not a neighbouring topic", arguments: [
        ("UTI antibiotics in pregnancy", ["urinary", "uti", "pyelonephritis"], ["gestational diabetes", "cholestasis"]),
        ("MS relapse treatment", ["ms", "multiple sclerosis", "relaps"], ["polychondritis"]),
        ("dabigatran dose in kidney disease", ["dabigatran"], ["dosage of the medication is decreased over time"]),
        ("pulmonary embolism thrombolysis when", ["thromboly"], []),
        ("Which gene is mutated in Marfan syndrome?", ["fibrillin", "fbn1"], ["ehlers-danlos"]),
        // An alternative is no first-line answer, though its heading says "initial".
        ("What is the first-line drug for a postmenopausal woman with osteoporosis at high fracture risk?", ["bisphosphonate"], []),
        // A table row's grade is in its label ("Extended window (Class I)").
        ("How many hours after symptom onset can IV alteplase still be given for acute ischaemic stroke?", ["time windows", "after symptom onset"], []),
        // What the sources say about a population studied apart comes first.
        ("asthma in pregnancy which inhaler", ["pregnan"], []),
        // A class of drugs is the subject when nothing else is.
        ("when to start statin primary prevention", ["statin"], []),
    ])
    func onTopic(question: String, every: [String], never: [String]) throws {
        let answer = try Self.composer.answer(question)
        let statements = answer.allStatements.map { (($0.label ?? "") + " " + $0.text + " " + ($0.items ?? []).joined(separator: " ")).lowercased() }
        #expect(!statements.isEmpty)
        let lead = try #require(answer.guidelines.summary.first ?? answer.guidelines.sections.first?.statements.first)
        let leadText = ((lead.label ?? "") + " " + lead.text).lowercased()
        #expect(every.contains { leadText.contains($0) }, "lead: \(leadText)")
        for text in statements { #expect(!never.contains { text.contains($0) }, "\(text)") }
    }

    @Test("a drug a message mentions only as what the patient takes does not stop the answer; one the question refers back to does")
    func contextDrug() throws {
        let question = "ED case: 68-year-old woman on bendroflumethiazide, brought in after a seizure, now drowsy and vomiting. Sodium is 114. "
        let answered = try Self.composer.answer(question + "What is the first-line hypertonic saline regimen and how fast am I allowed to correct?")
        #expect(answered.message == nil, "\(answered.message ?? "")")
        #expect(answered.notes.contains { $0.contains("no evidence on Bendroflumethiazide") })
        #expect(answered.allStatements.contains { (($0.label ?? "") + $0.text).lowercased().contains("hyponatr") })
        try Self.checkInvariants(answered, library: Self.library)
        let referred = try Self.composer.answer("My father has gout and was started on bendroflumethiazide last week. Is it safe with his gout?")
        #expect(referred.allStatements.isEmpty && referred.message?.contains("Bendroflumethiazide") == true, "\(referred.message ?? "")")
    }

    @Test("a list's items are shown without their own list markers, still quoted exactly")
    func itemsWithoutMarkers() throws {
        let answer = try Self.composer.answer("head lice prevention")
        let items = answer.allStatements.flatMap { $0.items ?? [] }
        #expect(!items.isEmpty)
        #expect(!items.contains { $0.hasPrefix("- ") || $0.hasPrefix("• ") }, "\(items.prefix(3))")
        try Self.checkInvariants(answer, library: Self.library)
    }

    @Test("a dose question about a disease is answered by its treatment's regimen, without a banner saying nothing answers it")
    func regimenForDisease() throws {
        // NICE CG184 (dyspepsia and GORD) alone: its eradication regimens are lists under a lead-in
        // that gives the schedule ("a 7-day, twice-daily course of treatment with").
        let library = try TestVocabulary.library("nice-dyspepsia", paths: [TestData.path("ngc/summaries/ngc-10554.xml.gz")])
        let answer = try TestVocabulary.composer(library).answer("H pylori regimen penicillin allergy")
        #expect(answer.guidelines.note == nil, "\(answer.guidelines.note ?? "")")
        let lead = try #require(answer.guidelines.summary.first)
        #expect(lead.text.contains("7-day") && (lead.items ?? []).contains { $0.contains("Clarithromycin") }, "lead: \(lead.text)")
        try Self.checkInvariants(answer, library: library)
    }

    @Test("a line its source files under diagnosis is no treatment answer; a condition of pregnancy asks about pregnancy")
    func diagnosisLineDoesNotAnswerTreatment() throws {
        // NICE NG25 (preterm labour and birth) alone: "Diagnosing Preterm Labour … consider
        // transvaginal ultrasound … as a diagnostic test" speaks of the subject directly, under a
        // generic "recommendations" label; the tocolysis lines say "weeks of pregnancy".
        let library = try TestVocabulary.library("nice-preterm", paths: [TestData.path("ngc/summaries/ngc-10831.xml.gz")])
        let answer = try TestVocabulary.composer(library).answer("Which tocolytic for a woman at 30 weeks in suspected preterm labour with intact membranes?")
        let lead = try #require(answer.guidelines.summary.first)
        #expect(lead.text.contains("nifedipine"), "lead: \(lead.text)")
        try Self.checkInvariants(answer, library: library)
    }

    @Test("a disease's name inside another disease's name is not the disease: 'fever' in PFAPA or Marburg hemorrhagic fever")
    func nameInsideAnotherDiseaseName() throws {
        let answer = try Self.composer.answer("fever in a baby - what tests?")
        let titles = answer.references.compactMap(\.title)
        #expect(!titles.contains { $0.contains("Periodic fever") || $0.contains("Marburg") }, "\(titles)")
        try Self.checkInvariants(answer, library: Self.library)
    }

    @Test("a statement about a subtype the question did not name does not lead (juvenile ALS for ALS), unless it is asked")
    func subtypeDoesNotLead() throws {
        let general = try Self.composer.answer("What is the life expectancy of people with ALS?")
        let lead = try #require(general.guidelines.summary.first)
        #expect(!((lead.label ?? "") + " " + lead.text).lowercased().contains("juvenile"), "lead: \(lead.text)")
        let asked = try Self.composer.answer("What is the life expectancy of people with juvenile ALS?")
        #expect(asked.allStatements.contains { $0.text.lowercased().contains("juvenile") })
    }

    @Test("a page answer of only links has nothing to quote; a sentence its site repeats is still the page's own answer")
    func repeatedSentencesAndLinkPages() throws {
        let page = try #require(try Self.library.document(id: "medquad:GHR-0000008")).document  // Genetics Home Reference: achromatopsia
        let treatment = try #require(page.passages.first { $0.heading?.hasPrefix("What are the treatments") == true })
        let inheritance = try #require(page.passages.first { $0.heading?.hasPrefix("Is achromatopsia inherited") == true })
        // The treatment "answer" is a list of links; the inheritance answer is two sentences the site repeats on hundreds of pages.
        #expect(!Self.composer.hasQuotableText(ownAnswer: treatment.text, kind: page.kind, tier: .guideline))
        #expect(Self.composer.hasQuotableText(ownAnswer: inheritance.text, kind: page.kind, tier: .guideline))
        let gate = StatementGate(tier: .guideline, libraryLexicon: Self.composer.vocabulary.library)
        let repeated = try #require(EvidenceUnits.units(of: inheritance.text).first)
        guard case .rejected(let reason) = gate.verdict(on: repeated, in: page.kind) else {
            Issue.record("a sentence repeated across subjects passed as evidence outside its page's own answer")
            return
        }
        #expect(reason == "site boilerplate")
        // Asked the page's own question, the repeated sentence answers it, shown with the page's subject.
        let answer = try Self.composer.answer("Is achromatopsia inherited?")
        let statement = try #require(answer.allStatements.first { $0.text.hasPrefix("This condition is inherited in an autosomal recessive pattern") })
        #expect(answer.references[statement.citations[0] - 1].documentId == "medquad:GHR-0000008")
        #expect(statement.label?.lowercased().contains("achromatopsia") == true)
        try Self.checkInvariants(answer, library: Self.library)
    }

    @Test("pointers to another part of a source and sentences that continue a list are not evidence that leads")
    func pointersAndContinuations() {
        #expect(SourceNoise.isFurniture("Refer to the original guideline document for information regarding fruit juice and fruits and vegetables."))
        #expect(SourceNoise.isFurniture("An algorithm on validated PCR technique for high-risk HPV subtypes is provided in the original guideline document."))
        #expect(SourceNoise.isFurniture("See the \"Benefits\" sections in the original guideline document for specific benefits."))
        #expect(SourceNoise.isFurniture("Refer to Appendix A, 'Drug Treatment for Headache', for a list of side effects."))
        #expect(!SourceNoise.isFurniture("Refer to a neurologist patients whose headaches change in pattern."))
        #expect(!SourceNoise.isFurniture("Ultrasound is the preferred test for suspected DVT (see the original guideline document for the Wells score)."))
        #expect(SourceNoise.isSkippedLabel("clinical algorithm"))
        #expect(SourceNoise.continuesAList("Other tests used to diagnose DVT include MRI and CT."))
        #expect(!SourceNoise.continuesAList("Otherwise healthy adults need no imaging."))
    }

    @Test("a dose question is answered with the drug's dose")
    func dose() throws {
        let answer = try Self.composer.answer("dabigatran dose in kidney disease")
        let texts = answer.allStatements.map { ($0.label ?? "") + " " + $0.text + " " + ($0.items ?? []).joined(separator: " ") }
        #expect(texts.contains { $0.contains("dabigatran") || $0.contains("Dabigatran") })
        #expect(texts.contains { $0.range(of: #"\d+ ?mg"#, options: .regularExpression) != nil })
    }

    @Test("a question about the value of a measure leads with a number for that measure", arguments: [
        ("What systolic blood pressure should I aim for in a patient with spontaneous intracerebral haemorrhage who comes in at 190?", #"140 ?mm ?Hg"#),
        ("cirrhotic with ascites - what ascitic PMN count diagnoses SBP?", #"250 ?cells"#),
        ("How much crystalloid should be given initially for sepsis-induced hypoperfusion?", #"30 ?mL/kg"#),
    ])
    func measureValueLeads(question: String, pattern: String) throws {
        let answer = try Self.composer.answer(question)
        let lead = try #require(answer.guidelines.summary.first)
        let text = ([lead.label ?? "", lead.text] + (lead.items ?? [])).joined(separator: " ")
        #expect(text.range(of: pattern, options: .regularExpression) != nil, "lead: \(text)")
    }

    @Test("a graded recommendation carries its grade in the source's words")
    func grade() throws {
        let answer = try Self.composer.answer("first line tx for acute gout flare")
        let graded = answer.allStatements.compactMap(\.strength)
        #expect(graded.contains { $0.grade == "Strong, High" }, "\(graded)")
    }

    @Test("a misspelled question says what it answered")
    func corrected() throws {
        let answer = try Self.composer.answer("diabetis insipidus")
        #expect(answer.correctedQuestion == "diabetes insipidus")
        #expect(AnswerRenderer.text(answer).hasPrefix("Showing results for: diabetes insipidus"))
        #expect(answer.topics.first?.meshId == "D003919")
    }

    @Test("a concept no evidence covers is named, and nothing is said in its place", arguments: [
        ("Is donanemab effective for Alzheimer's disease?", "donanemab"),
        ("lecanemab dose for early Alzheimer disease", "lecanemab"),
        ("What is the dose of fezolinetant for hot flushes?", "fezolinetant"),
    ])
    func missingConcept(question: String, missing: String) throws {
        let answer = try Self.composer.answer(question)
        #expect(answer.allStatements.isEmpty)
        #expect(answer.message?.lowercased().contains(missing) == true, "\(answer.message ?? "")")
        #expect(answer.references.isEmpty)
        // Nothing was stated, so no disclaimer speaks of "the sources cited above".
        for rendered in [AnswerRenderer.text(answer), AnswerRenderer.markdown(answer), AnswerRenderer.html(answer)] {
            #expect(!rendered.contains(answer.disclaimer.prefix(30)))
        }
    }

    @Test("a non-medical question gets the honest no-evidence answer, even when a word is in MeSH", arguments: [
        "How do I change a bicycle tyre?", "What is the capital of Mongolia?", "How do I remove rust from a cast iron pan?",
        "How do I get rid of a virus on my laptop?",
    ])
    func noEvidence(question: String) throws {
        let answer = try Self.composer.answer(question)
        #expect(answer.allStatements.isEmpty, "\(answer.allStatements.map(\.text))")
        #expect(answer.message?.hasPrefix("No evidence in this library answers this question") == true, "\(answer.message ?? "")")
        #expect(answer.references.isEmpty)
    }

    @Test("a qualifier the evidence does not match is said plainly")
    func qualifierNote() throws {
        let answer = try Self.composer.answer("hyperkalemia treatment in pregnancy")
        if answer.message == nil {
            let matched = answer.allStatements.contains { ($0.text + ($0.label ?? "")).lowercased().contains("pregnan") }
            #expect(matched || answer.notes.contains { $0.contains("pregnancy") })
        }
    }

    @Test("--explain adds why each statement was chosen and how the question was read; JSON has it only then")
    func explain() throws {
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try Self.composer.answer("How is gout treated?"))) as! [String: Any]
        #expect(plain["explain"] == nil)
        let explained = try Self.composer.answer("How is gout treated?", explain: true)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(explained)) as! [String: Any]
        let understanding = try #require(json["explain"] as? [String: Any])
        #expect((understanding["mentions"] as? [[String: Any]])?.isEmpty == false)
        #expect(understanding["intent"] as? String == "treatment")
        let statement = try #require(explained.allStatements.first?.explain)
        #expect(abs(statement.parts.reduce(0) { $0 + $1.value } - statement.score) < 0.01)
        #expect(AnswerRenderer.text(explained).contains("concepts: gout = Gout [D006073] primary"))
    }

    @Test("renderers escape source text; HTML citations link to references")
    func rendering() throws {
        var answer = try Self.composer.answer("What causes blepharospasm?")
        answer.guidelines.summary.insert(Answer.Statement(text: "<script>alert(1)</script> *x* \u{1B}[31m", citations: [1], evidence: []), at: 0)
        let html = AnswerRenderer.html(answer)
        try HTMLCheck.assertInert(html)
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("href=\"#ref-1\""))
        #expect(html.contains("id=\"ref-1\""))
        #expect(AnswerRenderer.markdown(answer).contains("\\<script\\>"))
        #expect(!AnswerRenderer.text(answer).contains("\u{1B}"))
        #expect(AnswerRenderer.text(answer).hasPrefix("From the Guidelines"))
    }

    @Test("an answer asked of one tier shows that tier only; with nothing there it says the other may have it")
    func oneTier() throws {
        let research = try Self.composer.answer("What causes blepharospasm?", tier: .research)
        for rendered in [AnswerRenderer.text(research), AnswerRenderer.markdown(research), AnswerRenderer.html(research)] {
            #expect(!rendered.contains("From the Guidelines"))
        }
        let guideline = try Self.composer.answer("What causes blepharospasm?", tier: .guideline)
        #expect(AnswerRenderer.text(guideline).contains("From the Guidelines") && !AnswerRenderer.text(guideline).contains("From the Research"))
        let full = try Self.composer.answer("What causes blepharospasm?")
        #expect(AnswerRenderer.text(full).contains("From the Guidelines") && AnswerRenderer.text(full).contains("From the Research"))
        #expect(AnswerComposer.noEvidenceMessage(["Urinary Tract Infections"], medical: true, tier: .research).hasPrefix("No research evidence in this library answers this question on Urinary Tract Infections; the answer was limited to research"))
    }

    @Test("research shows only findings that speak to the asked attribute, and says so when no study does", arguments: [
        "risk factors for melanoma", "dx criteria for rheumatiod arthritis", "What causes blepharospasm?", "How is gout treated?",
        "secondary hypertension causes in a young adult", "Does vitamin D supplementation prevent fractures?",
    ])
    func researchOnQuestion(question: String) throws {
        let answer = try Self.composer.answer(question, explain: true)
        let findings = answer.research.sections.flatMap(\.statements)
        for statement in findings {
            let parts = try #require(statement.explain).parts.map(\.name)
            #expect(parts.contains("attribute words") || parts.contains("answers directly") || parts.contains("states the asked value")
                || parts.contains("reports an association"), "\(statement.text)")
            // What the subject causes is no answer to what causes it; what a study set out to learn is no finding.
            #expect(!statement.text.contains("risk factor for CHF") && !statement.text.hasSuffix("are unknown."), "\(statement.text)")
        }
        // All of them under the asked aspect: one section.
        #expect(answer.research.sections.count <= 1)
    }

    @Test("a subject with studies on other questions gets a research note that says so")
    func researchOffQuestionNote() throws {
        // SciFact holds studies on idiopathic pulmonary fibrosis (Toll-like receptors, macrophage
        // markers), none on its survival.
        let answer = try Self.composer.answer("idiopathic pulmonary fibrosis prognosis survival")
        #expect(answer.research.sections.isEmpty)
        #expect(answer.research.note?.hasPrefix("No research in this library answers the prognosis of Idiopathic Pulmonary Fibrosis") == true, "\(answer.research.note ?? "-")")
        #expect(!answer.guidelines.summary.isEmpty || !answer.guidelines.sections.isEmpty)
    }

    @Test("the aspect classifier beats the majority baseline by far on held-out MedQuAD pages; the shipped model loads")
    func aspectAccuracy() throws {
        let evaluation = AspectClassifier.evaluate(try Self.library.aspectExamples())
        #expect(evaluation.testSentences > 20_000)
        #expect(evaluation.accuracy > 0.65)
        #expect(evaluation.accuracy > evaluation.majorityBaseline + 0.3)
        let shipped = try AspectCounts.bundled()
        #expect(shipped.classes.count == 9)
        #expect(shipped.terms.count > 5_000)
    }
}
