import EvidentSearch
import Foundation

/// The first stage of answering: turns a question (terse, full, misspelled, or a long message)
/// into a ``StructuredQuery``.
///
/// 1. Focus: in a message of several sentences, the sentences that ask.
/// 2. Spelling: words the library has never seen are corrected against the vocabulary.
/// 3. Concepts: longest-match linking over MeSH and the library's own names and abbreviations.
/// 4. Roles: qualifiers and modifiers ("pregnancy", "relapse") are set apart; the primary
///    concept is the most specific medical subject (a drug for a dosing question).
/// 5. Attribute, details and qualifiers from the cue tables (``Intent``, ``AttributeDetail``,
///    ``Qualifier``).
public struct QuestionUnderstanding: Sendable {
    let vocabulary: Vocabulary
    let snapshot: IndexSnapshot

    /// Creates the stage over a vocabulary and the index (for word frequencies).
    public init(vocabulary: Vocabulary, snapshot: IndexSnapshot) {
        self.vocabulary = vocabulary
        self.snapshot = snapshot
    }

    /// Understands `question`.
    public func understand(_ question: String) -> StructuredQuery {
        let trimmed = question.trimmingCharacters(in: .whitespacesAndNewlines)
        // Spelling first, on the whole text, so linking sees the corrected words; a correction
        // is kept only when the corrected word is part of a concept the vocabulary links, or
        // says what is asked ("sreening": screening).
        var (corrected, corrections) = correctSpellingKeepingConcepts(trimmed, rareWords: false)
        // Then words the library has seen but rarely, when their correction names a concept.
        let rare = correctSpellingKeepingConcepts(corrected, rareWords: true)
        corrected = rare.text
        corrections += rare.corrections
        corrected = writingConditionsAsNouns(Self.expandingShorthand(corrected))
        let focusRange = Self.focus(of: corrected)
        let focus = String(corrected[focusRange])
        let normalizedFocus = IntentCues.normalized(focus)
        let normalizedAll = IntentCues.normalized(corrected)

        let words = LexiconText.words(corrected)
        let lowercaseStyle = !corrected.contains { $0.isUppercase } || corrected.split(separator: " ").count <= 6
        // A guideline body the question names ("under the ACC/AHA guideline") is no concept.
        let publisherWords = Publishers.positions(in: words) { vocabulary.library?.isPublisher($0) ?? false }
        // A code the library uses ("HAS-BLED") is read whole, not as an abbreviation inside it
        // ("HAS", Holmes-Adie syndrome).
        let codes = CodedTerm.find(in: corrected, words: words, covered: []).filter { code in
            let terms = snapshot.analyzer.terms(code.text, cache: snapshot.stems)
            return !terms.isEmpty && terms.allSatisfy { snapshot.documentFrequency(term: $0) > 0 }
        }
        // An abbreviation means what the question's other concepts keep company with ("SBP"
        // beside ascites is spontaneous bacterial peritonitis).
        let links = AbbreviationSense(vocabulary: vocabulary, snapshot: snapshot).resolve(
            vocabulary.link(words, linkable: { !QuestionWords.isQuestionFiller($0) }, lowercaseAbbreviations: lowercaseStyle)
                .filter { publisherWords.isDisjoint(with: $0.words) }
                // "stop it coming back" names no body part.
                .filter { $0.words.count > 1 || !QuestionWords.isAdverbialBack(words, at: $0.words.lowerBound) }
                .filter { link in
                    !codes.contains { $0.words.count > link.words.count && $0.words.contains(link.words.lowerBound) && !$0.isNumbered(in: words) && MeSHTables.isAbbreviation(link.text) }
                })
        // A phase word inside a disease's name ("chronic" in chronic obstructive pulmonary disease,
        // "acute" in acute otitis media) is part of the name, not a phase of the disease.
        let diseaseNames = links.filter { $0.concept.categories.contains(.disease) }.map { IntentCues.normalized($0.text) }
        let qualifiers = Qualifier.detect(in: corrected).filter { qualifier in
            qualifier.kind != .phase || !diseaseNames.contains { IntentCues.contains($0, cue: IntentCues.normalized(qualifier.text).trimmingCharacters(in: .whitespaces)) }
        }
        // A name says what is asked about, not what is asked: "hereditary angioedema acute
        // attack treatment" asks for treatment, not genetics, and "is HRT safe" asks about harms,
        // whatever "therapy" says. Only what a name tells of its disease (or a treatment's name
        // of treatment) is dropped: a span the library links whole, "cervical cancer screening",
        // keeps its "screening".
        let nameWords = links.flatMap { link -> [String] in
            let categories = link.concept.categories
            let treatmentName = !categories.isDisjoint(with: [.procedure, .chemical, .drugClass])
            guard categories.contains(.disease) || treatmentName else { return [] }
            return LexiconText.words(link.text).map { IntentCues.normalized($0.original) }.filter { word in
                Intent.describesDisease(word) || treatmentName && Intent.treatment.questionCues.contains { IntentCues.contains(word, cue: $0.cue) }
            }
        }
        let (intent, alsoAsked) = Self.intent(IntentCues.removing(nameWords, from: normalizedFocus.count > 2 ? normalizedFocus : normalizedAll),
                                              fallback: IntentCues.removing(nameWords, from: normalizedAll))
        var mentions: [StructuredQuery.Mention] = []
        // Key concepts made modifiers because their names ask the attribute ("blood test").
        var namingAttribute: [Int] = []
        var seen = Set<String>()
        for link in links where seen.insert(link.concept.id).inserted {
            let inFocus = focusRange.contains(words[link.words.lowerBound].range.lowerBound)
            var role = role(of: link, qualifiers: qualifiers)
            // Outside the asking sentence, only a disease or a drug is a subject; the rest of a
            // message ("my family", "writing to you") is context.
            let categories = link.concept.categories
            // A page's subject the library names ("Head Lice") is a condition as a disease is.
            if !inFocus, role == .key, !categories.contains(.disease), !categories.contains(.psychology), !categories.contains(.libraryName),
               !(categories.contains(.chemical) && !categories.contains(.drugClass)) { role = .related }
            // "without diabetes", "no numbness": a negated concept narrows the population, it is
            // never the subject nor something the answer must cover.
            let negated = Self.isNegated(words, before: link.words.lowerBound)
            if negated, role == .key || role == .related { role = .related }
            // A concept named by the very words that ask the attribute ("life expectancy" of
            // "ALS life expectancy", "blood test" of "which blood test") is what is asked, not a
            // subject every line must name.
            if role == .key || role == .related, categories.isDisjoint(with: [.disease, .chemical]),
               case let name = IntentCues.normalized(link.text), ([intent] + alsoAsked).contains(where: { $0.isNamed(byWhole: name) }) {
                if role == .key { namingAttribute.append(mentions.count) }
                role = .modifier
            }
            // A disease is also named by its broader form under the same head word: a question on
            // colon cancer is answered by lines on colorectal cancer.
            var concept = link.concept
            // Its first name comes next after the disease's own, so the search asks for it too.
            for (index, name) in vocabulary.broaderFormNames(of: concept).enumerated() where !concept.synonyms.contains(name) {
                if index == 0 { concept.synonyms.insert(name, at: min(1, concept.synonyms.count)) } else { concept.synonyms.append(name) }
            }
            var mention = StructuredQuery.Mention(concept: concept, text: link.text, role: role, inFocus: inFocus, position: link.words.lowerBound)
            mention.negated = negated
            mentions.append(mention)
        }
        // An organ condition is a qualifier of a drug question ("dabigatran dose in kidney
        // disease"), but the subject when nothing else is ("causes of chronic kidney disease").
        if !mentions.contains(where: { $0.role == .key }) {
            for index in mentions.indices where mentions[index].role == .qualifier && mentions[index].concept.categories.contains(.disease) {
                mentions[index].role = .key
            }
        }
        // A class of drugs is the subject when nothing else is ("when to start a statin for
        // primary prevention").
        if !mentions.contains(where: { $0.role == .key }) {
            for index in mentions.indices where mentions[index].role == .related && !mentions[index].negated && mentions[index].concept.categories.contains(.drugClass) {
                mentions[index].role = .key
            }
        }
        // A concept named in the attribute's words is the subject after all when nothing else is.
        if !mentions.contains(where: { $0.role == .key }) {
            for index in namingAttribute { mentions[index].role = .key }
        }
        inferConcepts(&mentions, qualifiers: qualifiers)
        var finalIntent = intent
        let details = AttributeDetail.detect(in: normalizedFocus.count > 2 ? normalizedFocus : normalizedAll)
        let asksTarget = details.contains(.threshold)
        // Whether the question's words ask for an attribute at all ("treat", "dose", "diagnose").
        let cued = Intent.allCases.filter { intent in
            intent.questionCues.contains { $0.weight > 0 && IntentCues.position(of: $0.cue, in: normalizedAll) != nil }
        }
        // Whether it asks with a specific cue: "is a VCUG needed" asks no more than whether to do it.
        let specificallyCued = Intent.allCases.contains { intent in
            intent != .definition && intent.questionCues.contains { $0.weight > 1 && IntentCues.position(of: $0.cue, in: normalizedAll) != nil }
        }
        choosePrimary(&mentions, intent: &finalIntent, asksDefinition: cued.contains(.definition),
                      asksSpecifically: specificallyCued, asksTarget: asksTarget)
        // Content words no concept covers.
        var covered = publisherWords
        for link in links { covered.formUnion(link.words) }
        var otherWords: [String] = []
        for (index, word) in words.enumerated() where !covered.contains(index) && !QuestionWords.isQuestionFiller(word.key)
            && !snapshot.analyzer.stopWords.contains(word.key) && word.key.utf8.count >= 3 && !Self.isQualifierWord(word.key, qualifiers) {
            let lower = word.original.lowercased()
            if !otherWords.contains(lower) { otherWords.append(lower) }
        }
        // A word the library has never seen that reads like a drug's name ("-mab", "-gepant") is a
        // concept the answer must cover, not noise.
        for (index, word) in words.enumerated() where !covered.contains(index) && word.key.utf8.count >= 6 && !QuestionWords.isQuestionFiller(word.key) {
            let lower = word.original.lowercased()
            // or begins a MeSH name ("efgartigimod" of "efgartigimod alfa")
            guard QuestionWords.looksLikeDrug(lower) || (vocabulary.mesh?.isPhrasePrefix(word.key) ?? false), snapshot.documentFrequency(term: snapshot.analyzer.terms(lower, cache: snapshot.stems).first ?? lower) == 0 else { continue }
            let concept = Concept(id: "unknown:" + lower, name: String(word.original), categories: .chemical, synonyms: [String(word.original)], abbreviations: [], broader: [])
            mentions.append(.init(concept: concept, text: String(word.original), role: .key, inFocus: focusRange.contains(word.range.lowerBound), position: index))
            otherWords.removeAll { $0 == lower }
        }
        // A score or code the vocabulary does not name but the library uses ("CHA2DS2-VASc",
        // "HAS-BLED", "PHQ-9") is a concept the answer must cover, not noise.
        for code in codes where !code.words.contains(where: covered.contains) {
            let concept = Concept(id: "term:" + code.text.lowercased(), name: code.text, categories: .libraryName, synonyms: [code.text], abbreviations: [], broader: [])
            mentions.append(.init(concept: concept, text: code.text, role: .key, inFocus: focusRange.contains(words[code.words.lowerBound].range.lowerBound), position: code.words.lowerBound))
            let lowered = Set(code.words.map { words[$0].original.lowercased() })
            otherWords.removeAll { lowered.contains($0) }
        }
        if mentions.contains(where: { $0.concept.id.hasPrefix("term:") }), !mentions.contains(where: { $0.role == .primary }) {
            choosePrimary(&mentions, intent: &finalIntent, asksDefinition: cued.contains(.definition), asksSpecifically: specificallyCued, asksTarget: asksTarget)
        }
        let measure = AskedMeasure.detect(in: LexiconText.words(focus), intent: finalIntent, details: details) { word in
            snapshot.analyzer.terms(word, cache: snapshot.stems).first.map { snapshot.documentFrequency(term: $0) } ?? 0
        }
        return StructuredQuery(
            question: question, focus: focus, corrected: corrected, corrections: corrections, mentions: mentions,
            intent: finalIntent, alsoAsked: alsoAsked.filter { $0 != finalIntent },
            details: details,
            qualifiers: qualifiers, otherWords: otherWords, measure: measure,
            publishers: publisherWords.sorted().map { words[$0].original.uppercased() })
    }

