import EvidentSearch
import Foundation

/// Why a statement was chosen: the parts of its score, the aspect it was filed under and how
/// that was decided, and where its subject was found.
public struct StatementExplanation: Codable, Sendable, Equatable {
    /// One part of the score.
    public struct Part: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double
    }

    public var score: Double
    public var parts: [Part]
    /// The aspect the statement speaks to.
    public var aspect: Intent
    /// What decided the aspect: "label", "heading", "sentence", "model".
    public var aspectFrom: String
    /// Where the question's subject was found: "sentence", "context" (heading, row header or
    /// list lead-in) or "title".
    public var subjectFrom: String
    /// The question's qualifiers the statement matches.
    public var qualifiers: [String]
}

/// A unit of evidence scored against the question.
struct ScoredUnit {
    enum Subject: String { case sentence, context, title, words }

    var unit: EvidenceUnit
    /// Index of its passage in the retrieved list.
    var source: Int
    /// The statement text (the unit's text, a leading connective or fused heading trimmed).
    var text: Substring
    var label: String?
    var aspect: Intent
    var aspectFrom: String
    var subject: Subject
    /// Numbers (in the selector's concept list) of the required concepts it covers.
    var covered: Set<Int>
    var qualifiers: [String]
    var score: Double
    var parts: [StatementExplanation.Part]
    /// Fit to open the answer: names its subject, answers the asked attribute, stands alone.
    var canLead: Bool
    /// How well it fits the asked attribute (1 exact, 0.6 close, 0 other).
    var fit: Double
    /// Its grade, in the source's words ("Level B").
    var grade: String?
    /// True when its words name the asked attribute ("causes", "treated").
    var namesAttribute: Bool
    /// True when it gives a number for the measure the question asks the value of.
    var statesAskedValue = false
    /// True when it speaks of the age group of the age the question gives ("adults aged 76 to
    /// 85 years" for an 80-year-old).
    var forAskedAge = false
    /// How many specific things it names for the asked attribute (drugs for a treatment,
    /// symptoms for symptoms), counted by the second pass.
    var specifics = 0
    /// True when the line gives the asked drug's own dose (a number with a dose unit, no other
    /// drug named between them): what a dose question about a drug is answered with.
    var givesAskedDose = false
    /// True when the asked attribute is named right beside the subject ("the causes of …").
    var answersDirectly = false

    /// True when the line is on a population the question did not name ("in children").
    var isForAnotherPopulation: Bool { parts.contains { $0.name == StatementSelector.otherPopulationPart } }

    /// True when a line speaks to the asked attribute in its own words: it names the attribute,
    /// names it beside the subject, or gives the asked value. A study's finding is shown only
    /// then: what a model guesses a sentence is about ("TLR mRNA expression was measured…" as
    /// prognosis) is no finding on the question.
    var speaksToAskedAttribute: Bool { namesAttribute || answersDirectly || statesAskedValue }

    var explanation: StatementExplanation {
        StatementExplanation(score: (score * 1000).rounded() / 1000, parts: parts, aspect: aspect, aspectFrom: aspectFrom,
                             subjectFrom: subject.rawValue, qualifiers: qualifiers)
    }

    /// Total order for ranking: higher score first, then earlier passage, then earlier in the
    /// passage, so that equal scores never fall in an order that changes between runs.
    static func ranksBefore(_ a: ScoredUnit, _ b: ScoredUnit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.source != b.source { return a.source < b.source }
        return a.unit.quote.startIndex < b.unit.quote.startIndex
    }
}

/// The third stage: scores every unit of the retrieved passages against the whole question.
/// A unit is kept only when its subject is the question's (in the sentence, in the context its
/// source gives it, or in the title of a document about it); then its score adds up the fit to
/// the asked attribute and its details, the other concepts and qualifiers it covers, the
/// strength of its evidence and how well its passage matched.
struct StatementSelector {
    let query: StructuredQuery
    let tier: Tier
    let vocabulary: Vocabulary
    let classifier: AspectClassifier?
    /// The checks a unit passes before it is scored.
    let gate: StatementGate
    let analyzer: Analyzer
    let stems: StemCache
    /// The question's concepts: required ones first (the primary at 0), then related ones.
    let concepts: [StructuredQuery.Mention]
    let requiredCount: Int
    /// True when the question itself is about animals or cells.
    let asksPreclinical: Bool
    /// True when the question asks how to diagnose (not whether to screen): a line on screening
    /// people without symptoms answers another question.
    let asksDiagnosisNotScreening: Bool
    let matcher: ConceptMatcher
    /// Normalised leftover words (for questions without a medical concept).
    let otherWords: [String]
    /// The stems the other words are matched by in a line (``WordForms``).
    let otherWordStems: [String]
    /// Pairs of those words side by side in the question ("rate control", "oral feeding"),
    /// normalised: a line or heading that says the pair says what was asked.
    let otherPhrases: [String]
    /// The question's modifiers and their opposites ("primary prevention" / "secondary prevention").
    let opposites: OppositeModifiers
    /// The question's numbered forms ("stage 1 hypertension", "type 2 diabetes").
    let numbered: NumberedModifiers
    /// The indices of the required concepts that are diseases ("DKA" in "DKA insulin infusion rate").
    let requiredDiseases: Set<Int>
    /// Per document id: the section names parallel to one on the asked disease and not on it
    /// ("Insulin Therapy for HHS" beside "Insulin Therapy for DKA").
    private let parallelSectionsOnAnotherCase = TextMemo<Set<String>>()
    /// The question's words a line may say only negated ("never smoked" for "smoked").
    let negatedWords: NegatedWords
    /// Whether a label says an asked word only negated, remembered per label.
    private let negatedLabels = TextMemo<Bool>()
    /// The ages the question gives ("a 76 year old"), for lines on age bands.
    let ages: AgeBands
    /// What a label, heading or title says of the asked age (``AgeBands/Verdict``), remembered per text.
    private let ageVerdicts = TextMemo<AgeBands.Verdict?>()

    /// Whether research on a form of the disease the question did not name is dropped: when the
    /// disease is all the question asks about (a drug's study in falciparum malaria still
    /// answers a question on the drug for malaria).
    var dropsStudiesOfSubtypes: Bool { tier == .research && requiredCount == 1 }
    /// A cheap test that rules passages out before they are cut into units.
    let needles: SubjectNeedles
    /// The primary concept's names as space-padded word keys (" parkinson disease "), for
    /// telling its broader and narrower forms from other diseases.
    let primaryNameKeys: [String]
    /// Word-start cues ("child", "pregnan") of the populations the question did not ask about.
    let otherPopulationCues: WordStartCues
    /// Word-start cues of the populations studied apart (pregnancy, children) the question did not ask about.
    let otherStudiedApartCues: WordStartCues
    /// Words that narrow the subject to a subtype or subgroup ("juvenile ALS", "menstrual
    /// migraine", "treatment-resistant depression") and that the question does not use.
    let unaskedSubtypeWords: Set<String>
    /// Whether a context (heading, lead-in) names such a population, remembered per context:
    /// every unit of a passage shares its heading.
    private let populationContexts = TextMemo<Bool>()
    /// Whether a context names the subject as a subtype not asked, remembered per context.
    private let subtypeContexts = TextMemo<Bool>()
    /// The concepts a unit's words name, remembered per text: the list check and the second
    /// pass both need them.
    private let sightingsByText = TextMemo<[Vocabulary.Sighting]>()
    /// Whether a heading or title names a disease other than the question's, remembered per text
    /// (the concepts it is checked against are those of the text itself).
    private let contextsNamingAnotherSubject = TextMemo<Bool>()
    /// The question's populations each document title names, remembered per title.
    private let titlePopulations = TextMemo<Set<String>>()
    /// The aspects each document title names, remembered per title.
    private let titleAspects = TextMemo<Set<Intent>>()
    /// The short names of each document source seen (``Publishers``), computed once per source.
    private let sourcePublishers = TextMemo<Set<String>>()
    /// Per document id: the question's abbreviations it defines as something else.
    private let redefinedByDocument = TextMemo<Set<String>>()

    /// Words that, just before a disease's name, make it a subtype or subgroup of the disease.
    static let subtypeWords: Set<String> = [
        "juvenile", "childhood", "pediatric", "paediatric", "infantile", "neonatal", "congenital", "familial", "menstrual",
        "refractory", "resistant", "recurrent", "relapsed", "relapsing", "secondary", "gestational", "postpartum", "induced",
        "atypical", "metastatic", "onset",
    ]

