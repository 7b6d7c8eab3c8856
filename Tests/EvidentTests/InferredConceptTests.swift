import Foundation
import Testing
@testable import Evident

@Suite("What a question implies: findings its values show, a disease's form in its population", .serialized)
struct InferredConceptTests {
    @Test("a value past its reference limit is a finding; one within it is none", arguments: [
        ("I'm 20 weeks pregnant, bad headache, BP 150/95, what should I do?", "D006973"),   // hypertension
        ("blood sugar 58 on my meter, what do I do?", "D007003"),                           // hypoglycaemia (mg/dL)
        ("glucose 2.8 mmol/L after insulin", "D007003"),                                    // hypoglycaemia (mmol/L)
        ("potassium 6.8 on the renal panel", "D006947"),                                    // hyperkalaemia
        ("my son has a temp of 102, should I worry?", "D005334"),                           // fever (°F)
        ("sodium 124 and confused", "D007010"),                                             // hyponatraemia
        ("blood pressure 118/76 is that ok", ""),
        ("glucose 5.4 mmol/L fasting", ""),
        ("potassium 4.1", ""),
    ])
    func valueFindings(question: String, descriptor: String) {
        let found = ValueFinding.findings(Qualifier.detect(in: question)).map(\.descriptor)
        #expect(found == (descriptor.isEmpty ? [] : [descriptor]), "\(question): \(found)")
    }

    private var understanding: QuestionUnderstanding {
        QuestionUnderstanding(vocabulary: TestVocabulary.starter.composer.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot)
    }

    @Test("high blood pressure in a pregnant woman is asked as hypertension of pregnancy, the headache kept")
    func pregnancyHypertension() throws {
        let query = understanding.understand("I'm 20 weeks pregnant, bad headache, BP 150/95, what should I do?")
        let primary = try #require(query.primary)
        #expect(primary.concept.id == "D046110", "\(primary.concept.name)")
        #expect(primary.inferredFrom?.contains("pregnancy") == true)
        let finding = try #require(query.mentions.first { $0.concept.id == "D006973" })
        #expect(finding.role == .related && finding.inferredFrom == "blood pressure 150")
        #expect(query.required.contains { $0.concept.name == "Headache" })
    }

    @Test("an organism stands for the infection MeSH names after it; a kingdom does not", arguments: [
        ("My daughter has pinworms. What medicine do they use?", "D017229"),   // Enterobiasis ("Pinworm Infection")
        ("H. pylori eradication regimen", "D016481"),                          // Helicobacter Infections, by the genus
        ("how do I get rid of a virus on my laptop", ""),                      // Viruses: a kingdom
    ])
    func organismInfection(question: String, expected: String) {
        let query = understanding.understand(question)
        let inferred = query.mentions.filter { $0.inferredFrom?.hasPrefix("the infection caused by") == true }
        #expect(inferred.map(\.concept.id) == (expected.isEmpty ? [] : [expected]), "\(question): \(query.mentions.map { "\($0.concept.name) \($0.role)" })")
        if !expected.isEmpty {
            #expect(query.primary?.concept.id == expected)
            // Evidence naming the organism ("pinworm") names the infection.
            #expect(inferred.first?.concept.synonyms.contains { $0.lowercased().hasPrefix(query.primary!.text.lowercased().prefix(6)) } == true)
        }
    }

    @Test("a name made only of a qualifier's words ('in adolescents', from a library title) is that qualifier; 'stat' is not 'statin'")
    func qualifierOnlyNames() {
        let query = understanding.understand("first line treatment for depression in adolescents")
        #expect(query.required.allSatisfy { !$0.text.lowercased().contains("adolescent") }, "\(query.mentions.map { "\($0.text) \($0.role)" })")
        #expect(query.qualifiers.contains { $0.label == "adolescents" })
        #expect(query.details == [.firstLine])
        let statin = understanding.understand("when to start statin primary prevention")
        #expect(!statin.details.contains(.emergency))
        #expect(statin.primary?.concept.id == "D019161")  // Hydroxymethylglutaryl-CoA Reductase Inhibitors
    }

    @Test("the question's own words side by side make phrases a heading can say", arguments: [
        ("AF rate control 1st line", ["rate control"]),
        ("When can someone with mild acute pancreatitis start oral feeding again?", ["oral feeding"]),
        ("AF: rate, control?", []),
    ])
    func questionPhrases(question: String, expected: [String]) {
        #expect(understanding.understand(question).otherWordPairs == expected)
    }

