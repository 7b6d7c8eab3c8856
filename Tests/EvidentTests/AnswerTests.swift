import EvidentSearch
import Foundation
import Testing
@testable import Evident

@Suite("Sentence splitting")
struct SentenceSplitterTests {
    @Test("abbreviations, initials, decimals and figures do not end sentences", arguments: [
        ("Patients (e.g. adults) improved. Others did not.", ["Patients (e.g. adults) improved.", "Others did not."]),
        ("As shown by Smith et al. (2001), it works. Next.", ["As shown by Smith et al. (2001), it works.", "Next."]),
        ("Dose was 2.5 mg. See Fig. 2 for details.", ["Dose was 2.5 mg.", "See Fig. 2 for details."]),
        ("Drug A vs. drug B was tested in the U.S. Results were mixed.", ["Drug A vs. drug B was tested in the U.S. Results were mixed."]),
        ("Reported by J. Smith. Then it ended!", ["Reported by J. Smith.", "Then it ended!"]),
        ("Line one\nLine two. Three", ["Line one", "Line two.", "Three"]),
        ("Line one\r\nLine two", ["Line one", "Line two"]),
        ("Is it safe? Yes.", ["Is it safe?", "Yes."]),
    ])
    func splits(text: String, expected: [String]) {
        #expect(SentenceSplitter.sentences(text).map(String.init) == expected)
    }

    @Test("on 1,000 real abstracts, sentences are exact pieces that rebuild the text")
    func realAbstracts() throws {
        let documents = try TestData.read(PubMedQAImporter(), TestData.path("pubmedqa/ori_pqal.json")).documents
        var sentences = 0
        for passage in documents.flatMap(\.passages) {
            let pieces = SentenceSplitter.sentences(passage.text)
            sentences += pieces.count
            #expect(pieces.allSatisfy { passage.text.contains($0) })
            #expect(pieces.joined(separator: " ").filter { !$0.isWhitespace } == passage.text.filter { !$0.isWhitespace })
        }
        // About 9–10 sentences per abstract; a splitter that never split would give ~4 (one per section).
        #expect(sentences > 8_000)
    }
}

@Suite("Evidence units: statements keep the context their source gives them")
struct EvidenceUnitTests {
    @Test("a table row keeps its header; the text is the rest of the row")
    func tableRow() throws {
        let units = EvidenceUnits.units(of: "Septic shock: Select an antibiotic for which >=90% of the most relevant organisms are susceptible")
        let unit = try #require(units.first)
        #expect(unit.kind == .tableRow)
        #expect(unit.rowHeader == "Septic shock")
        #expect(unit.text.hasPrefix("Select an antibiotic"))
    }