    /// Adds what the question implies: the findings its values show ("BP 150/95": hypertension,
    /// a related concept) and the form its diseases take in its population (hypertension in
    /// pregnancy: gestational hypertension, a key concept that is more specific than the disease).
    private func inferConcepts(_ mentions: inout [StructuredQuery.Mention], qualifiers: [Qualifier]) {
        var present = Set(mentions.map(\.concept.id))
        var bases = mentions.filter { $0.role == .key && !$0.negated }
        // A finding is what the question is about when it names no condition itself ("blood
        // sugar 58": hypoglycemia); beside a named one ("headache, BP 150/95") it is related.
        let namesCondition = bases.contains { $0.concept.categories.contains(.disease) || $0.concept.categories.contains(.psychology) }
        // Signs and symptoms alone ("a seizure, now drowsy and vomiting; sodium 114") are the
        // finding's manifestations, not a condition beside it: see below.
        let namesOnlySigns = namesCondition && !bases.contains { base in
            (base.concept.categories.contains(.disease) || base.concept.categories.contains(.psychology)) && !vocabulary.isSignOrSymptom(base.concept)
        }
        var findingsBesideSigns: [String] = []
        for (descriptor, value) in ValueFinding.findings(qualifiers) where !present.contains(descriptor) {
            guard let concept = vocabulary.concept(id: descriptor) else { continue }
            present.insert(descriptor)
            var mention = StructuredQuery.Mention(concept: concept, text: concept.name, role: namesCondition && !namesOnlySigns ? .related : .key, inFocus: true,
                                                  position: mentions.map(\.position).max().map { $0 + 1 } ?? 0)
            mention.inferredFrom = value.text
            mentions.append(mention)
            bases.append(mention)
            if namesOnlySigns { findingsBesideSigns.append(descriptor) }
        }
        // An organism stands for the infection it causes ("the doctor says pinworms"); evidence
        // names the organism as often as the infection, so its names are the infection's too.
        for index in mentions.indices where !mentions[index].negated && (mentions[index].role == .key || mentions[index].role == .related) {
            let organism = mentions[index]
            guard let infection = OrganismInfection.find(organism.concept, vocabulary: vocabulary), present.insert(infection.id).inserted else { continue }
            var concept = infection
            for name in [organism.concept.name, organism.text] + organism.concept.synonyms where !concept.synonyms.contains(name) {
                concept.synonyms.append(name)
            }
            var mention = StructuredQuery.Mention(concept: concept, text: organism.text, role: .key, inFocus: organism.inFocus, position: organism.position)
            mention.inferredFrom = "the infection caused by \(organism.text)"
            mentions[index].role = .related
            mentions.append(mention)
            bases.append(mention)
        }
        var qualifiedBases = Set<String>()
        for base in bases {
            guard let (qualified, phrase, population, askedNamesIt) = QualifiedConcept.find(base.concept, qualifiers: qualifiers, vocabulary: vocabulary),
                  present.insert(qualified.id).inserted else { continue }
            // The form the question implies is an umbrella ("hypertension in pregnancy"): evidence
            // on its narrower forms (pre-eclampsia) is evidence on it, so their names are its names.
            let narrower = vocabulary.narrowerNames(of: qualified.id)
            // A name that already says the population ("High Blood Pressure in Pregnancy", a
            // page's subject) stays the subject, and stands for that form under all its names.
            if askedNamesIt {
                guard let index = mentions.firstIndex(where: { $0.concept.id == base.concept.id }) else { continue }
                for name in [qualified.name] + qualified.synonyms + narrower where !mentions[index].concept.synonyms.contains(name) {
                    mentions[index].concept.synonyms.append(name)
                }
                continue
            }
            var concept = qualified
            for name in narrower where !concept.synonyms.contains(name) { concept.synonyms.append(name) }
            qualifiedBases.insert(base.concept.id)
            var mention = StructuredQuery.Mention(concept: concept, text: phrase, role: .key, inFocus: base.inFocus, position: base.position)
            mention.inferredFrom = "\(base.concept.name.lowercased()) in \(population)" + (base.inferredFrom.map { ", from \($0)" } ?? "")
            mentions.append(mention)
        }
        // A finding beside signs alone is the subject and the signs its manifestations, context
        // rather than concepts every statement must name; but where the finding's form in the
        // population is the subject (hypertension in pregnancy, beside a headache), the signs
        // are that form's warning signs and stay, and the finding is related.
        for descriptor in findingsBesideSigns {
            guard let finding = mentions.firstIndex(where: { $0.concept.id == descriptor }) else { continue }
            if qualifiedBases.contains(descriptor) {
                mentions[finding].role = .related
                continue
            }
            for index in mentions.indices where mentions[index].role == .key && vocabulary.isSignOrSymptom(mentions[index].concept) {
                mentions[index].role = .related
            }
        }
    }