    /// True when one of the two words before the subject's name (at `position`) narrows it to a
    /// subtype the question did not ask about.
    func namesUnaskedSubtype(_ words: [LexiconText.Word], before position: Int) -> Bool {
        words[max(0, position - 2)..<position].contains { unaskedSubtypeWords.contains($0.key) }
    }

    /// True when normalised text names a population the question did not ask about.
    func namesOtherPopulation(_ normalized: String) -> Bool {
        otherPopulationCues.matches(normalized)
    }
    init(query: StructuredQuery, tier: Tier, vocabulary: Vocabulary, classifier: AspectClassifier?, libraryLexicon: Lexicon?, snapshot: IndexSnapshot) {
        self.query = query
        self.tier = tier
        self.vocabulary = vocabulary
        self.classifier = classifier
        gate = StatementGate(tier: tier, libraryLexicon: libraryLexicon)
        analyzer = snapshot.analyzer
        stems = snapshot.stems
        let required = query.required.sorted { ($0.role == .primary ? 0 : 1) < ($1.role == .primary ? 0 : 1) }
        let related = query.mentions.filter { $0.role == .related && !$0.negated }
        concepts = required + related
        requiredCount = required.count
        matcher = ConceptMatcher(concepts.map { ($0.concept, [$0.text]) }, vocabulary: vocabulary)
        // Without a medical concept, every word of the question must be in the evidence.
        otherWords = query.otherWords.map { LexiconText.key($0) }
            + (required.isEmpty ? query.mentions.filter { $0.role == .nonMedical }.flatMap { LexiconText.words($0.text).map(\.key) } : [])
        otherWordStems = otherWords.map(WordForms.stem)
        needles = SubjectNeedles(required.first)
        otherPhrases = query.otherWordPairs
        opposites = OppositeModifiers(question: query.corrected)
        numbered = NumberedModifiers(question: query.corrected)
        ages = AgeBands(question: query.corrected)
        negatedWords = NegatedWords(question: query.corrected)
        requiredDiseases = Set(required.indices.filter { required[$0].concept.categories.contains(.disease) })
        primaryNameKeys = concepts.first.map { primary in
            ([primary.concept.name, primary.text] + primary.concept.synonyms).map { " " + LexiconText.key($0) + " " }
        } ?? []
        let normalizedQuestion = IntentCues.normalized(query.question)
        asksPreclinical = SourceNoise.isPreclinical(normalizedQuestion)
        asksDiagnosisNotScreening = query.intent == .diagnosis && IntentCues.contains(normalizedQuestion, cue: "diagnos")
            && !Self.screeningCues.contains { IntentCues.contains(normalizedQuestion, cue: $0) }
        // A question about a condition of pregnancy (preterm labour) asks about pregnancy.
        var impliedPopulations = required.contains { vocabulary.isPregnancyCondition($0.concept) } ? ["pregnancy"] : [String]()
        // So does one whose subject names a population's organ or age ("fatty liver" the liver's,
        // "neonatal jaundice" the newborn's): its lines on it are on the asked population.
        let subjectNames = IntentCues.normalized(required.flatMap { [$0.text, $0.concept.name] }.joined(separator: " | "))
        impliedPopulations += Qualifier.table.filter { entry in
            entry.kind == .population && entry.evidence.contains { IntentCues.contains(subjectNames, cue: $0) }
        }.map(\.label)
        let askedPopulations = Set(query.qualifiers.map(\.label) + impliedPopulations)
        let questionKeys = Set(LexiconText.words(query.question).map(\.key))
        // A subgroup the question asks for in other words ("newborn" asks for "neonatal") is asked.
        let askedCues = query.qualifiers.flatMap(\.evidenceCues) + (query.qualifiers.contains { $0.label == "children" } ? ["juvenil"] : [])
        unaskedSubtypeWords = Self.subtypeWords.subtracting(questionKeys).filter { word in !askedCues.contains { word.hasPrefix($0) } }
        // Children and adolescents overlap: a line on both ("children and young people") is on
        // the asked one, not on another population.
        func overlapsAsked(_ label: String) -> Bool {
            label == "children" && askedPopulations.contains("adolescents") || label == "adolescents" && askedPopulations.contains("children")
        }
        otherStudiedApartCues = WordStartCues(Qualifier.table.filter { entry in
            entry.kind == .population && Self.populationsStudiedApart.contains(entry.label) && !askedPopulations.contains(entry.label)
                && !overlapsAsked(entry.label)
        }.flatMap(\.evidence))
        otherPopulationCues = WordStartCues(Qualifier.table.filter { entry in
            entry.kind == .population && !askedPopulations.contains(entry.label)
                && !overlapsAsked(entry.label)
                && (Qualifier.opposites[entry.label].map { askedPopulations.contains($0) } ?? true)
        }.flatMap(\.evidence))
    }

    /// Weights of the score's parts (named so `--explain` reads as a sum).
    enum Weight {
        static let subjectInSentence = 1.0, subjectInContext = 0.75, subjectInTitle = 0.4
        static let otherConcept = 0.8, otherConceptInTitle = 0.3, relatedConcept = 0.2
        static let aspectExact = 1.0, aspectAlsoAsked = 0.6, aspectByCue = 0.5
        /// A phrase of the question's own words no concept covers, said as the question says it.
        static let questionPhrase = 0.4
        static let attributeWords = 0.3, detail = 0.35, qualifier = 0.5, populationStudiedApart = 0.9, values = 0.5
        static let grade = 0.3, recommendation = 0.15, finding = 0.3
        /// A guideline whose title is on the asked attribute of the subject ("Screening for …").
        static let documentOnAttribute = 0.3
        static let passage = 0.6, documentRank = 0.3
        static let definition = -0.6, definitionAsked = 0.5, anaphora = -0.3, tooLong = -0.3, tooShort = -0.2
        static let recency = 0.1, direct = 0.4, specificContent = 0.35, numbers = 0.3, questionWord = 0.4, citedByGuideline = 0.3
        static let otherPopulation = -0.4
        /// A number for the measure the question asks the value of.
        static let askedValue = 0.6
        /// A recommendation its source grades strong (Class I, Level A) or moderate (IIa, B).
        static let strongGrade = 0.25, moderateGrade = 0.1
        /// How much more the grade counts when the first choice is asked.
        static let firstChoiceGradeFactor = 3.0
        /// A guideline of the body the question names ("… under the ACC/AHA guideline").
        static let publisherAsked = 0.6
        /// A value range holding the value the question gives ("INR of ≥8.0" for "INR 9").
        static let valueInRange = 1.0
        /// A line on the stage or type the question names ("stage 1 hypertension").
        static let askedStage = 0.4
        /// A line on an age group holding the age the question gives ("adults aged 76 to 85 years"
        /// for an 80-year-old); a third of it for an open band ("individuals >50 years").
        static let askedAgeBand = 0.6
        /// A guideline's sentence that tells of a study rather than what to do.
        static let studyAccount = -0.3
        /// The subject named as one of a list of diseases.
        static let listedAmongOthers = -0.5
    }