    @Test("a case's lab value is its subject when the rest are its signs; the measure and the setting's abbreviation are no concepts")
    func findingBesideSigns() throws {
        let query = understanding.understand("ED case: 68-year-old woman on bendroflumethiazide, brought in after a seizure, now drowsy and vomiting. "
            + "Sodium is 114. What is the first-line hypertonic saline regimen and how fast am I allowed to correct?")
        #expect(query.primary?.concept.id == "D007010", "\(query.mentions.map { "\($0.concept.name) \($0.role)" })")  // Hyponatremia
        for sign in ["Seizures", "Vomiting"] {
            #expect(query.mentions.first { $0.concept.name == sign }?.role == .related, "\(sign)")
        }
        #expect(query.mentions.first { $0.concept.name == "Sodium" }?.role == .related)
        #expect(query.mentions.first { $0.text == "ED" }?.role == .qualifier)
        #expect(query.intent == .treatment)
    }

    @Test("a finding is the subject when the question names no condition")
    func findingAsSubject() {
        let query = understanding.understand("blood sugar 58 on my meter - how many grams of sugar do I take?")
        #expect(query.primary?.concept.id == "D007003", "\(query.primary?.concept.name ?? "none")")
    }

    @Test("a disease in a population MeSH names becomes that narrower form; others stay as asked", arguments: [
        ("diet for diabetes in pregnancy", "D016640"),      // Diabetes, Gestational
        ("obesity in my 8-year-old son", "D063766"),        // Pediatric Obesity
        ("hypertension treatment", ""),
        ("What is (are) Obesity in Children ?", ""),        // a page's own subject says the population
        ("UTI antibiotics in pregnancy", ""),
    ])
    func qualifiedConcepts(question: String, expected: String) {
        let query = understanding.understand(question)
        let inferred = query.mentions.filter { $0.inferredFrom != nil }.map(\.concept.id)
        #expect(inferred == (expected.isEmpty ? [] : [expected]), "\(question): \(query.mentions.map { "\($0.concept.name) \($0.role)" })")
        if !expected.isEmpty { #expect(query.primary?.concept.id == expected) }
    }

    @Test("the compiled vocabulary knows the descriptors under a descriptor (the inverse of its tree's broader links)")
    func narrowerDescriptors() throws {
        let mesh = TestVocabulary.mesh
        let umbrella = try #require(mesh.concept(id: "D046110"))  // Hypertension, Pregnancy-Induced
        #expect(Set(mesh.narrower(umbrella)).isSuperset(of: ["D011225", "D004461", "D017359"]), "\(mesh.narrower(umbrella))")  // Pre-Eclampsia, Eclampsia, HELLP
        let preeclampsia = try #require(mesh.concept(id: "D011225"))
        #expect(mesh.broader(preeclampsia).contains("D046110"))
        #expect(mesh.narrower(preeclampsia).allSatisfy { id in mesh.concept(id: id).map { mesh.broader($0).contains("D011225") } ?? false })
        #expect(mesh.narrower(try #require(mesh.concept(id: "D001764"))).isEmpty)  // Blepharospasm: a leaf
    }

    @Test("a form the question implies stands for its narrower forms too; a page's name that says the population stands for that form")
    func umbrellaNames() throws {
        let inferred = try #require(understanding.understand("I'm 20 weeks pregnant, bad headache, BP 150/95, what should I do?").primary)
        let names = Set(inferred.concept.synonyms.map { LexiconText.key($0) })
        #expect(names.contains("pre eclampsia") || names.contains("preeclampsia"), "\(inferred.concept.synonyms)")
        #expect(names.contains("eclampsia"))
        // MedlinePlus's page "High Blood Pressure in Pregnancy" stays the subject, under the form's names as well.
        let query = understanding.understand("how to treat high blood pressure in pregnancy")
        let primary = try #require(query.primary)
        #expect(primary.concept.name == "High Blood Pressure in Pregnancy" && primary.inferredFrom == nil, "\(primary.concept.name)")
        let pageNames = Set(primary.concept.synonyms.map { LexiconText.key($0) })
        #expect(pageNames.contains("gestational hypertension") && pageNames.contains("eclampsia"), "\(primary.concept.synonyms)")
        #expect(!query.mentions.contains { $0.concept.id == "D046110" })
    }

    @Test("the answer to the pregnant woman's question is about hypertension in pregnancy, not headache types")
    func pregnancyAnswer() throws {
        let answer = try TestVocabulary.starter.composer.answer("I'm 20 weeks pregnant, bad headache, BP 150/95, what should I do?")
        let parts = answer.guidelines.summary + answer.guidelines.sections.flatMap(\.statements) + answer.research.sections.flatMap(\.statements)
        let statements = parts.map { ([$0.label ?? "", $0.text] + ($0.items ?? [])).joined(separator: " ") }.joined(separator: "\n").lowercased()
        #expect(!statements.isEmpty)
        #expect(answer.notes.contains { $0.hasPrefix("Read as a question on ") && $0.hasSuffix(" (hypertension in pregnancy, from blood pressure 150).") }, "\(answer.notes)")
        #expect(statements.contains("pregnan") || statements.contains("eclampsia") || statements.contains("gestational"), "\(statements.prefix(600))")
        // Statements on pre-eclampsia are statements on hypertension in pregnancy: the headache is covered with it.
        #expect(!answer.notes.contains { $0.contains("no evidence on Headache") }, "\(answer.notes)")
    }
}

@Suite("A disease's name inside another disease's name", .serialized)
struct EmbeddedNameTests {
    private func matcher(_ id: String) throws -> ConceptMatcher {
        let vocabulary = TestVocabulary.starter.composer.vocabulary
        let concept = try #require(vocabulary.concept(id: id))
        return ConceptMatcher([(concept, [])], vocabulary: vocabulary)
    }