    /// The part a linked concept plays before the primary one is chosen.
    private func role(of link: Vocabulary.Mention, qualifiers: [Qualifier]) -> StructuredQuery.Mention.Role {
        let categories = link.concept.categories
        let words = LexiconText.words(link.text).map(\.key)
        let normalized = IntentCues.normalized(link.text)
        // A qualifier the question states in these very words ("pregnancy", "kidney disease");
        // "community" inside "community-acquired pneumonia" is no outpatient setting, and a
        // page's subject that mentions a population ("Hearing Problems in Children") is a subject.
        let mentionText = link.text.lowercased()
        let statesQualifier = qualifiers.contains { qualifier in
            let said = qualifier.text.lowercased()
            // The very words a qualifier was read from ("ED" for the emergency department) are that qualifier.
            return qualifier.kind != .value && qualifier.kind != .phase && !said.isEmpty
                && (said == mentionText || qualifier.matches(normalized)
                    && (said.contains(mentionText) || mentionText.contains(said) && mentionText.count <= said.count + 4))
        }
        // A name whose every content word says a qualifier ("in adolescents", a fragment some
        // library title left in the vocabulary) is that qualifier.
        let contentWords = words.filter { !QuestionWords.isQuestionFiller($0) && !snapshot.analyzer.stopWords.contains($0) }
        let onlyQualifierWords = !contentWords.isEmpty && contentWords.allSatisfy { word in
            let normalizedWord = IntentCues.normalized(word)
            return qualifiers.contains { $0.kind != .value && $0.kind != .phase && $0.matches(normalizedWord) }
        }
        // "minor" before a condition says how severe it is ("minor head injury"), not that the
        // patient is under age (MeSH's Minors).
        if mentionText == "minor" { return .modifier }
        if statesQualifier || onlyQualifierWords || categories.contains(.persons) && !categories.contains(.disease) && !categories.contains(.libraryName) {
            return .qualifier
        }
        // The measure of a value the question gives ("sodium" of "sodium is 114", "HbA1c" of
        // "HbA1c 9%") is what was measured, not a drug or test asked about.
        if qualifiers.contains(where: { $0.kind == .value && IntentCues.normalized($0.text).hasPrefix(normalized) }) { return .related }
        if !categories.isMedical { return .nonMedical }
        if categories.contains(.diseaseAttribute) || (!words.isEmpty && words.allSatisfy { QuestionWords.isQuestionFiller($0) }) { return .modifier }
        if categories.contains(.drugClass) || (categories.isDisjoint(with: [.disease, .chemical, .procedure, .psychology, .organism, .libraryName])) {
            return .related
        }
        return .key
    }