    @Test("a sentence opening with a short label keeps the sentence before it as its lead-in (NGC's flattened tables)")
    func labelledSentenceLeadIn() throws {
        // Real text of ngc:9909 (acute otitis media): the dose rows name the drug only in the sentence before them.
        let text = "Amoxicillin is the first choice of antibiotic therapy for all cases of AOM. Children: Dosing: <4 years, 80 mg/kg/day divided twice a day (BID); ≥4 years, 40-60 mg/kg/day [I, C]. Children: Duration 5-10 days: 5 days is usually sufficient at lower cost and fewer side effects, although 10 days reduces clinical failure [A]. However, in this case the dose was halved."
        let units = EvidenceUnits.units(of: text)
        #expect(units.count == 4)
        #expect(units[0].leadIn == nil)
        #expect(units[1].leadIn == "Amoxicillin is the first choice of antibiotic therapy for all cases of AOM.")
        #expect(units[2].leadIn == units[1].leadIn)
        #expect(units[3].leadIn == nil)
        #expect(StatementSelector.label(heading: nil, title: nil, leadIn: units[1].leadIn, rowHeader: nil, showHeading: false)
            == "Amoxicillin is the first choice of antibiotic therapy for all cases of AOM")
    }

    @Test("a sentence that opens with a pronoun is shown with the sentence it leans on (MedlinePlus, cold sores)")
    func sentenceWithAntecedent() throws {
        // Real text of medquad:MPlusHealthTopics-0000214 (cold sores).
        let text = "There is no cure for cold sores. They normally go away on their own in a few weeks. Antiviral medicines can help them heal faster. They can also help to prevent cold sores in people who often get them. Other medicines can help with the pain and discomfort of the sores. These include ointments that numb the blisters, soften the crusts of the sores, or dry them out."
        let units = EvidenceUnits.units(of: text)
        #expect(units.count == 6)
        #expect(units[3].text == "Antiviral medicines can help them heal faster. They can also help to prevent cold sores in people who often get them.")
        #expect(units[5].text.hasPrefix("Other medicines can help with the pain") && units[5].text.hasSuffix("or dry them out."))
        // Each is still an exact piece of the passage, and the sentence leaned on stays a unit of its own.
        #expect(units.allSatisfy { text.contains($0.quote) && $0.quote.contains($0.text) })
        #expect(units[2].text == "Antiviral medicines can help them heal faster.")
        // A sentence that leans on one which itself leans on another is left alone (no chains),
        // and a long pair is not joined.
        let chained = EvidenceUnits.units(of: "Statins lower LDL. They are cheap. They are safe.")
        #expect(chained.map(\.text) == ["Statins lower LDL.", "Statins lower LDL. They are cheap.", "They are safe."])
        let long = String(repeating: "word ", count: EvidenceUnits.antecedentWordLimit) + "end. They help."
        #expect(EvidenceUnits.units(of: long).last?.text == "They help.")
    }

    @Test("a guideline's title names the aspects it is on, but for a series name (ACR Appropriateness Criteria)")
    func titleAspects() {
        let uspstf = IntentCues.aspects(inTitle: "Screening for abdominal aortic aneurysm: U.S. Preventive Services Task Force recommendation statement.")
        #expect(uspstf.contains(.diagnosis) && !uspstf.contains(.treatment), "\(uspstf)")
        #expect(IntentCues.aspects(inTitle: "ACR Appropriateness Criteria® pulsatile abdominal mass, suspected abdominal aortic aneurysm.").isEmpty)
        #expect(IntentCues.aspects(inTitle: "Diagnosis and management of headache in adults.") == [.diagnosis, .treatment])
    }

    @Test("'unless contraindicated' names no harm a line is about; a study's aim is no finding")
    func caveatsAndAims() {
        // Real lead-in of ngc:11292 (osteoporosis): a treatment recommendation with a caveat.
        let leadIn = "Recommendation: Bisphosphonates should be considered (unless contraindicated) for reduction of fracture risk (both vertebral and non-vertebral) in"
        #expect(IntentCues.aspect(ofHeading: leadIn) != .adverseEffects)
        #expect(IntentCues.sentenceCueCounts(IntentCues.withoutCaveats(IntentCues.normalized(leadIn)))[.adverseEffects] == nil)
        #expect(IntentCues.aspect(ofHeading: "Contraindications to bisphosphonates") == .adverseEffects)
        #expect(SourceNoise.isMethods("The current study assesses whether there was any change in the contributions of calories, essential elements, and macronutrients to the diet of celiac children."))
        #expect(!SourceNoise.isMethods("The present study found that a gluten-free diet reduced symptoms in 80% of patients."))
    }

    @Test("a pointer in parentheses is an aside, not furniture; a sentence that is only a pointer still is")
    func pointerAsides() {
        // Real text of ngc:11170 (hospitalised acute exacerbation of COPD).
        #expect(!SourceNoise.isFurniture("Corticosteroids: A dose of prednisone, 40 mg orally daily, for a 5-day course, is appropriate for most patients, and a dose taper is unnecessary (see Table 3 in the original guideline document for COPD treatment modalities) [I, A]."))
        #expect(SourceNoise.isFurniture("See Table 3 in the original guideline document for COPD treatment modalities."))
        #expect(SourceNoise.isFurniture("Dosing is summarised in Table 3."))
        #expect(SourceNoise.withoutPointerAsides("a (see Table 3 (below)) b (n = 4)") == "a  b (n = 4)")
    }

    @Test("a phase word inside a disease's name is not a phase of it", arguments: [
        ("COPD exacerbation steroids dose", ["relapse"]),
        ("acute kidney injury causes", []),
        ("acute gout flare treatment", ["relapse", "acute"]),
    ])
    func phaseInsideName(question: String, phases: [String]) {
        let query = QuestionUnderstanding(vocabulary: TestVocabulary.starter.composer.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot).understand(question)
        #expect(Set(query.qualifiers.filter { $0.kind == .phase }.map(\.label)) == Set(phases), "\(query.qualifiers.map(\.label))")
    }

    @Test("list items keep their lead-in, which may reverse their meaning")
    func listLeadIn() {
        let text = "The following agents should not be used for complicated UTI:\nNitrofurantoin: poor renal penetration\nOral fosfomycin: insufficient evidence"
        let items = EvidenceUnits.units(of: text).filter { $0.kind == .listItem }
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.leadIn == "The following agents should not be used for complicated UTI" })
        #expect(items.first?.rowHeader == "Nitrofurantoin")
    }

    @Test("an NIH inline list keeps its items, each with its gloss; dashes inside prose are not a list")
    func inlineList() throws {
        let list = try #require(EvidenceUnits.units(of: "Symptoms may include - fever - cough - headache").first)
        #expect(list.kind == .inlineList)
        #expect(list.text == "Symptoms may include")
        #expect(list.items == ["fever", "cough", "headache"])
        let glossed = try #require(EvidenceUnits.units(of: "Doctors use it to treat - Severe underarm sweating - Cervical dystonia - a neurological disorder that causes neck contractions - Blepharospasm - uncontrollable blinking").first)
        #expect(glossed.items == ["Severe underarm sweating", "Cervical dystonia - a neurological disorder that causes neck contractions", "Blepharospasm - uncontrollable blinking"])
        let prose = EvidenceUnits.units(of: "Treatment - which may last for several months and involves many different specialists working together - is long - and hard.")
        #expect(!prose.contains { $0.kind == .inlineList })
    }

    @Test("a rare-disease page's flattened symptom table is a list of its rows under the table's title (real GARD pages)", arguments: [
        ("2_GARD_QA/0002043.xml", ["Postaxial hand polydactyly 90%", "Split hand 90%", "Autosomal recessive inheritance", "Split foot"]),
        ("2_GARD_QA/0004649.xml", ["Abnormal dermatoglyphics 90%", "Sprengel anomaly 90%"]),
    ])
    func phenotypeTable(file: String, expected: [String]) throws {
        let documents = try TestData.read(MedQuADImporter(), TestData.path("medquad/" + file)).documents
        let passage = try #require(documents.first?.passages.first { $0.text.contains(PhenotypeTable.header) })
        let units = EvidenceUnits.units(of: passage.text)
        let list = try #require(units.first { $0.kind == .inlineList })
        #expect(list.text == "Signs and Symptoms", "\(list.text)")
        for row in expected { #expect(list.items.contains { $0 == row }, "\(list.items)") }
        #expect(!list.items.contains { $0.contains("Human Phenotype Ontology") || $0.contains("Approximate number") })
        #expect(list.items.count <= PhenotypeTable.maximumRows)
        for unit in units {
            #expect(passage.text.contains(unit.quote) && unit.quote.contains(unit.text))
            for item in unit.items { #expect(unit.quote.contains(item)) }
        }
    }

    @Test("an inline abstract label becomes the context", arguments: [
        ("CONCLUSIONS AND RELEVANCE Among adults with gout, colchicine reduced flares.", "CONCLUSIONS AND RELEVANCE", "Among adults"),
        ("OBJECTIVE To assess the effect of colchicine.", "OBJECTIVE", "To assess"),
        ("RESULTS: Mortality fell by 20%.", "RESULTS", "Mortality"),
        // Set off with a dash (as a SciFact abstract writes them), and a label that begins with another.
        ("OBJECTIVES - To study the relative risks of hypertension.", "OBJECTIVES", "To study"),
        ("EXPOSURE MEASURES - Hypertension (blood pressure of at least 140 mm Hg systolic).", "EXPOSURE MEASURES", "Hypertension (blood"),
    ])
    func inlineLabel(sentence: String, label: String, opening: String) throws {
        let unit = try #require(EvidenceUnits.units(of: sentence).first)
        #expect(unit.rowHeader.map(String.init) == label)
        #expect(unit.text.hasPrefix(opening))
        #expect(sentence.contains(unit.text))
    }

    @Test("every unit of every passage of 1,000 abstracts is an exact piece of its passage")
    func exactPieces() throws {
        let documents = try TestData.read(PubMedQAImporter(), TestData.path("pubmedqa/ori_pqal.json")).documents
        for passage in documents.flatMap(\.passages) {
            for unit in EvidenceUnits.units(of: passage.text) {
                #expect(passage.text.contains(unit.quote))
                #expect(unit.text.isEmpty || unit.quote.contains(unit.text))
                #expect(unit.items.allSatisfy { unit.quote.contains($0) })
            }
        }
    }
}

@Suite("Question analysis")
struct QuestionTests {
    @Test("intent, details and qualifiers come from one vocabulary", arguments: [
        ("What causes blepharospasm?", Intent.causes, [AttributeDetail](), ["none"]),
        ("How is gout treated?", .treatment, [], ["none"]),
        ("side effects of allopurinol", .adverseEffects, [], ["none"]),
        ("dabigatran dose in kidney disease", .dosing, [], ["renal impairment"]),
        ("UTI antibiotics in pregnancy", .treatment, [], ["pregnancy"]),
        ("hyperkalemia emergency treatment", .treatment, [.emergency], ["none"]),
        ("first line tx for acute gout flare", .treatment, [.firstLine], ["relapse", "acute"]),
        ("how long to treat complicated UTI", .treatment, [.duration], ["none"]),
        ("what HbA1c target for my 8-year-old with type 1 diabetes", .treatment, [.threshold], ["children", "HbA1c 8-year-old"]),
        ("Is asthma inherited?", .genetics, [], ["none"]),
        ("montelukast vs salmeterol for asthma", .comparison, [], ["none"]),
        ("I have a bad headache and my BP was 150/95. What should I do?", .treatment, [], ["blood pressure 150"]),
        ("What medicine do they use for pinworms?", .treatment, [], ["none"]),
        ("After a first unprovoked seizure, what is the chance of another one?", .prognosis, [], ["none"]),
        ("are vaptans recommended for moderate hyponatremia?", .treatment, [], ["none"]),
        ("which antibody is tested first for coeliac disease?", .diagnosis, [], ["none"]),
        ("KDIGO AKI definition - what creatinine rise counts?", .definition, [], ["none"]),
        ("routine maintenance IV fluid volume per day", .dosing, [], ["none"]),
    ])
    func attributes(question: String, intent: Intent, details: [AttributeDetail], qualifiers: [String]) {
        let normalized = IntentCues.normalized(question)
        #expect(QuestionUnderstanding.intent(normalized, fallback: normalized).0 == intent)
        #expect(Set(AttributeDetail.detect(in: normalized)).isSuperset(of: details))
        let found = Qualifier.detect(in: question).map(\.label)
        for qualifier in qualifiers where qualifier != "none" && !qualifier.contains("old") { #expect(found.contains(qualifier), "\(found)") }
        if qualifiers == ["none"] { #expect(found.filter { $0 != "acute" }.isEmpty, "\(found)") }
    }

    @Test("question understanding: species written short, drug classes by their abbreviation, misspelled attribute words", arguments: [
        ("H pylori first-line regimen", "D016480", Intent.treatment),              // Helicobacter pylori
        ("E. coli UTI treatment", "D004926", .treatment),                           // Escherichia coli
        ("SSRI for adolescent depression", "D017367", .treatment),                  // Selective Serotonin Reuptake Inhibitors
        ("hemochromatosis sreening in family members", "D006432", .diagnosis),
        ("hypothyroid and pregnant - increase levothyroxine how much?", "D007037", .dosing),   // Hypothyroidism, from the adjective
        ("side effects of water pills", "D004232", .adverseEffects),                          // Diuretics, not Water
        ("mini stroke workup", "D002546", .diagnosis),                                         // Transient Ischemic Attack
        ("diabetic ketoacidosis fluid management", "D016883", .treatment),                     // the adjective inside a name stays
        // Everyday names MeSH's entry terms lack: an organ's cancer, the picture a procedure takes.
        ("colon cancer screening age", "D003110", .diagnosis),                                // Colonic Neoplasms, from "Colon Neoplasms"
        ("breast cancer screening with a mammogram", "D008327", .diagnosis),                   // Mammography
        ("echocardiogram to diagnose heart failure", "D004452", .diagnosis),                    // Echocardiography
        ("levothyroxine dose increase in pregnancy", "D013974", .dosing),                     // Thyroxine
        ("who should be screened for hep C", "D006526", .diagnosis),                          // Hepatitis C
        ("when to give antibiotics for ear infection in a toddler", "D010033", .treatment),     // Otitis Media
        ("latent tb treatment regimens", "D055985", .treatment),                               // Latent Tuberculosis
    ])
    func understandsShortForms(question: String, concept: String, intent: Intent) {
        let query = QuestionUnderstanding(vocabulary: TestVocabulary.starter.composer.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot).understand(question)
        #expect(query.mentions.contains { $0.concept.id == concept }, "\(query.mentions.map { "\($0.concept.name) [\($0.concept.id)]" })")
        #expect(query.intent == intent)
    }

    @Test("ages and sexes a case writes in shorthand are populations", arguments: [
        ("iron deficiency anaemia 65M - refer for colonoscopy?", ["men", "older adults"]),
        ("74F with new AF", ["women", "older adults"]),
        ("target BP in over 80s?", ["older adults"]),
        ("asthma under 5s - when to start ICS", ["children"]),
        ("fever in a baby under 3 months", ["children"]),
        ("a 6-week-old with bronchiolitis", ["children"]),
        ("PSA 10 in a 55 year old", [String]()),
    ])
    func caseShorthandPopulations(question: String, labels: [String]) {
        let found = Set(Qualifier.detect(in: question).filter { $0.kind == .population }.map(\.label))
        #expect(found == Set(labels), "\(found)")
    }

    @Test("how often is a frequency; how quickly a time; keep taking a duration", arguments: [
        ("lithium levels how often", AttributeDetail.frequency), ("suspected TIA how quickly should they see a specialist", .timing),
        ("do I need to keep taking rivaroxaban?", .duration),
    ])
    func attributeDetails(question: String, detail: AttributeDetail) {
        #expect(AttributeDetail.detect(in: IntentCues.normalized(question)).contains(detail))
    }

    @Test("a word a few documents misspell is corrected when the corrected word names a concept")
    func rareMisspelling() {
        let query = QuestionUnderstanding(vocabulary: TestVocabulary.starter.composer.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot).understand("migrane prophylaxis options")
        #expect(query.corrections.contains { $0.to == "migraine" }, "\(query.corrections)")
    }

    @Test("a recommendation is about what it recommends: treatment only when nothing else is recommended", arguments: [
        ("The USPSTF recommends screening for preeclampsia in pregnant women with blood pressure measurements throughout pregnancy.", Intent?.some(.diagnosis)),
        ("Vaccination against influenza is recommended for all adults aged 65 and older.", .prevention),
        ("Colchicine, NSAIDs, or glucocorticoids are strongly recommended as first-line therapy for gout flares.", nil),
        ("Severe hypertension in pregnancy should be treated with methyldopa, labetalol, or nifedipine; screening should continue.", nil),
        ("Women should be offered treatment with insulin if diet fails.", nil),
    ])
    func recommendedAspect(sentence: String, aspect: Intent?) {
        let normalized = IntentCues.normalized(sentence)
        #expect(IntentCues.recommendedAspect(IntentCues.sentenceCueCounts(normalized), in: normalized) == aspect)
    }

    @Test("a value question names the measure asked about; other questions name none", arguments: [
        ("What systolic blood pressure should I aim for in a patient with intracerebral haemorrhage?", "systolic"),
        ("KDIGO AKI definition - what creatinine rise counts?", "creatinine"),
        ("cirrhotic with ascites - what ascitic PMN count diagnoses SBP?", "pmn"),
        ("How many hours after symptom onset can IV alteplase still be given?", "hour"),
        ("Wells score for PE - what cutoff makes PE likely?", "well"),
        ("At what daily MME dose should I be cautious about increasing opioids?", "mme"),
        ("Up to what age should sexually active women be screened for chlamydia?", "age"),
        ("What causes blepharospasm?", nil),
        ("What treatment will my daughter get for Kawasaki disease?", nil),
        ("which antibiotic for a UTI in pregnancy", nil),
    ])
    func askedMeasure(question: String, measure: String?) {
        let normalized = IntentCues.normalized(question)
        let (intent, _) = QuestionUnderstanding.intent(normalized, fallback: normalized)
        // Word frequencies as a library would give them: the common words are frequent.
        let common: Set<String> = ["blood", "pressure", "ascitic", "daily", "patient", "intracerebral", "hemorrhage"]
        let found = AskedMeasure.detect(in: LexiconText.words(question), intent: intent, details: AttributeDetail.detect(in: normalized)) {
            common.contains($0) ? 1_000 : 10
        }
        #expect(found == measure)
    }

    @Test("a measure is stated by a number in the line, the measure in the line or its context")
    func measureStated() {
        let words = LexiconText.words
        #expect(AskedMeasure.isStated("systolic", in: words("Acute lowering of SBP to 140 mmHg is safe."),
                                      context: words("In patients with systolic blood pressure between 150 and 220 mmHg")))
        #expect(AskedMeasure.isStated("hour", in: words("Onset-to-needle ≤ 4.5 hours."), context: []))
        #expect(!AskedMeasure.isStated("hour", in: words("Alteplase should be given as soon as possible."), context: []))
        #expect(!AskedMeasure.isStated("systolic", in: words("Nicardipine is infused at 5 mg/h."), context: words("Preferred agents")))
        #expect(!AskedMeasure.isStated("pmn", in: words("PMN counts rise in peritonitis."), context: []))
        #expect(AskedMeasure.isStated("age", in: words("Screen sexually active females aged 24 years or younger."), context: []))
        #expect(!AskedMeasure.isStated("age", in: words("The agent was given at 5 mg."), context: []))
    }

    @Test("what a question tells is not what it asks: 'hours after symptom onset', 'just diagnosed with'")
    func timeAnchors() {
        let normalized = IntentCues.normalized("How many hours after symptom onset can IV alteplase still be given?")
        #expect(QuestionUnderstanding.intent(normalized, fallback: normalized).0 != .symptoms)
        #expect(AttributeDetail.detect(in: normalized).contains(.timing))
        let symptoms = IntentCues.normalized("What are the first symptoms of ALS?")
        #expect(QuestionUnderstanding.intent(symptoms, fallback: symptoms).0 == .symptoms)
        let told = IntentCues.normalized("my 3 year old was just diagnosed with kawasaki disease, what treatment will she get in hospital?")
        #expect(QuestionUnderstanding.intent(told, fallback: told).0 == .treatment)
        let asked = IntentCues.normalized("How are children diagnosed with autism?")
        #expect(QuestionUnderstanding.intent(asked, fallback: asked).0 == .diagnosis)
    }

    @Test("harms and doses are a drug's own; about a disease they are its treatment's")
    func sectionHeadings() {
        let understanding = QuestionUnderstanding(vocabulary: VocabularyTests.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot)
        let drug = understanding.understand("side effects of allopurinol")
        #expect(drug.topicIsDrug)
        #expect(Intent.adverseEffects.heading(topic: drug.topicName, topicIsDrug: drug.topicIsDrug) == "Adverse Effects of Allopurinol")
        #expect(Intent.treatment.heading(topic: drug.topicName, topicIsDrug: drug.topicIsDrug) == "Uses of Allopurinol")
        let disease = understanding.understand("What causes blepharospasm?")
        #expect(!disease.topicIsDrug)
        #expect(Intent.adverseEffects.heading(topic: disease.topicName, topicIsDrug: disease.topicIsDrug) == "Harms of Treatment for Blepharospasm")
        #expect(Intent.causes.heading(topic: disease.topicName, topicIsDrug: disease.topicIsDrug) == "Causes of Blepharospasm")
    }

    @Test("word-start cues match at word starts only, as IntentCues.contains does")
    func wordStartCues() {
        let cues = WordStartCues(["child", "older adult", "ckd", "iv"])
        for text in ["in children with fever", "for older adults", "ckd stage 3", "iv fluids"] {
            let normalized = IntentCues.normalized(text)
            #expect(cues.matches(normalized))
            #expect(["child", "older adult", "ckd", "iv"].contains { IntentCues.contains(normalized, cue: $0) })
        }
        for text in ["grandchild", "an older patient", "tckd", "five", ""] { #expect(!cues.matches(IntentCues.normalized(text)), "\(text)") }
    }

    @Test("values and ages are qualifiers", arguments: [
        ("dabigatran dose with creatinine clearance 40 mL/min", "creatinine clearance 40 ml/min"),
        ("HbA1c of 9% on metformin, what next?", "HbA1c 9%"),
        ("my 8-year-old has a fever", "children"),
        ("my mum is 82 and confused", "older adults"),
        ("statin for primary prevention in older men", "men"),
        ("osteoporosis screening for women over 65", "women"),
    ])
    func values(question: String, label: String) {
        #expect(Qualifier.detect(in: question).map(\.label).contains(label))
    }

    @Test("a sex is a population; drug salts and other words that begin like one are not", arguments: [
        "enalapril maleate dose", "meningitis in adults", "mandibular advancement for sleep apnoea", "womb lining thickness",
    ])
    func notSex(question: String) {
        let labels = Qualifier.detect(in: question).map(\.label)
        #expect(!labels.contains("men") && !labels.contains("women"), "\(labels)")
    }

    @Test("a long message's question is its focus")
    func focus() {
        let message = "Hello doctor, my mother is 67. For two years her eyelids keep closing on their own. We were told it is blepharospasm. What could be causing it and can it be treated?"
        let range = QuestionUnderstanding.focus(of: message)
        #expect(message[range] == "What could be causing it and can it be treated?")
        #expect(QuestionUnderstanding.focus(of: "gout flare treatment") == "gout flare treatment".startIndex..<"gout flare treatment".endIndex)
    }
}

@Suite("Vocabulary: normalisation, abbreviations, linking", .serialized)
struct VocabularyTests {
    @Test("names and questions normalise alike", arguments: [
        ("Parkinson's Diseases", "parkinson disease"), ("Sjögren syndrome", "sjogren syndrome"),
        ("subarachnoid haemorrhage", "subarachnoid hemorrhage"), ("Oedema", "edema"), ("paediatric tumours", "pediatric tumors"),
        ("Ehlers-Danlos", "ehlers danlos"), ("COVID-19", "COVID 19"), ("sulphate", "sulfate"), ("aetiology", "etiology"),
        ("diarrhoea", "diarrhea"), ("aerosol", "aerosol"),
    ])
    func normalisation(text: String, same: String) {
        #expect(LexiconText.key(text) == LexiconText.key(same))
        #expect(LexiconText.key(text) == LexiconText.key(text.uppercased()))
    }

    @Test("words keep their place in the text", arguments: ["Parkinson’s disease — a “test”…", "naïve Bayes, Sjögren's", "α-synuclein (SNCA) 2.5 mg"])
    func wordRanges(text: String) {
        for word in LexiconText.words(text) { #expect(text[word.range] == word.original) }
    }

    @Test("a MeSH descriptor knows its broader descriptors from its tree numbers (Febrile Seizures under Seizures)")
    func broaderFromTrees() throws {
        let mention = try #require(Self.vocabulary.link(LexiconText.words("febrile seizures"), linkable: { _ in true }, lowercaseAbbreviations: false).first)
        #expect(mention.concept.id == "D003294")
        #expect(mention.concept.broader.contains("D012640"))
        let seizures = try #require(Self.vocabulary.link(LexiconText.words("seizures"), linkable: { _ in true }, lowercaseAbbreviations: false).first)
        #expect(!seizures.concept.broader.contains("D003294"))
    }

    @Test("findings in animals or cells are told apart from findings in patients")
    func preclinical() {
        #expect(SourceNoise.isPreclinical(IntentCues.normalized("Hyperthermia-induced seizures in the immature rat cause a presynaptic increase")))
        #expect(SourceNoise.isPreclinical(IntentCues.normalized("In mice lacking the gene, lesions were smaller.")))
        #expect(!SourceNoise.isPreclinical(IntentCues.normalized("The ratio of seizures in patients fell by a third.")))
        #expect(!SourceNoise.isPreclinical(IntentCues.normalized("Recurrence was 21% to 45% in the first 2 years.")))
    }

    @Test("Schwartz–Hearst finds abbreviation definitions", arguments: [
        ("Men with benign prostatic hyperplasia (BPH) often have symptoms.", "BPH", "benign prostatic hyperplasia"),
        ("Acute kidney injury (AKI) is common after surgery.", "AKI", "Acute kidney injury"),
        ("Patients with obstructive sleep apnea (OSA) snore.", "OSA", "obstructive sleep apnea"),
        ("The gene for tumor necrosis factor alpha (TNF-alpha) was studied.", "TNF-alpha", "tumor necrosis factor alpha"),
    ])
    func abbreviations(text: String, short: String, long: String) {
        #expect(AbbreviationMiner.definitions(in: text) == [.init(short: short, long: long)])
    }

    @Test("statistics in parentheses are not abbreviations", arguments: ["mortality was lower (P < 0.05) in", "risk rose (95% CI 1.1-1.3)", "the odds (OR) were higher"])
    func notAbbreviations(text: String) {
        #expect(AbbreviationMiner.definitions(in: text).isEmpty)
    }

    @Test("pages' 'also called' names")
    func alsoCalled() {
        #expect(AbbreviationMiner.alsoCalled(in: "Hashimoto's disease, also called chronic lymphocytic thyroiditis, is an autoimmune disease.", subject: LexiconText.key("Hashimoto's disease")) == ["chronic lymphocytic thyroiditis"])
        #expect(AbbreviationMiner.alsoCalled(in: "Pinworm infection, also known as enterobiasis or oxyuriasis, is common.", subject: LexiconText.key("Pinworm infection")) == ["enterobiasis", "oxyuriasis"])
        // A name given to something else on the page is not the page's subject's.
        #expect(AbbreviationMiner.alsoCalled(in: "Low blood sugar releases epinephrine, also called adrenaline, which causes shaking.", subject: LexiconText.key("Hypoglycemia")).isEmpty)
    }

    static var vocabulary: Vocabulary { TestVocabulary.starter.composer.vocabulary }

    /// The concept a phrase links to in a short question.
    static func linked(_ text: String) -> [Vocabulary.Mention] {
        vocabulary.link(LexiconText.words(text), linkable: { !QuestionWords.isFiller($0) }, lowercaseAbbreviations: true)
    }

    @Test("abbreviations resolve to their concept (defined in the library's text or in MeSH)", arguments: [
        ("UTI", "D014552"), ("MS", "D009103"), ("PE", "D011655"), ("AKI", "D058186"), ("GERD", "D005764"),
        ("SLE", "D008180"), ("BPH", "D011470"), ("OSA", "D020181"), ("COPD", "D029424"), ("copd", "D029424"),
    ])
    func abbreviationLinks(abbreviation: String, id: String) {
        let mentions = Self.linked("\(abbreviation) treatment")
        #expect(mentions.first?.concept.id == id, "\(mentions.map { ($0.text, $0.concept.id, $0.concept.name) })")
    }

    @Test("the longest name wins; a partial match never beats the whole name", arguments: [
        ("cyclic vomiting syndrome in children", "cyclic vomiting syndrome"),
        ("Ehlers-Danlos syndrome hypermobility type", "Ehlers-Danlos syndrome"),
        ("acute kidney injury after surgery", "acute kidney injury"),
    ])
    func longestMatch(question: String, span: String) {
        let first = Self.linked(question).first
        #expect(first?.text.lowercased() == span.lowercased(), "\(Self.linked(question).map(\.text))")
        // Not a partial name ("Vomiting") nor a more specific page's subject ("progeroid type").
        #expect(first?.concept.name.lowercased().contains("progeroid") == false)
        #expect(first?.concept.name != "Vomiting")
    }

    @Test("supplementary concepts, British spellings and eponyms link", arguments: [
        ("donanemab", "C000729112"), ("aneurysmal subarachnoid haemorrhage", "D013345"), ("hashimotos thyroiditis", "D050031"),
        ("Lysinuric protein intolerance", "C562687"),
    ])
    func otherNames(text: String, id: String) {
        #expect(Self.linked(text).map(\.concept.id).contains(id), "\(Self.linked(text).map { ($0.text, $0.concept.id) })")
    }

    @Test("acronyms as written are read only as abbreviations ('GOLD' is not gold); 'aids' is a word")
    func acronymsAsWritten() {
        #expect(!Self.linked("COPD GOLD group E").contains { $0.concept.name == "Gold" })
        #expect(!Self.linked("hearing aids").contains { $0.concept.id == "D000163" })
    }

    @Test("ordinary words are not names: 'rid' is not the chemical RID, 'cast' is not Cast Syndrome, 'Hashimoto' still is")
    func ordinaryWords() {
        #expect(!Self.linked("how do I get rid of it").contains { $0.concept.id == "C027982" })
        #expect(!Self.linked("a cast iron pan").contains { $0.concept.id == "D013478" })
        #expect(Self.linked("Wilkie syndrome").contains { $0.concept.id == "D013478" })
        #expect(Self.linked("Hashimoto").contains { $0.concept.id == "D050031" })
    }

    @Test("plants are not medical concepts; a medicinal plant is, as a chemical")
    func plants() {
        let tree = Self.linked("apple tree").first { $0.concept.id == "D014197" }
        #expect(tree.map { !$0.concept.categories.isMedical } ?? true)
    }

    @Test("a negated concept is not required; clinical shorthand is written out", arguments: [
        ("blood pressure target for hypertension in patients without diabetes", "Hypertension", "diabetes"),
        ("afib anticoagulation", "Atrial Fibrillation", ""),
        ("htn first line drug", "Hypertension", ""),
    ])
    func negationAndShorthand(question: String, primary: String, negatedWord: String) {
        let query = QuestionUnderstanding(vocabulary: Self.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot).understand(question)
        #expect(query.primary?.concept.name == primary, "\(query.mentions.map { ($0.text, $0.concept.name, $0.role.rawValue) })")
        if !negatedWord.isEmpty {
            let negated = query.mentions.filter(\.negated)
            #expect(negated.contains { $0.text.lowercased().contains(negatedWord) }, "\(query.mentions.map { ($0.text, $0.negated) })")
            #expect(negated.allSatisfy { !query.required.map(\.concept.id).contains($0.concept.id) })
        }
    }

    @Test("misspellings are corrected against the vocabulary; real words are left alone")
    func spelling() {
        let understanding = QuestionUnderstanding(vocabulary: Self.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot)
        #expect(understanding.understand("diabetis insipidus").corrected == "diabetes insipidus")
        #expect(understanding.understand("pnuemonia in adults").corrections == [.init(from: "pnuemonia", to: "pneumonia")])
        #expect(understanding.understand("first unprovoked seizure").corrections.isEmpty)
    }

    @Test("roles: the medical subject is primary; populations, phases and common words are not", arguments: [
        ("UTI antibiotics in pregnancy", "Urinary Tract Infections", ["Pregnancy": "qualifier"]),
        ("MS relapse treatment", "Multiple Sclerosis", [:]),
        ("dabigatran dose in kidney disease", "Dabigatran", ["Kidney Diseases": "qualifier"]),
        ("hyperkalemia emergency treatment", "Hyperkalemia", [:]),
        ("pulmonary embolism thrombolysis when", "Pulmonary Embolism", [:]),
        ("Hello doctor, my mother is 67 and for two years her eyelids keep closing on their own. We were told it is blepharospasm. What could be causing it and can it be treated?", "Blepharospasm", [:]),
    ])
    func roles(question: String, primary: String, others: [String: String]) {
        let query = QuestionUnderstanding(vocabulary: Self.vocabulary, snapshot: TestVocabulary.starter.composer.snapshot).understand(question)
        #expect(query.primary?.concept.name == primary, "\(query.mentions.map { ($0.text, $0.concept.name, $0.role.rawValue) })")
        for (name, role) in others { #expect(query.mentions.first { $0.concept.name == name }?.role.rawValue == role) }
        #expect(!query.required.contains { ["Recurrence", "Emergency Treatment", "Wills"].contains($0.concept.name) })
    }

    @Test("the library's vocabulary marks site boilerplate and carries the aspect model")
    func libraryLexicon() throws {
        let lexicon = try #require(Self.vocabulary.library)
        #expect(lexicon.isBoilerplate("You can use the MedlinePlus Medical Dictionary to look up the definitions for these medical terms."))
        #expect(!lexicon.isBoilerplate("The exact cause of benign essential blepharospasm is unknown."))
        #expect(lexicon.aspectClassifier?.classes.count == 9)
    }
}