    @Test("fever in Q fever or scarlet fever is another disease; fever in children is fever")
    func fever() throws {
        let fever = try matcher("D005334")
        #expect(fever.concepts(in: "Doxycycline is recommended to treat Q fever in children of all ages.").isEmpty)
        #expect(fever.concepts(in: "Penicillin remains the treatment of scarlet fever.").isEmpty)
        #expect(fever.concepts(in: "Consider paracetamol in children with fever who appear distressed.") == [0])
        // A later plain mention still counts.
        #expect(fever.concepts(in: "Unlike Q fever, a fever after vaccination is usually mild.") == [0])
    }

    @Test("a name written with its words split differently is the name: N-acetyl cysteine, pre-eclampsia")
    func joinedNames() throws {
        let acetylcysteine = try matcher("D000111")
        #expect(acetylcysteine.concepts(in: "The AGA recommends the use of N-acetyl cysteine in acetaminophen-associated ALF.") == [0])
        #expect(acetylcysteine.concepts(in: "Acetyl cysteine was given.") == [0])
        #expect(acetylcysteine.concepts(in: "Acetyl groups of cysteine residues were measured.").isEmpty)
        let preeclampsia = try matcher("D011225")
        #expect(preeclampsia.concepts(in: "Women with pre eclampsia should be offered labetalol.") == [0])
    }

    @Test("an abbreviation a source defines as something else does not name the concept there (HD: hemodialysis)")
    func abbreviationDefinedOtherwise() throws {
        let vocabulary = TestVocabulary.starter.composer.vocabulary
        let huntington = try #require(vocabulary.concept(id: "D006816"))  // Huntington Disease, asked as "HD"
        let matcher = ConceptMatcher([(huntington, ["HD"])], vocabulary: vocabulary)
        let dialysis = "The etiology of hemodialysis (HD)-induced hypotension and hypertension remains speculative."
        #expect(matcher.abbreviationsDefinedOtherwise(in: dialysis) == ["HD"])
        let ignoring = matcher.abbreviationsDefinedOtherwise(in: dialysis)
        #expect(matcher.positions(in: LexiconText.words("ET-1 levels were comparable in the three HD groups."), ignoring: ignoring).isEmpty)
        #expect(matcher.positions(in: LexiconText.words("ET-1 levels were comparable in the three HD groups.")).keys.sorted() == [0])
        // Defined as the concept itself, in its own words or others sharing a distinctive word.
        #expect(matcher.abbreviationsDefinedOtherwise(in: "Huntington disease (HD) is a genetic neurodegenerative disorder.").isEmpty)
        #expect(matcher.abbreviationsDefinedOtherwise(in: "Huntington's chorea (HD) was first described in 1872.").isEmpty)
    }

    @Test("research on a question about patients shows no finding in animals or cells")
    func noPreclinicalResearch() throws {
        let answer = try TestVocabulary.starter.composer.answer("What causes Huntington disease?", tier: .research)
        for statement in answer.research.sections.flatMap(\.statements) {
            #expect(!SourceNoise.isPreclinical(IntentCues.normalized(statement.text + " " + (statement.items ?? []).joined(separator: " "))), "\(statement.text)")
        }
    }

    @Test("a form MeSH names after the disease is the disease (nephrogenic diabetes insipidus, gestational diabetes)")
    func forms() throws {
        #expect(try matcher("D003919").concepts(in: "The hereditary form of nephrogenic diabetes insipidus is caused by genetic mutations.") == [0])
        #expect(try matcher("D003920").concepts(in: "Women with gestational diabetes mellitus should be screened after delivery.") == [0])
    }
}

@Suite("Research for a population that is studied apart", .serialized)
struct StudiedPopulationTests {
    @Test("every research statement for a question on children studied children", arguments: [
        "What HbA1c target should children with type 1 diabetes aim for?", "asthma treatment in children",
    ])
    func childrenOnly(question: String) throws {
        let answer = try TestVocabulary.starter.composer.answer(question, explain: true)
        for statement in answer.research.sections.flatMap(\.statements) {
            #expect(statement.explain?.qualifiers.contains("children") == true, "\(statement.text.prefix(120))")
            #expect(!statement.text.lowercased().contains("pregnan"), "\(statement.text.prefix(120))")
        }
    }
}