    /// Below this specificity a one-word concept is broad ("pain", "infection").
    static let broadSpecificity = 0.3

    /// Picks the primary concept among the key ones: in the asking sentence, the kind the
    /// attribute is about (a drug for dosing and side effects, else a disease), and the most
    /// specific (the rarest in the library).
    private func choosePrimary(_ mentions: inout [StructuredQuery.Mention], intent: inout Intent, asksDefinition: Bool, asksSpecifically: Bool, asksTarget: Bool) {
        let documents = max(1, snapshot.liveDocuments)
        var best: (index: Int, score: Double)?
        for (index, mention) in mentions.enumerated() where mention.role == .key {
            let categories = mention.concept.categories
            var score = mention.inFocus ? 3.0 : 0
            let drugQuestion = intent == .dosing || intent == .adverseEffects
            let disease = categories.contains(.disease) || categories.contains(.psychology)
            let drug = categories.contains(.chemical) && !categories.contains(.drugClass)
            if disease { score += drugQuestion ? 1.5 : 3 }
            if drug { score += drugQuestion ? 2.5 : 1 }
            // A name only the library uses, naming neither a disease nor a drug, is rarely the subject.
            if categories.contains(.libraryName) && !disease && !drug { score -= 1 }
            let frequency = conceptFrequency(mention)
            let specificity = 1 - min(1, log(1 + Double(frequency)) / log(1 + Double(documents)))
            mentions[index].specificity = specificity
            score += 1.5 * specificity
            // A broad word in the asking sentence ("tablets for the pain") refers to what the
            // message told before it ("my third attack of gout"): being asked is worth little.
            let words = LexiconText.words(mention.text).count
            if mention.inFocus, words == 1, specificity < Self.broadSpecificity, mentions.contains(where: { !$0.inFocus && $0.role == .key }) {
                score -= 2.5
            }
            score += 0.2 * Double(words)
            // The form a disease takes in the asked population is more specific than the disease.
            if mention.inferredFrom != nil { score += 2 }
            score -= 0.01 * Double(mention.position)
            if best == nil || score > best!.score { best = (index, score) }
        }
        if let best { mentions[best.index].role = .primary }
        // A drug (or a class of drugs, "SSRI for adolescent depression") with a disease and no
        // attribute cue is a treatment question.
        let named = mentions.filter { !$0.negated && ($0.role == .key || $0.role == .primary || $0.role == .related) }
        if intent == .definition, mentions.contains(where: { $0.role == .key || $0.role == .primary }), named.count >= 2,
           named.contains(where: { $0.concept.categories.contains(.chemical) || $0.concept.categories.contains(.procedure) }),
           named.contains(where: { $0.concept.categories.contains(.disease) || $0.concept.categories.contains(.psychology) }) {
            intent = .treatment
        }
        // A test asked about with no attribute cue ("does she need a lumbar puncture", "MRI for
        // low back pain", "CTPA or V/Q scan?") asks whether and which to do: diagnosis. A drug
        // named beside it makes it a treatment question; "what is a lumbar puncture" asks what it
        // is; "acute ICH systolic BP target" asks for a goal of treatment.
        if intent == .treatment || intent == .definition && !asksDefinition, !asksSpecifically, !asksTarget,
           named.contains(where: { ($0.role == .key || $0.role == .primary) && vocabulary.isDiagnosticProcedure($0.concept) }),
           !named.contains(where: { $0.concept.categories.contains(.chemical) && !$0.concept.categories.contains(.procedure) }) {
            intent = .diagnosis
        }
    }