    /// Every unit of the passages that is about the question, scored.
    func score(_ passages: [RetrievedPassage]) -> [ScoredUnit] {
        var result: [ScoredUnit] = []
        for (index, retrieved) in passages.enumerated() {
            let passage = retrieved.passage
            if SourceNoise.isSkippedLabel(passage.label) { continue }
            let title = retrieved.document.title ?? ""
            let titleConcepts = matcher.concepts(in: title)
            let heading = passage.heading ?? ""
            // A heading that repeats the title around it (an institute page's question: "How to
            // diagnose <title> ?") names what the title names.
            let headingConcepts = heading.isEmpty ? [] : (!title.isEmpty && heading.contains(title) ? titleConcepts : matcher.concepts(in: heading))
            // Units need the subject in their sentence, their context or a title about it (a title
            // that names the subject never names another one, so the cheap test comes first).
            if !titleConcepts.contains(0), !headingConcepts.contains(0), !needles.mayMatch(passage.text) { continue }
            let conflict = contextsNamingAnotherSubject.value(heading) { _ in headingNamesAnotherSubject(heading, found: headingConcepts) }
            let titleConflict = contextsNamingAnotherSubject.value(title) { _ in headingNamesAnotherSubject(title, found: titleConcepts) }
            let labelAspect = passage.label.flatMap { Intent.questionTypes[$0.lowercased()] ?? IntentCues.aspect(ofHeading: $0) }
            // "Recommendations" says a line tells what to do, not about what: treatment, unless
            // its heading or its words say otherwise ("… › Chest Radiography", "screening").
            let recommendationLabel = labelAspect == nil && (passage.label.map { IntentCues.contains(IntentCues.normalized($0), cue: "recommendation") } ?? false)
            let headingAspect = heading.isEmpty ? nil : IntentCues.aspect(ofHeading: heading)
            // Where neither the title nor the heading names the subject, a unit must name it itself:
            // a byte search rules most units of a long guideline out before they are analysed.
            let unitMustNameSubject = (!titleConcepts.contains(0) || titleConflict) && !headingConcepts.contains(0)
            // An abbreviation defined as something else anywhere in the document ("hemodialysis
            // (HD)" in an abstract's background) means that in all of it.
            let redefined = redefinedByDocument.value(retrieved.document.id) { _ in
                retrieved.document.passages.reduce(into: matcher.abbreviationsDefinedOtherwise(in: retrieved.document.title ?? "")) {
                    $0.formUnion(matcher.abbreviationsDefinedOtherwise(in: $1.text))
                }
            }
            for unit in EvidenceUnits.units(of: passage.text) {
                if unitMustNameSubject, !needles.mayMatch(String(unit.quote) + " " + (unit.leadIn.map(String.init) ?? "")) { continue }
                if let scored = score(unit, retrieved: retrieved, source: index, titleConcepts: titleConcepts, headingConcepts: headingConcepts,
                                      conflict: conflict, titleConflict: titleConflict, labelAspect: labelAspect, headingAspect: headingAspect,
                                      recommendationLabel: recommendationLabel, redefined: redefined) {
                    result.append(scored)
                }
            }
        }
        // A question that names a guideline body ("under the 2017 ACC/AHA guideline") is
        // answered first by that body, when the library holds its word on the question.
        if result.contains(where: { $0.canLead && $0.parts.contains { $0.name == Self.publisherPart } }) {
            for index in result.indices where !result[index].parts.contains(where: { $0.name == Self.publisherPart }) { result[index].canLead = false }
        }
        result.sort(by: ScoredUnit.ranksBefore)
        refineTop(&result)
        return result
    }

    /// The part of a score for a line from the guideline body the question names.
    static let publisherPart = "the body asked"

    /// Populations whose evidence is their own: research is shown for them only when it studied them.
    static let populationsStudiedApart: Set<String> = ["pregnancy", "breastfeeding", "children", "adolescents"]

    /// Units and signs that make a number a dose or a threshold.
    static let valueUnits = ["mg", "mcg", "µg", "g/", "units", " IU ", " IU/", " IU,", " IU)", "mL", "mmol", "mEq", "mm Hg", "mmHg", "%", "/kg", "per day", "daily", "hours", "<", ">", "≥", "≤"]

    /// True when a text gives a value: a number with a unit or sign ("0.75 mg/kg/d", "twice-daily"),
    /// not any number ("by 2 to 5 years").
    static func givesValue<S: StringProtocol>(_ text: S) -> Bool {
        text.contains { $0.isNumber } && valueUnits.contains { text.containsBytes($0) }
    }

    /// The explanation's name for a line in a section on another condition than the one asked.
    static let neighbouringSectionPart = "a section on another condition"

    /// The explanation's name for a line on a special population the question did not ask about.
    static let otherPopulationPart = "another population"

    /// The explanation's name for a line whose dose is another drug's than the one asked.
    static let anotherDrugsDosePart = "another drug's dose"

    /// The explanation's name for a statement about a subtype the question did not name.
    static let subtypePart = "a subtype not asked"

    /// Units the second pass looks at (the best by the first pass).
    static let refinedUnits = 40

    /// The second pass, on the best units only: what they say specifically (the drugs of a
    /// treatment, the symptoms of a disease, the numbers of a dose) counts, since a lead should
    /// answer with content, not restate the question.
    private func refineTop(_ units: inout [ScoredUnit]) {
        let ids = Set(concepts.map(\.concept.id))
        let wanted: ConceptCategories
        switch query.intent {
        case .treatment, .prevention, .comparison, .dosing: wanted = [.chemical, .procedure]
        case .symptoms, .adverseEffects, .prognosis: wanted = [.disease]
        case .causes, .genetics, .mechanism: wanted = [.disease, .chemical, .organism]
        case .diagnosis: wanted = [.procedure, .chemical]
        case .epidemiology, .definition: wanted = []
        }
        let wantsNumbers = query.intent == .dosing || query.intent == .epidemiology || !query.details.isEmpty
        // Subtypes are of diseases: a drug named under its class ("onabotulinumtoxinA" for
        // "botulinum toxin") is what a treatment answer should name, not a subtype.
        // A subject the question implies (gestational hypertension, from hypertension in
        // pregnancy) is an umbrella: its narrower forms (pre-eclampsia) are what it asks about.
        let primary = requiredCount > 0 ? concepts.first.flatMap { $0.concept.categories.contains(.disease) && $0.inferredFrom == nil ? $0.concept.id : nil } : nil
        var subtypeStudies = Set<Int>()
        // A dose question about a drug is answered by that drug's dose, not another's beside it.
        // Only for a drug (a MeSH descriptor or supplementary concept), not for a class ("inhaled
        // corticosteroid", whose doses are its members').
        let asksDrugDose = query.intent == .dosing && requiredCount > 0
            && concepts.first.map { primary in
                let categories = primary.concept.categories
                return primary.concept.isMeSH && categories.contains(.chemical) && !categories.contains(.disease) && !categories.contains(.drugClass)
            } == true
        for index in units.indices.prefix(Self.refinedUnits) {
            let unit = units[index]
            var bonus = 0.0
            let sentenceText = Self.sentenceText(unit.text, items: unit.unit.items)
            let words = asksDrugDose ? LexiconText.words(sentenceText) : nil
            let sighted = sightings(of: sentenceText, words: words)
            let mentions = sighted.map { sighting in
                (id: sighting.id, categories: sighting.categories, broader: vocabulary.broader(of: sighting))
            }
            if let words, DoseOwner.firstDose(in: words) != nil { units[index].givesAskedDose = true }
            if let words, !units[index].parts.contains(where: { $0.name == Self.anotherDrugsDosePart }),
               DoseOwner.givesAnotherDrugsDose(words, in: sentenceText, drugs: sighted.filter { $0.categories.contains(.chemical) && !$0.categories.contains(.drugClass) }.map(\.words), isAsked: { range in
                   guard let sighting = sighted.first(where: { $0.words == range }) else { return true }
                   // A member of the asked drug's group ("Humulin" for insulin) gives its dose.
                   return ids.contains(sighting.id) || matcher.positions(in: Array(words[range]))[0] != nil
                       || concepts.first.map { vocabulary.broader(of: sighting).contains($0.concept.id) } == true
               }) {
                units[index].score += Weight.otherPopulation
                units[index].parts.append(.init(name: Self.anotherDrugsDosePart, value: Weight.otherPopulation))
                units[index].canLead = false
                units[index].givesAskedDose = false
            }
            // A narrower form of the subject the question did not name ("febrile seizures" for a
            // question on seizures: a MeSH descriptor under it) makes the statement about that
            // form, unless the subject is named too ("sepsis-induced hypoperfusion or septic
            // shock"). A page's own name for the subject ("benign essential blepharospasm", a
            // library name containing "blepharospasm") is the subject, not a form of it.
            if let primary, !units[index].parts.contains(where: { $0.name == Self.subtypePart }),
               !mentions.contains(where: { $0.id == primary }),
               let narrower = mentions.first(where: { mention in
                   mention.broader.contains(primary) && !ids.contains(mention.id) && mention.categories.contains(.disease)
                       && mention.id.hasPrefix("D")
               }) {
                units[index].score += Weight.otherPopulation
                units[index].parts.append(.init(name: Self.subtypePart, value: Weight.otherPopulation))
                units[index].canLead = false
                AnswerComposer.logger.trace("  narrower form \(narrower.id): \(unit.text.prefix(60))")
                // A study of that form is research on it, not on the asked disease.
                if dropsStudiesOfSubtypes { subtypeStudies.insert(index) }
            }
            if !wanted.isEmpty {
                let specific = Set(mentions.filter { mention in
                    let categories = mention.categories
                    return !ids.contains(mention.id) && !categories.isDisjoint(with: wanted) && !categories.contains(.diseaseAttribute)
                        && !(primary.map { mention.broader.contains($0) && mention.id.hasPrefix("D") } ?? false)
                }.map(\.id))
                bonus += min(Double(specific.count), 2) * Weight.specificContent
                units[index].specifics = specific.count
            }
            if wantsNumbers && unit.text.contains(where: \.isNumber) { bonus += Weight.numbers }
            guard bonus > 0 else { continue }
            units[index].score += bonus
            units[index].parts.append(.init(name: "specific content", value: (bonus * 1000).rounded() / 1000))
        }
        if !subtypeStudies.isEmpty { units = units.indices.filter { !subtypeStudies.contains($0) }.map { units[$0] } }
        units.sort(by: ScoredUnit.ranksBefore)
    }