    /// Documents that use a mention's words (its rarest word's document frequency).
    func conceptFrequency(_ mention: StructuredQuery.Mention) -> Int {
        let terms = snapshot.analyzer.terms(mention.text, cache: snapshot.stems)
        return terms.map { snapshot.documentFrequency(term: $0) }.min() ?? 0
    }

    /// The question with clinical shorthand written out ("afib" → "atrial fibrillation"): a
    /// token that is the whole shorthand, in any case, that the vocabulary does not link itself.
    /// Two words side by side are read first ("GI bleed", "water pills", "mini stroke").
    static func expandingShorthand(_ text: String) -> String {
        var result = ""
        var last = text.startIndex
        let words = LexiconText.words(text)
        var index = 0
        while index < words.count {
            let word = words[index]
            if index + 1 < words.count,
               let expansion = QuestionWords.shorthandPairs[word.original.lowercased() + " " + words[index + 1].original.lowercased()] {
                result += text[last..<word.range.lowerBound] + expansion
                last = words[index + 1].range.upperBound
                index += 2
                continue
            }
            index += 1
            guard let expansion = QuestionWords.shorthand[word.original.lowercased()] else { continue }
            result += text[last..<word.range.lowerBound] + expansion
            last = word.range.upperBound
        }
        return last == text.startIndex ? text : result + text[last...]
    }

    /// Adjective endings of conditions and the noun endings that name them ("hypothyroid" →
    /// "hypothyroidism", "anaemic" → "anaemia", "psychotic" → "psychosis", "septic" → "sepsis").
    static let conditionNounEndings: [(adjective: String, noun: String)] = [
        ("oid", "oidism"), ("aemic", "aemia"), ("emic", "emia"), ("oxic", "oxia"), ("otic", "osis"), ("eptic", "epsis"),
        ("ileptic", "ilepsy"), ("matic", "ma"), ("etic", "etes"), ("ritic", "ritis"),
    ]

    /// The question with a condition's adjective written as its noun, when MeSH or the library
    /// names the noun and not the adjective ("hypothyroid and pregnant" asks about hypothyroidism).
    /// A word inside a name the vocabulary links ("diabetic ketoacidosis", "septic shock") stays.
    func writingConditionsAsNouns(_ text: String) -> String {
        let words = LexiconText.words(text)
        let candidates = words.indices.filter { index in
            let lower = words[index].original.lowercased()
            return words[index].key.count >= 6 && Self.conditionNounEndings.contains { lower.hasSuffix($0.adjective) } && !vocabulary.hasPhrase(words[index].key)
        }
        guard !candidates.isEmpty else { return text }
        let linked = Set(vocabulary.link(words, linkable: { !QuestionWords.isQuestionFiller($0) }, lowercaseAbbreviations: false).flatMap { Array($0.words) })
        var result = ""
        var last = text.startIndex
        for word in candidates.filter({ !linked.contains($0) }).map({ words[$0] }) {
            let lower = word.original.lowercased()
            guard let noun = Self.conditionNounEndings.lazy.filter({ lower.hasSuffix($0.adjective) })
                .map({ String(lower.dropLast($0.adjective.count)) + $0.noun })
                .first(where: { vocabulary.hasPhrase(LexiconText.key($0)) }) else { continue }
            result += text[last..<word.range.lowerBound] + noun
            last = word.range.upperBound
        }
        return last == text.startIndex ? text : result + text[last...]
    }