    /// A unit's sentence with its list items: the text its subject and concepts are read from.
    static func sentenceText(_ text: Substring, items: [Substring]) -> String {
        String(text) + (items.isEmpty ? "" : " " + items.joined(separator: " "))
    }

    /// The concepts a unit's text names (remembered: the list check and the second pass share them).
    private func sightings(of text: String, words: [LexiconText.Word]? = nil) -> [Vocabulary.Sighting] {
        sightingsByText.value(text) { text in
            vocabulary.sightings(words ?? LexiconText.words(text), linkable: { !QuestionWords.isFiller($0) })
        }
    }

    /// True when a heading names a disease that is not the question's, and not the question's
    /// subject (a section on cervical dystonia in a guideline that also covers blepharospasm).
    /// A name that says a population the question asks about is none ("Intrapartum care: …
    /// during childbirth" for a question on postpartum haemorrhage).
    func headingNamesAnotherSubject(_ heading: String, found: Set<Int>) -> Bool {
        guard !heading.isEmpty, found.isDisjoint(with: 0..<max(1, requiredCount)) else { return false }
        let words = LexiconText.words(heading)
        let ids = Set(concepts.map(\.concept.id))
        let populations = query.qualifiers.filter { $0.kind == .population }
        return vocabulary.sightings(words, linkable: { !QuestionWords.isFiller($0) }).contains { sighting in
            let categories = sighting.categories
            guard !ids.contains(sighting.id), !categories.contains(.diseaseAttribute),
                  categories.contains(.disease) || categories == .libraryName, !namesRelative(words[sighting.words]) else { return false }
            let named = IntentCues.normalized(words[sighting.words].map(\.original).joined(separator: " "))
            return !populations.contains { $0.matches(named) }
        }
    }