    /// Words that negate the concept right after them.
    static let negations: Set<String> = ["no", "without", "not", "non", "free", "denie", "denied", "never", "absent", "negative", "nor", "lacking"]

    /// True when one of the two words before `position` negates what follows ("without diabetes",
    /// "no known diabetes", "non-diabetic").
    static func isNegated(_ words: [LexiconText.Word], before position: Int) -> Bool {
        words[max(0, position - 2)..<position].contains { negations.contains($0.key) }
    }

    /// True when a single word is a specific cue of an asked attribute ("screening", "dosage").
    static func asksAttribute(_ word: String) -> Bool {
        let normalized = IntentCues.normalized(word)
        return Intent.allCases.contains { intent in
            intent.questionCues.contains { $0.weight >= 1.5 && !$0.cue.trimmingCharacters(in: .whitespaces).contains(" ") && IntentCues.contains(normalized, cue: $0.cue) }
        }
    }

    /// What a spelling correction may name: diseases, drugs, procedures, mental states, body
    /// parts, organisms and the library's own names.
    static let correctableCategories: ConceptCategories = [.disease, .chemical, .drugClass, .procedure, .psychology, .anatomy, .organism, .libraryName]

    /// Corrects words the library has never seen; returns the corrected text and the corrections.
    /// Corrects `text` (``correctSpelling(_:only:rareWords:)``), keeping a correction only when
    /// the corrected word is part of a concept the vocabulary links or, for unseen words, says
    /// what is asked.
    private func correctSpellingKeepingConcepts(_ text: String, rareWords: Bool) -> (text: String, corrections: [StructuredQuery.Correction]) {
        let (corrected, corrections) = correctSpelling(text, rareWords: rareWords)
        guard !corrections.isEmpty else { return (text, []) }
        // A correction must name something medical: "ruining" is no misspelling of "running"
        // (an activity), nor "resus" of "rests".
        let linkedWords = Set(vocabulary.link(LexiconText.words(corrected), linkable: { !QuestionWords.isQuestionFiller($0) }, lowercaseAbbreviations: false)
            .filter { !$0.concept.categories.isDisjoint(with: Self.correctableCategories) }
            .flatMap { LexiconText.words($0.text).map { $0.original.lowercased() } })
        let kept = corrections.filter { linkedWords.contains($0.to) || (!rareWords && Self.asksAttribute($0.to)) }
        if kept.count == corrections.count { return (corrected, corrections) }
        return kept.isEmpty ? (text, []) : correctSpelling(text, only: Set(kept.map(\.from)), rareWords: rareWords)
    }

    private func correctSpelling(_ text: String, only: Set<String>? = nil, rareWords: Bool = false) -> (String, [StructuredQuery.Correction]) {
        let corrector = SpellingCorrector(vocabulary: vocabulary, snapshot: snapshot)
        var corrections: [StructuredQuery.Correction] = []
        var result = ""
        var last = text.startIndex
        for word in LexiconText.words(text) {
            let lower = word.original.lowercased()
            guard only?.contains(String(word.original)) ?? true, !QuestionWords.isQuestionFiller(word.key), !snapshot.analyzer.stopWords.contains(lower),
                  QuestionWords.shorthand[lower] == nil,
                  !vocabulary.hasPhrase(word.key), let fixed = corrector.correction(for: lower, rareWords: rareWords) else { continue }
            result += text[last..<word.range.lowerBound]
            result += word.original.first?.isUppercase == true ? fixed.prefix(1).uppercased() + fixed.dropFirst() : fixed
            last = word.range.upperBound
            corrections.append(.init(from: String(word.original), to: fixed))
        }
        result += text[last...]
        return (result, corrections)
    }

    /// The asking part of a message: sentences that end with "?" or open like a question; the
    /// whole text when it is one sentence or none asks.
    static func focus(of text: String) -> Range<String.Index> {
        let sentences = SentenceSplitter.sentences(text)
        guard sentences.count > 1 else { return text.startIndex..<text.endIndex }
        let asking = sentences.filter { sentence in
            if sentence.hasSuffix("?") { return true }
            let first = sentence.prefix { $0.isLetter || $0 == "'" }.lowercased().replacingOccurrences(of: "'", with: "")
            return QuestionWords.questionOpeners.contains(first) && sentence.split(separator: " ").count >= 3
        }
        guard let first = asking.first, let last = asking.last else { return text.startIndex..<text.endIndex }
        return first.startIndex..<last.endIndex
    }

    /// The asked attribute (highest cue weight; ties go to the earliest cue) and the others asked.
    static func intent(_ normalized: String, fallback: String) -> (Intent, [Intent]) {
        func scores(_ text: String) -> [(intent: Intent, score: Double, position: Int)] {
            // What the message tells is not what it asks: from when time counts ("hours after
            // symptom onset") never is; what is known ("just diagnosed with") is not, unless
            // nothing else is asked ("how are children diagnosed with autism").
            let timed = replacing(timeAnchors, in: text)
            let told = replacing(historyAnchors, in: timed)
            let specific = told == timed ? [] : cueScores(told)
            return specific.contains { $0.intent != .definition } ? specific : cueScores(timed)
        }
        func cueScores(_ text: String) -> [(intent: Intent, score: Double, position: Int)] {
            Intent.allCases.compactMap { intent in
                var score = 0.0
                var position = Int.max
                for (cue, weight) in intent.questionCues where weight > 0 {
                    if let at = IntentCues.position(of: cue, in: text) {
                        score += weight
                        position = min(position, at)
                    }
                }
                return score > 0 ? (intent, score, position) : nil
            }
        }
        var found = scores(normalized)
        if found.filter({ $0.intent != .definition }).isEmpty { found = scores(fallback) }
        let specific = found.filter { $0.intent != .definition }
        guard !specific.isEmpty else {
            // "What systolic pressure should I aim for…", "when to start…": targets and timing are management.
            let asksDetail = !AttributeDetail.detect(in: normalized).isEmpty && !IntentCues.contains(normalized, cue: "defin")
            return (asksDetail ? .treatment : .definition, [])
        }
        let ranked = specific.sorted { $0.score != $1.score ? $0.score > $1.score : $0.position < $1.position }
        var primary = ranked[0].intent
        // "X vs Y for Z": a comparison of treatments.
        if let comparison = ranked.first(where: { $0.intent == .comparison }), comparison.score >= 2 { primary = .comparison }
        let others = ranked.filter { $0.intent != primary && $0.score >= 1.5 }.sorted { $0.position < $1.position }.map(\.intent)
        return (primary, others)
    }

    /// Phrases that say from when time is counted ("hours after *symptom onset*"), with what they become.
    static let timeAnchors: [(phrase: String, replacement: String)] = [
        (" symptom onset ", " onset "), (" onset of symptoms ", " onset "), (" onset of symptom ", " onset "),
        (" symptoms started ", " onset "), (" symptoms began ", " onset "), (" symptoms start ", " onset "), (" symptoms begin ", " onset "),
    ]

    /// Phrases that say what is already known ("my son was *just diagnosed with* …").
    static let historyAnchors: [(phrase: String, replacement: String)] = [
        (" diagnosed with ", " with "), (" was diagnosed ", " "), (" been diagnosed ", " "), (" newly diagnosed ", " new "),
        (" recently diagnosed ", " "), (" just diagnosed ", " "),
    ]

    /// `normalized` with the anchors' phrases replaced.
    static func replacing(_ anchors: [(phrase: String, replacement: String)], in normalized: String) -> String {
        guard anchors.contains(where: { normalized.contains($0.phrase.dropFirst().dropLast()) }) else { return normalized }
        var text = normalized + " "
        for anchor in anchors { text = text.replacingOccurrences(of: anchor.phrase, with: anchor.replacement) }
        return String(text.dropLast())
    }

    /// True when a word is part of a stated qualifier ("pregnant", "children").
    static func isQualifierWord(_ key: String, _ qualifiers: [Qualifier]) -> Bool {
        let padded = " " + key + " "
        return qualifiers.contains { qualifier in
            Qualifier.table.first { $0.label == qualifier.label }?.question.contains { cue in
                let trimmed = cue.trimmingCharacters(in: .whitespaces)
                return padded.hasPrefix(" " + trimmed) || trimmed.hasPrefix(key)
            } ?? false
        }
    }
}