    private func score(_ unit: EvidenceUnit, retrieved: RetrievedPassage, source: Int, titleConcepts: Set<Int>, headingConcepts: Set<Int>,
                       conflict: Bool, titleConflict: Bool, labelAspect: Intent?, headingAspect: Intent?, recommendationLabel: Bool, redefined: Set<String>) -> ScoredUnit? {
        // Noise, questions and fragments are never statements.
        let admitted: StatementGate.Admitted
        // A page's own answer to the asked question about its subject may be a sentence its site repeats.
        let ownAnswer = titleConcepts.contains(0) && (labelAspect ?? headingAspect) == query.intent
        switch gate.verdict(on: unit, in: retrieved.document.kind, ownAnswer: ownAnswer) {
        case .admitted(let unitAdmitted): admitted = unitAdmitted
        case .rejected(let reason): return rejected(unit, reason)
        }
        let text = admitted.text, rowHeader = admitted.rowHeader, wordCount = admitted.wordCount
        let itemsText = admitted.itemsText, grades = admitted.grades

        // Subject: in the sentence, in its context, or in the title of a document about it.
        let sentenceText = Self.sentenceText(text, items: unit.items)
        let words = LexiconText.words(sentenceText)
        let positions = matcher.positions(in: words, ignoring: redefined)
        let inSentence = Set(positions.keys)
        // In a document about another disease, a passing mention deep in a sentence is not its subject.
        if titleConflict, !inContext(headingConcepts, rowHeader, unit.leadIn).contains(0), let at = positions[0], at > 4 { return rejected(unit, "passing mention in a page about another disease") }
        // …nor in the lead-in of its list ("children with type 2 diabetes … in whom the distinction
        // between type 1 diabetes and T2DM is unclear: - Whose HbA1c is >9%").
        if titleConflict, positions[0] == nil, !headingConcepts.contains(0), let leadIn = unit.leadIn ?? rowHeader,
           let at = matcher.positions(in: LexiconText.words(String(leadIn)))[0], at > 4 {
            return rejected(unit, "passing mention in the context, in a page about another disease")
        }
        var contextText = [rowHeader, unit.leadIn].compactMap { $0 }.joined(separator: " ")
        if unit.kind == .inlineList, text.isEmpty { contextText += " " + (retrieved.passage.heading ?? "") }
        let inContext = (contextText.isEmpty ? [] : matcher.concepts(in: contextText)).union(headingConcepts)
        let inTitle = conflict ? Set<Int>() : titleConcepts
        let subject: ScoredUnit.Subject
        if requiredCount > 0 {
            if inSentence.contains(0) { subject = .sentence } else if inContext.contains(0) { subject = .context } else if inTitle.contains(0) { subject = .title } else { return rejected(unit, "subject not in sentence, context or title") }
        } else {
            // No medical concept: most of the question's words must be here.
            let keys = Set(words.map(\.key) + LexiconText.words(contextText + " " + (retrieved.document.title ?? "")).map(\.key))
            let present = otherWords.filter { keys.contains($0) }.count
            guard !otherWords.isEmpty, present == otherWords.count else { return rejected(unit, "question words missing") }
            subject = .words
        }
        // A sentence that opens with another disease is about that disease, whatever its page.
        if subject != .sentence, subject != .words, unit.kind != .inlineList, opensWithAnotherSubject(words) { return rejected(unit, "opens with another disease") }
        // A weak subject ("iron" in "cast iron pan rust") needs the question's other words too.
        if query.primary?.isWeak == true, !otherWords.isEmpty {
            let keys = Set(words.map(\.key) + LexiconText.words(contextText + " " + (retrieved.document.title ?? "")).map(\.key))
            guard otherWords.filter({ keys.contains($0) }).count * 2 >= otherWords.count else { return rejected(unit, "weak subject without the question's other words") }
        }
        var covered = Set<Int>()
        for number in 0..<requiredCount where inSentence.contains(number) || inContext.contains(number) || inTitle.contains(number) { covered.insert(number) }

        // Aspect.
        let normalized = IntentCues.normalized(String(text) + " " + itemsText)
        // A list's aspect is its lead-in's: its items name things ("…that causes neck spasms").
        let cueText = IntentCues.withoutCaveats(unit.kind == .inlineList && !text.isEmpty ? IntentCues.normalized(text) : normalized)
        var cueCounts = IntentCues.sentenceCueCounts(cueText)
        let contextAspect = rowHeader.flatMap { IntentCues.aspect(ofHeading: String($0)) } ?? unit.leadIn.flatMap { IntentCues.aspect(ofHeading: String($0)) }
        // A lead-in is prose: "about" in it ("think about alternative diagnoses") names no aspect.
        let namedContextAspect = contextAspect == .definition ? nil : contextAspect
        var (aspect, aspectFrom) = decideAspect(cueCounts: cueCounts, label: labelAspect, heading: namedContextAspect ?? headingAspect,
                                                recommendation: recommendationLabel) {
            analyzer.terms(String(text) + " " + itemsText, cache: stems)
        }
        // A recommendation is about what it recommends ("The USPSTF recommends screening for
        // preeclampsia" is on diagnosis, under whatever label), not about treatment.
        let recommended = IntentCues.recommendedAspect(cueCounts, in: cueText)
        if let recommended {
            cueCounts[.treatment] = nil
            (aspect, aspectFrom) = (recommended, "sentence")
        }
        var asked = query.intent == .comparison ? [Intent.comparison, .treatment] : [query.intent]
        // A dose under a treatment heading is a regimen ("Outpatient Treatment › Healthy Adults:
        // Amoxicillin 1 g orally three times daily"): it answers a treatment question.
        if asked.contains(.treatment), aspect == .dosing, (contextAspect ?? labelAspect ?? headingAspect) == .treatment { asked.append(.dosing) }
        let givesValue = Self.givesValue(text)
        // A dose question about a disease ("H pylori regimen") asks for its treatment's regimen:
        // a treatment line that gives a dose or a schedule ("a 7-day, twice-daily course") answers it.
        if query.intent == .dosing, !query.topicIsDrug, aspect == .treatment {
            // A list's schedule is in its lead-in ("… a 7-day, twice-daily course of treatment with:").
            if Self.givesValue([String(text), unit.leadIn.map(String.init) ?? "", itemsText].joined(separator: " ")) { asked.append(.treatment) }
        }

        var parts: [StatementExplanation.Part] = []
        func add(_ name: String, _ value: Double) { if value != 0 { parts.append(.init(name: name, value: (value * 1000).rounded() / 1000)) } }
        switch subject {
        case .sentence: add("subject in sentence", Weight.subjectInSentence)
        case .context: add("subject in heading/label", Weight.subjectInContext)
        case .title: add("subject in title", Weight.subjectInTitle)
        case .words: add("question words", Weight.subjectInContext)
        }
        let others = covered.subtracting([0])
        let othersInText = others.filter { inSentence.contains($0) || inContext.contains($0) }.count
        add("other concepts", Weight.otherConcept * Double(othersInText) + Weight.otherConceptInTitle * Double(others.count - othersInText))
        add("related concepts", Weight.relatedConcept * Double(inSentence.filter { $0 >= requiredCount }.count))
        // The question's words no concept covers ("thrombolysis", "referral") still count.
        if requiredCount > 0, !otherWords.isEmpty {
            // Matched in any of their forms (``WordForms``): "resolved" meets "resolution".
            let forms = WordForms.lineForms(words.map(\.key) + LexiconText.words(contextText + " " + (retrieved.passage.heading ?? "")).map(\.key))
            add("question words", Weight.questionWord * Double(WordForms.count(otherWordStems, in: forms)))
        }
        var fit = 0.0
        // "Recommends" near the subject answers a treatment question only when treatment is what is recommended.
        let recommendsOther = recommended != nil && (query.intent == .treatment || query.intent == .comparison)
        // "Hypertension was the most common risk factor for CHF" tells what the subject causes:
        // it answers no question on what causes the subject.
        let causesAnother = query.intent == .causes && positions[0].map { namesSubjectAsCause(words, text: sentenceText, at: $0) } ?? false
        if causesAnother { cueCounts[.causes] = nil }
        // The line's own words name an asked attribute ("caused by", "dose", "survival").
        let namesAskedAttribute = asked.contains(where: { cueCounts[$0] != nil })
        let direct = !recommendsOther && !causesAnother && positions[0].map { answersDirectly(words: words, at: $0, in: sentenceText) } ?? false
        // A line its source files under another aspect, whose own words name that aspect too
        // ("Diagnosing Preterm Labour: … consider transvaginal ultrasound … as a diagnostic
        // test"), is on that aspect, however directly it speaks of the subject.
        let filedElsewhere = (aspectFrom == "heading" || aspectFrom == "label") && cueCounts[aspect] != nil && !asked.contains(aspect)
        if causesAnother {
            fit = 0
            if aspect == .causes { aspect = .prognosis; aspectFrom = "sentence" }
        } else if asked.contains(aspect) || (direct && !filedElsewhere && namesAskedAttribute) {
            fit = 1
            if !asked.contains(aspect), aspectFrom != "label" || direct { aspect = query.intent; aspectFrom = "sentence" }
        } else if query.alsoAsked.contains(aspect) {
            fit = Weight.aspectAlsoAsked
        } else if namesAskedAttribute {
            fit = Weight.aspectByCue
            if aspectFrom == "model" { aspect = query.intent; aspectFrom = "sentence" }
        }
        // A number for the measure asked about answers the question, whatever aspect its words
        // suggest ("…lowering SBP to a target of 140 mmHg" under a heading on harms).
        // The measure may be named by the line's context ("In patients with systolic blood
        // pressure between 150 and 220 mmHg: Acute lowering of SBP to 140 mmHg is safe") or its
        // heading ("Two-Tier Model (Simplified Wells) › PE Unlikely: Score ≤ 4.0 points").
        let statesValue = query.measure.map { measure in
            // A dose is a number with a unit ("0.75 mg/kg/d"), not any number ("by 2 to 5 years").
            (query.intent != .dosing || givesValue)
                && AskedMeasure.isStated(measure, in: words, context: LexiconText.words(contextText + " " + (retrieved.passage.heading ?? "")))
        } ?? false
        if statesValue, fit < 1 {
            fit = 1
            aspect = query.intent
            aspectFrom = "value"
        }
        // An aspect nothing showed (the default, "definition") only guesses that a line says
        // what its subject is: it fits a definition question less than a line that says so.
        if aspectFrom == "default", fit == 1, !direct { fit = Weight.aspectByCue }
        add("asked attribute", fit * Weight.aspectExact)
        if namesAskedAttribute { add("attribute words", Weight.attributeWords) }
        if direct { add("answers directly", Weight.direct) }
        // "PWS is caused by missing or non-working genes on chromosome 15" says what causes the
        // subject; "The risk to family members of a person with PWS depends on the genetic cause"
        // only names causes.
        if query.intent == .causes, !causesAnother, let at = positions[0], Self.saysWhatCauses(words, after: at) { add("states the cause", Weight.direct) }
        if statesValue { add("states the asked value", Weight.askedValue) }
        var detailScore = 0.0
        let contextNormalized = IntentCues.normalized(contextText + " " + (retrieved.passage.heading ?? ""))
        for detail in query.details {
            if detail.evidenceCues.contains(where: { IntentCues.contains(normalized, cue: $0) }) { detailScore += Weight.detail }
            // "Denosumab as Alternative Initial Treatment" is no answer to "first-line".
            if detail.contraryCues.contains(where: { IntentCues.contains(normalized, cue: $0) || IntentCues.contains(contextNormalized, cue: $0) }) { detailScore -= Weight.detail }
        }
        add("details", detailScore)
        if otherPhrases.contains(where: { IntentCues.contains(normalized, cue: $0) || IntentCues.contains(contextNormalized, cue: $0) }) {
            add("question's phrase", Weight.questionPhrase)
        }
        // A document about a population ("… hypertensive disorders of pregnancy") speaks of it in every line.
        let populationsInTitle = titlePopulations.value(retrieved.document.title ?? "") { title in
            let normalizedTitle = IntentCues.normalized(title)
            // So does one about a phase or a setting ("Care of the hospitalized patient with
            // acute exacerbation of COPD").
            return Set(query.qualifiers.filter { $0.kind != .value && $0.matches(normalizedTitle) }.map(\.label))
        }
        let rawContext = contextText + " " + (retrieved.passage.heading ?? "")
        let matchedQualifiers = query.qualifiers.filter { qualifier in
            qualifier.kind == .value
                ? qualifier.matches(raw: sentenceText, normalized: normalized) || qualifier.matches(raw: rawContext + " " + sentenceText, normalized: contextNormalized)
                : qualifier.matches(normalized) || qualifier.matches(contextNormalized) || populationsInTitle.contains(qualifier.label)
        }.map(\.label)
        // A population whose evidence is its own (pregnancy, children) is answered first by what
        // the sources say about it: "ICS and LABA are considered safe during pregnancy" before a
        // strongly graded line on asthma in general.
        // A value's range that holds the asked value ("INR of ≥8.0" for an INR of 9) is the
        // row of a table of cases that answers.
        let valueLabels = Set(query.qualifiers.filter { $0.kind == .value }.map(\.label))
        add("qualifiers", matchedQualifiers.reduce(0) { total, label in
            total + (Self.populationsStudiedApart.contains(label) ? Weight.populationStudiedApart : valueLabels.contains(label) ? Weight.valueInRange : Weight.qualifier)
        })
        if query.intent == .dosing || query.details.contains(.threshold) {
            if givesValue { add("values", Weight.values) }
        }
        // Some guidelines grade in the heading ("Class I", "… (Level A)").
        // So do tables, in the row's label ("Extended window (Class I): Onset-to-needle ≤ 4.5 hours").
        let grade = grades.first?.text ?? rowHeader.flatMap { RecommendationStrength.grade(in: String($0))?.text }
            ?? retrieved.passage.heading.flatMap { heading in
                heading.components(separatedBy: " > ").last.flatMap { RecommendationStrength.grade(in: $0)?.text }
            }
        if let grade {
            add("recommendation grade", Weight.grade)
            // A strong recommendation answers before a weak one ("Level A" before "Level C"); a
            // question on the first choice asks what is recommended most strongly, so there the
            // grade counts as much as naming more drugs does ("pregabalin should be offered (Level
            // A)" before "Dextromethorphan, morphine sulfate, tramadol, and oxycodone … (Level B)").
            let gradeFactor = query.details.contains(.firstLine) ? Weight.firstChoiceGradeFactor : 1
            switch GradeRank(grade: grade) {
            case .strong: add("strong recommendation", Weight.strongGrade * gradeFactor)
            case .moderate: add("moderate recommendation", Weight.moderateGrade * gradeFactor)
            case .weak, nil: break
            }
        }
        if tier == .guideline, ["should", "recommend", "suggest", "is indicated", "are indicated", "consider", "offer"].contains(where: { normalized.containsBytes($0) }) {
            add("recommendation", Weight.recommendation)
        }
        // A guideline given to the asked attribute of its subject ("Screening for abdominal aortic
        // aneurysm: U.S. Preventive Services Task Force recommendation statement" for "AAA
        // screening") answers before one that touches on it.
        if tier == .guideline, fit >= 1, inTitle.contains(0), let title = retrieved.document.title,
           titleAspects.value(title, { IntentCues.aspects(inTitle: $0) }).contains(query.intent) {
            add("document on the asked attribute", Weight.documentOnAttribute)
        }
        // A guideline's account of one study ("A retrospective study evaluated …") is its
        // evidence, not its answer: it may be shown, it does not lead.
        let studyAccount = tier == .guideline && grade == nil && SourceNoise.describesAStudy(text)
        if studyAccount { add("tells of a study", Weight.studyAccount) }
        if tier == .research {
            let label = (rowHeader.map(String.init) ?? retrieved.passage.label ?? "").uppercased()
            if label.hasPrefix("CONCLUSION") || label.hasPrefix("RESULT") || label == "FINDINGS" || label == "INTERPRETATION" {
                add("findings", Weight.finding)
            } else if SourceNoise.statesAGap(normalized) {
                // "The lifetime risk for hypertension … are unknown": why the study was done.
                return rejected(unit, "what a study set out to learn, not what it found")
            } else if SourceNoise.backgroundLabels.contains(label) {
                // What was known before the study ("Context: …") is not what it found.
                add("background", -Weight.finding)
            } else if SourceNoise.findingCues.contains(where: { text.containsBytes($0) }) {
                add("findings", Weight.finding / 2)
            }
        }
        // A clinician's question is answered by studies of patients before studies of animals
        // or cells, unless it asks about those ("in mice").
        // A finding in animals or cells does not answer a clinician's question about patients.
        if tier == .research, !asksPreclinical, SourceNoise.isPreclinical(normalized) { return rejected(unit, "a finding in animals or cells") }
        add("kind of evidence", Self.evidenceWeight(retrieved.document.kind))
        if !query.publishers.isEmpty, let source = retrieved.document.source,
           !sourcePublishers.value(source, { Publishers.abbreviations(ofSource: $0) }).isDisjoint(with: query.publishers) {
            add(Self.publisherPart, Weight.publisherAsked)
        }
        add("passage match", Weight.passage * retrieved.passageScore)
        add("document rank", Weight.documentRank / (1 + 0.3 * Double(retrieved.documentRank)))
        if let year = retrieved.document.year { add("recency", Weight.recency * max(0, min(1, Double(year - 1995) / 30))) }
        let definition = isDefinition(normalized: normalized, positions: positions, subject: subject)
        if definition { add("definition", query.intent == .definition ? Weight.definitionAsked : Weight.definition) }
        let anaphoric = SourceNoise.leansOnPreviousSentence(text) && !((subject == .context || subject == .title) && SourceNoise.opensWithPageSubject(text))
        if anaphoric { add("leans on previous sentence", Weight.anaphora) }
        // "…diseases such as Alzheimer's, Parkinson's or Huntington's disease": the subject as one
        // of a list of diseases says nothing of its own about it.
        let listed = subject == .sentence && positions[0].map { namedInListOfDiseases(words, text: sentenceText, at: $0) } ?? false
        if listed {
            if tier == .research { return rejected(unit, "the subject is one of a list of diseases") }
            add("one of a list of diseases", Weight.listedAmongOthers)
        }
        // "People with juvenile ALS can have a normal life expectancy" is about a subtype: it may
        // be shown, but it does not answer a question about ALS first.
        var subtype = false
        if requiredCount > 0, !unaskedSubtypeWords.isEmpty {
            if subject == .sentence, let at = positions[0] { subtype = namesUnaskedSubtype(words, before: at) }
            // Shown under a subtype's heading ("Menstrual-Associated Migraine › …"), it is about the subtype.
            if !subtype, subject != .title {
                subtype = subtypeContexts.value(contextText + " " + (retrieved.passage.heading ?? "")) { context in
                    let contextWords = LexiconText.words(context)
                    return matcher.positions(in: contextWords)[0].map { namesUnaskedSubtype(contextWords, before: $0) } ?? false
                }
            }
        }
        // A study of a subtype ("after febrile seizures") is research on it, not on the asked disease.
        if subtype, dropsStudiesOfSubtypes { return rejected(unit, "a study of a subtype not asked") }
        if subtype { add(Self.subtypePart, Weight.otherPopulation) }
        // A special population the question did not ask about ("in haemodialysis patients", "in
        // children") makes a statement a poorer answer for everyone else.
        // Research on children or in pregnancy answers for them only when it studied them: a
        // finding in adults says nothing of a child's dose or of a drug's safety in pregnancy.
        if tier == .research, let population = query.qualifiers.first(where: { Self.populationsStudiedApart.contains($0.label) }) {
            if !matchedQualifiers.contains(population.label) { return rejected(unit, "research that did not study \(population.label)") }
            // "…large for gestational age infants" is a study of pregnancy, not of children.
            if otherStudiedApartCues.matches(normalized) { return rejected(unit, "research on another population studied apart") }
        }
        // A line on the asked population and another ("in postmenopausal women and men with
        // osteoporosis" for men) answers for the asked one; a section on another population
        // ("Preventive Services for Children and Adolescents") is still on it.
        let namesAskedPopulation = query.qualifiers.contains { $0.kind == .population && $0.matches(normalized) }
        if !namesAskedPopulation && namesOtherPopulation(normalized) || populationContexts.value(contextNormalized, { namesOtherPopulation($0) }) {
            add(Self.otherPopulationPart, Weight.otherPopulation)
        }
        // A section on a neighbouring condition in a guideline on both ("… in DKA and HHS › Insulin
        // Therapy for HHS" beside "Insulin Therapy for DKA") is about that condition, whatever
        // its lines mention.
        var neighbouringSection = false
        if !conflict, !requiredDiseases.isEmpty, let heading = retrieved.passage.heading {
            neighbouringSection = !parallelSectionsOnAnotherCase.value(retrieved.document.id) { _ in
                ParallelSections.onAnotherCase(in: retrieved.document) { !matcher.concepts(in: $0).isDisjoint(with: requiredDiseases) }
            }
                .isDisjoint(with: heading.components(separatedBy: " > "))
            if neighbouringSection { add(Self.neighbouringSectionPart, Weight.otherPopulation) }
        }
        // "Secondary prevention" answers no question on primary prevention.
        var opposite = !opposites.phrases.isEmpty && (opposites.saysOpposite(normalized) || opposites.saysOpposite(contextNormalized))
        if opposite { add("the opposite of what was asked", Weight.otherPopulation) }
        // "The USPSTF found inadequate evidence that screening for COPD in asymptomatic adults …"
        // answers whether to screen, not how to diagnose.
        if asksDiagnosisNotScreening, !opposite, Self.screeningCues.contains(where: { IntentCues.contains(normalized, cue: $0) }), !IntentCues.contains(normalized, cue: "diagnos") {
            add("screening, not diagnosis", Weight.otherPopulation)
            opposite = true
        }
        var forAskedAge = false
        // The label a line is shown under, nearest first: its row header, lead-in and heading.
        let nearestLabel = numbered.asked.isEmpty && ages.asked.isEmpty && negatedWords.isEmpty ? "" : [rowHeader.map(String.init), unit.leadIn.map(String.init),
                                                                               retrieved.passage.heading.map { $0.components(separatedBy: " > ").last ?? $0 }]
            .compactMap { $0 }.joined(separator: " ")
        // "… Who Have Never Smoked" answers no question on a man who smoked; "complicated UTI"
        // none on uncomplicated UTI.
        if !opposite, !negatedWords.isEmpty,
           negatedWords.saysOnlyTheNegation(words) || negatedLabels.value(nearestLabel, { negatedWords.saysOnlyTheNegation(LexiconText.words($0)) }) {
            add("the opposite of what was asked", Weight.otherPopulation)
            opposite = true
        }
        // "Stage 1 Hypertension: 130--139" answers a question on stage 1; "Stage 2 …" does not.
        if !numbered.asked.isEmpty {
            switch numbered.verdict(words) ?? numbered.verdict(LexiconText.words(nearestLabel)) {
            case true?: add("the asked stage", Weight.askedStage)
            case false?:
                add("another stage", Weight.otherPopulation)
                opposite = true
            case nil: break
            }
        }
        // "Primary Prevention (Ages 40–75)" is no answer for a 76-year-old; "Adults 76 Years and
        // Older" is. The line's own words first, then its label, its heading path, its title.
        if !ages.asked.isEmpty {
            let own = ages.verdict(sentenceText) ?? ageVerdicts.value(nearestLabel) { ages.verdict($0) }
            let verdict = own ?? ageVerdicts.value(retrieved.passage.heading ?? "") { ages.verdict($0) } ?? ageVerdicts.value(retrieved.document.title ?? "") { ages.verdict($0) }
            switch verdict {
            case .narrow?:
                add("the asked age", Weight.askedAgeBand)
                // Only a line that says the age group itself (or its label does) answers for it
                // first: a guideline titled for older adults has lines on other questions.
                forAskedAge = own == .narrow
            case .broad?: add("the asked age", Weight.askedAgeBand / 3)
            case .other?:
                add("another age band", Weight.otherPopulation)
                opposite = true
            case nil: break
            }
        }
        // A study answers "does pesticide exposure cause hypothyroidism?" with an association:
        // "Higher exposure to the insecticide aldrin was positively associated with subclinical
        // hypothyroidism (OR Q3 = 4.15, …)".
        let reportsAssociation = tier == .research && query.intent == .causes && !causesAnother
            && Self.associationCues.contains { IntentCues.contains(normalized, cue: $0) }
        if reportsAssociation, !namesAskedAttribute { add("reports an association", Weight.attributeWords) }
        if unit.kind == .sentence && wordCount > 55 { add("long", Weight.tooLong) }
        if unit.kind == .sentence && wordCount < 8 { add("short", Weight.tooShort) }
        let score = parts.reduce(0) { $0 + $1.value }
        // A lead names its subject: in its own words, or in the label it is shown with (a
        // heading, a row header, or the subject of the institute page it comes from).
        // A list of three or more items that is exactly what was asked ("Signs and Symptoms" of
        // a page about the disease) may lead too: its label names the page's subject.
        let listAnswers = unit.kind == .inlineList && (unit.items.count >= 3 || unit.alternatives) && fit >= 1 && (subject != .title || retrieved.document.kind == .agencyPage)
        let canLead = fit >= Weight.aspectByCue && !anaphoric && !subtype && !listed && !opposite && !neighbouringSection && !studyAccount && !SourceNoise.continuesAList(text) && (!definition || query.intent == .definition)
            && (listAnswers || wordCount >= 6 && unit.kind != .inlineList && subject != .title)
        var label = Self.label(heading: retrieved.passage.heading, title: retrieved.document.title, leadIn: unit.leadIn,
                               rowHeader: rowHeader, showHeading: retrieved.document.kind != .agencyPage)
        // A statement that does not name its subject is shown with it: an institute page's
        // sentence ("Symptoms usually progress…") under the page's subject.
        if subject != .sentence, retrieved.document.kind == .agencyPage, let title = retrieved.document.title, label == nil {
            label = title
        }
        var scored = ScoredUnit(unit: unit, source: source, text: text, label: label, aspect: aspect, aspectFrom: aspectFrom, subject: subject,
                                covered: covered, qualifiers: matchedQualifiers, score: score, parts: parts, canLead: canLead,
                                fit: fit, grade: grade, namesAttribute: namesAskedAttribute || reportsAssociation, statesAskedValue: statesValue)
        scored.forAskedAge = forAskedAge
        scored.answersDirectly = direct
        return scored
    }

    /// Words (normalised word starts) by which a study reports an association: its answer to
    /// what causes or raises the risk of a disease.
    static let associationCues = ["associated with", "association between", "association of", "odds ratio", "hazard ratio", "relative risk",
                                  "increased risk", "higher risk", "risk of", "risk for", "linked to", "predictor", "predicts"]

    /// Words (normalised word starts) that speak of screening.
    static let screeningCues = ["screen", "asymptomatic"]

    /// Words after a subject that say what it results from ("… is caused by", "… is due to").
    static let causedByCues: [[String]] = [
        ["caused", "by"], ["due", "to"], ["results", "from"], ["result", "from"], ["resulting", "from"], ["result", "of"],
        ["arises", "from"], ["triggered", "by"], ["attributed", "to"], ["develops", "when"], ["occurs", "when"], ["happens", "when"],
    ]

    /// True when a cue of ``causedByCues`` follows the subject (at word `position`) within five
    /// words: the sentence says what the subject results from.
    static func saysWhatCauses(_ words: [LexiconText.Word], after position: Int) -> Bool {
        firstCueEnd(of: causedByCues, in: words.map(\.key), within: 6, after: position) != nil
    }

    /// The word index just past the first of `cues` (word-key sequences) that starts within
    /// `window` words after `position`, or nil when none does.
    static func firstCueEnd(of cues: [[String]], in keys: [String], within window: Int, after position: Int) -> Int? {
        let start = position + 1
        guard start < keys.count else { return nil }
        for index in start..<min(keys.count, start + window) {
            for cue in cues where index + cue.count <= keys.count && keys[index..<index + cue.count].elementsEqual(cue) {
                return index + cue.count
            }
        }
        return nil
    }

    /// Words after a subject that make it the cause of what follows ("… was the most common
    /// risk factor for CHF", "… leads to kidney failure"), as word keys.
    static let causeOfAnotherCues: [[String]] = [
        ["risk", "factor", "for"], ["risk", "factors", "for"], ["cause", "of"], ["causes"], ["caused"], ["leads", "to"], ["lead", "to"],
        ["led", "to"], ["contributes", "to"], ["contributed", "to"], ["predisposes", "to"], ["predisposed", "to"],
        ["increases", "the", "risk", "of"], ["increased", "the", "risk", "of"], ["increased", "risk", "of"], ["risk", "for"],
    ]

    /// True when a sentence names the subject (at word `position`) as the cause of another
    /// disease: a cue within six words after it ("Hypertension was the most common risk factor
    /// for CHF"), then another disease within four words of the cue.
    private func namesSubjectAsCause(_ words: [LexiconText.Word], text: String, at position: Int) -> Bool {
        guard let cueEnd = Self.firstCueEnd(of: Self.causeOfAnotherCues, in: words.map(\.key), within: 6, after: position),
              cueEnd < words.count else { return false }
        let ids = Set(concepts.map(\.concept.id))
        return sightings(of: text, words: words).contains { sighting in
            sighting.words.lowerBound >= cueEnd && sighting.words.lowerBound <= cueEnd + 4 && !ids.contains(sighting.id)
                && sighting.categories.contains(.disease) && !sighting.categories.contains(.diseaseAttribute) && !namesRelative(words[sighting.words])
        }
    }

    /// Words that may stand between the items of a list of diseases.
    private static let listGlue: Set<String> = ["and", "or", "s", "disease", "syndrome", "such", "a", "including", "like", "other", "nor"]

    /// True when the subject, named at word `position`, is an item of a list with at least two
    /// other diseases, next to one of them ("Ehlers-Danlos syndrome, Marfan syndrome, and
    /// osteogenesis imperfecta").
    private func namedInListOfDiseases(_ words: [LexiconText.Word], text: String, at position: Int) -> Bool {
        // Cheap test first: a list needs separators.
        let separators = words.count(where: { $0.key == "and" || $0.key == "or" }) + (words.count > 1 ? words.indices.dropFirst().count(where: { index in
            words[index].original.base.utf8[words[index - 1].range.upperBound..<words[index].range.lowerBound].contains(0x2C)
        }) : 0)
        guard separators >= 2 else { return false }
        let ids = Set(concepts.map(\.concept.id))
        let sightings = sightings(of: text, words: words)
        let subjectEnd = sightings.first { $0.words.contains(position) }?.words.upperBound ?? position + 1
        let others = sightings.filter { sighting in
            !ids.contains(sighting.id) && sighting.categories.contains(.disease) && !sighting.categories.contains(.diseaseAttribute)
                && !sighting.words.contains(position) && !namesRelative(words[sighting.words])
        }
        guard others.count >= 2 else { return false }
        func glued(_ range: Range<Int>) -> Bool { range.count <= 3 && words[range].allSatisfy { Self.listGlue.contains($0.key) } }
        return others.contains { other in
            (other.words.upperBound <= position && glued(other.words.upperBound..<position))
                || (other.words.lowerBound >= subjectEnd && glued(subjectEnd..<other.words.lowerBound))
        }
    }

    /// True when a sentence's first words name a disease that is not one of the question's.
    private func opensWithAnotherSubject(_ words: [LexiconText.Word]) -> Bool {
        let opening = Array(words.prefix(6))
        guard !opening.isEmpty else { return false }
        let ids = Set(concepts.map(\.concept.id))
        return vocabulary.sightings(opening, linkable: { !QuestionWords.isFiller($0) }).contains { sighting in
            sighting.words.lowerBound <= 2 && !ids.contains(sighting.id) && sighting.categories.contains(.disease)
                && !sighting.categories.contains(.diseaseAttribute) && !namesRelative(opening[sighting.words])
        }
    }

    /// True when words name a broader or narrower form of the primary concept: "Aicardi-Goutieres
    /// syndrome" on the page about "Aicardi-Goutieres syndrome type 1" is the same subject.
    private func namesRelative(_ words: ArraySlice<LexiconText.Word>) -> Bool {
        guard !primaryNameKeys.isEmpty else { return false }
        let key = " " + words.map(\.key).joined(separator: " ") + " "
        return primaryNameKeys.contains { nameKey in nameKey.containsBytes(key) || key.containsBytes(nameKey) }
    }

    /// The concepts a unit's context names (heading, row header, lead-in).
    private func inContext(_ heading: Set<Int>, _ rowHeader: Substring?, _ leadIn: Substring?) -> Set<Int> {
        let context = [rowHeader, leadIn].compactMap { $0 }.joined(separator: " ")
        return context.isEmpty ? heading : heading.union(matcher.concepts(in: context))
    }

    /// True when the asked attribute is named right beside the subject ("the causes of benign
    /// essential blepharospasm", "gout is treated with").
    private func answersDirectly(words: [LexiconText.Word], at position: Int, in text: String) -> Bool {
        let stems = Self.directStems[query.intent == .comparison ? .treatment : query.intent] ?? []
        guard !stems.isEmpty else { return false }
        let window = words[max(0, position - 4)..<min(words.count, position + 8)]
        return window.contains { word in stems.contains { word.key.hasPrefix($0) } }
    }

    /// Word beginnings that name each attribute.
    static let directStems: [Intent: [String]] = [
        .causes: ["cause", "caus", "etiolog", "aetiolog", "risk", "trigger", "due"],
        .treatment: ["treat", "therap", "manag", "recommend", "first-line", "injection"],
        .symptoms: ["symptom", "sign", "present"],
        .diagnosis: ["diagnos", "test", "screen"],
        .prognosis: ["prognos", "outlook", "surviv", "outcome"],
        .prevention: ["prevent", "prophyla"],
        .epidemiology: ["affect", "prevalen", "inciden", "common"],
        .genetics: ["gene", "genetic", "inherit"],
        .adverseEffects: ["side", "adverse", "toxic", "harm"],
        .dosing: ["dose", "dosing", "dosage", "mg"],
        .mechanism: ["mechanism", "pathophysiolog", "pathogen"],
    ]

    /// Logs why a unit was passed over (at trace level) and returns nil.
    private func rejected(_ unit: EvidenceUnit, _ reason: @autoclosure () -> String) -> ScoredUnit? {
        AnswerComposer.logger.trace("passed over (\(reason())): \(unit.quote.prefix(100))")
        return nil
    }

    /// The aspect a unit speaks to: strong sentence cues first, then the source's label or
    /// heading, then weaker cues, then the model.
    private func decideAspect(cueCounts: [Intent: Int], label: Intent?, heading: Intent?, recommendation: Bool, terms: () -> [String]) -> (Intent, String) {
        let strongest = cueCounts.filter { $0.key != .definition && $0.key != .comparison }.max { a, b in
            if a.value != b.value { return a.value < b.value }
            if a.key == query.intent || b.key == query.intent { return b.key == query.intent }
            return a.key.rawValue > b.key.rawValue  // equal counts: a fixed order, not the dictionary's
        }
        if let strongest, strongest.value >= 2, strongest.key != label, strongest.key != heading,
           cueCounts[label ?? heading ?? .definition] == nil { return (strongest.key, "sentence") }
        if let label, label != .definition { return (label, "label") }
        if let heading, heading != .definition { return (heading, "heading") }
        if let strongest { return (strongest.key, "sentence") }
        if let label { return (label, "label") }
        if let heading { return (heading, "heading") }
        if recommendation { return (.treatment, "label") }
        if let classifier {
            let (aspect, confidence) = classifier.classify(terms())
            if confidence >= 0.5 { return (aspect, "model") }
        }
        return (.definition, "default")
    }

    /// "X is a …", "X refers to …": a sentence that says what its subject is.
    private func isDefinition(normalized: String, positions: [Int: Int], subject: ScoredUnit.Subject) -> Bool {
        let opening = normalized.prefix(160)
        guard Intent.definition.sentenceCues.contains(where: { opening.containsBytes($0) }) else { return false }
        // A recommendation that defines whom it is for ("Screening … is recommended in high-risk
        // populations defined as persons 55 to 74 years …") says what to do, not what its subject is.
        if Self.recommendationCues.contains(where: { opening.containsBytes($0) }) { return false }
        return subject == .sentence && (positions[0] ?? .max) < 8 || opening.hasPrefix(" it is a ")
    }

    /// Words that make a line a recommendation.
    static let recommendationCues = [" is recommended", " are recommended", " should ", " recommends ", " we recommend", " we suggest", " suggests "]

    /// The context a source gives a statement: its heading path (without the document's own
    /// title and without an institute page's question headings), a table row's header, a
    /// list's lead-in.
    static func label(heading: String?, title: String?, leadIn: Substring?, rowHeader: Substring?, showHeading: Bool) -> String? {
        var parts: [String] = []
        if showHeading, let heading {
            let titleKey = title.map(LexiconText.key)
            let components = heading.components(separatedBy: " > ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasSuffix("?") && LexiconText.key($0) != titleKey }
            parts += components.suffix(2)
        }
        // A lead-in that is a whole sentence is shown without its full stop (a label comes before ": ").
        if let leadIn { parts.append(String(leadIn.hasSuffix(".") ? leadIn.dropLast() : leadIn)) }
        if let rowHeader {
            let header = String(rowHeader)
            parts.append(header == header.uppercased() && header.count > 3 ? header.prefix(1) + header.dropFirst().lowercased() : header)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " › ")
    }

    /// Stronger evidence counts more: guidelines, then systematic reviews and meta-analyses,
    /// randomised trials, other trials, cohorts, reviews, case reports.
    static func evidenceWeight(_ kind: DocumentKind) -> Double {
        switch kind {
        case .practiceGuideline, .guidelineSummary: 0.25
        case .agencyPage: 0.15
        case .systematicReview, .metaAnalysis: 0.25
        case .randomizedTrial: 0.2
        case .clinicalTrial: 0.15
        case .observationalStudy: 0.1
        case .review: 0.08
        case .journalArticle: 0.05
        case .caseReport, .commentary: 0
        }
    }
}
