import EvidentSearch
import Foundation
import Logging

/// Composes a cited answer to a question, in stages that each do one job:
/// ``QuestionUnderstanding`` (concepts, attribute, qualifiers, corrections) →
/// ``EvidenceRetriever`` (passages per tier) → ``StatementSelector`` (units scored against the
/// whole question) → composition here (the lead, sections in the asked order, lists kept
/// together, the same fact from several sources cited once, honest notes on what the evidence
/// does not cover) → ``ReferenceNumbering``.
///
/// Every statement is extractive: its text is an exact piece of a cited passage, and it
/// carries that quote and the passage's id.
public struct AnswerComposer: Sendable {
    public let library: Library
    public let snapshot: IndexSnapshot
    public let vocabulary: Vocabulary
    public let classifier: AspectClassifier?
    public var disclaimer = Answer.defaultDisclaimer
    /// Statements in the asked aspect's section.
    public var statementsPerSection = 6
    /// Statements in each related aspect's section (so that several aspects fit).
    public var statementsPerRelatedSection = 3
    /// Statements per tier at most.
    public var statementsPerTier = 16
    /// A statement must score at least this share of its tier's best to be shown.
    public var relativeFloor = 0.45

    /// How many of a tier's best units `--log-level trace` lists (`EVIDENT_TRACE_UNITS`, 12 unless set):
    /// raising it shows where a line that did not make the answer ranked.
    static let tracedUnits = ProcessInfo.processInfo.environment["EVIDENT_TRACE_UNITS"].flatMap { Int($0) } ?? 12

    static let logger = Logger(label: "evident.answer")

    /// Creates a composer over a library, its index, the vocabulary and the aspect model.
    public init(library: Library, snapshot: IndexSnapshot, vocabulary: Vocabulary, classifier: AspectClassifier?) {
        self.library = library
        self.snapshot = snapshot
        self.vocabulary = vocabulary
        self.classifier = classifier
    }

    /// Answers `question`, optionally from one tier only and from the documents `filter` accepts;
    /// `explain` adds why each statement was chosen.
    public func answer(_ question: String, tier only: Tier? = nil, filter: AnswerFilter = AnswerFilter(), explain: Bool = false) throws -> Answer {
        let started = DispatchTime.now().uptimeNanoseconds
        let understanding = QuestionUnderstanding(vocabulary: vocabulary, snapshot: snapshot)
        let asked = understanding.understand(question)
        // Findings told without a condition ("fever for five days, red eyes, cracked lips") are
        // asked about the condition whose page names them together, when one clearly does.
        let findings = FindingsCondition(library: library, snapshot: snapshot, vocabulary: vocabulary).reading(of: asked)
        var query = findings.map { understanding.understand(question + "\n" + $0.condition.name + ": symptoms and treatment?") } ?? asked
        var answer = Answer(
            question: question, correctedQuestion: query.corrections.isEmpty ? nil : query.corrected, corrections: query.corrections,
            intent: query.intent,
            topics: query.required.map { Answer.Topic(label: $0.concept.name, meshId: $0.concept.isMeSH ? $0.concept.id : nil) },
            guidelines: .init(summary: [], sections: [], note: nil), research: .init(sections: [], note: nil), notes: [],
            references: [], message: nil, disclaimer: disclaimer, elapsedMs: 0, explain: explain ? query : nil)
        if let animal = AnimalPatient.animal(in: query.corrected) {
            answer.message = "No evidence in this library answers this question: it asks about a \(Self.singular(animal)), and Evident answers questions "
                + "on human patients from human guidelines and research. A veterinarian can answer it."
            answer.elapsedMs = Self.milliseconds(since: started)
            return answer
        }
        var (retrieved, scored) = try gather(query, tier: only, filter: filter)
        // The subject chosen from the question alone may be a setting or a comorbidity whose
        // evidence covers none of the rest ("post-MI" in "LDL goal post-MI … when to add
        // ezetimibe"): a concept it missed is the subject when its evidence covers more of the
        // question, or as much and the first subject too.
        var missing = Self.missingRequired(query, scored: scored)
        // The first subject, when evidence was found on it and another reading won: never "no
        // evidence on" it.
        var firstFoundUnderAnotherReading: String?
        if !missing.isEmpty, let first = query.primary {
            let firstWasFound = !missing.contains { $0.concept.id == first.concept.id }
            // The selector numbers the primary concept 0.
            var best = SubjectChoice.Reading(scored, first: 0)
            for alternative in SubjectChoice.alternatives(query, missing: missing) {
                let (otherRetrieved, otherScored) = try gather(alternative, tier: only, filter: filter)
                let reading = SubjectChoice.Reading(otherScored, first: Self.requiredInSelectorOrder(alternative).firstIndex { $0.concept.id == first.concept.id })
                Self.logger.debug("subject \(alternative.primary?.concept.name ?? "-") covers \(reading.coverage) concepts\(reading.coversFirst ? " with" : " without") \(first.concept.name); so far \(best.coverage)")
                guard reading.isBetter(than: best, diseaseOverDrug: SubjectChoice.isDiseaseOverDrug(alternative, current: query)) else { continue }
                if firstWasFound { firstFoundUnderAnotherReading = first.concept.id }
                (query, retrieved, scored, best) = (alternative, otherRetrieved, otherScored, reading)
                missing = Self.missingRequired(query, scored: scored)
                answer.explain = explain ? query : nil
            }
        }
        // Research that a guideline of the library cites is what the guidelines rest on: it counts
        // more, and its reference says who cites it.
        let citing = try citingGuidelines(retrieved[.research] ?? [])
        if var research = scored[.research], !citing.isEmpty {
            for index in research.indices {
                guard let pmid = (retrieved[.research] ?? [])[research[index].source].document.pmid, citing[pmid] != nil else { continue }
                research[index].score += StatementSelector.Weight.citedByGuideline
                research[index].parts.append(.init(name: "cited by a guideline", value: StatementSelector.Weight.citedByGuideline))
            }
            scored[.research] = research.sorted(by: ScoredUnit.ranksBefore)
        }
        // Honest coverage: `missing` holds the required concepts no evidence names at all.
        let required = query.required
        let allUnits = scored.values.flatMap { $0 }
        // Nothing is said in place of the subject, nor of a drug or test the library never
        // mentions at all; another concept the evidence does not cover together with the subject
        // gets a note, and the answer is about the subject.
        // A drug a message mentions only outside its question ("on bendroflumethiazide", what
        // the patient takes) is context, unless the question refers back to it ("what are its
        // side effects?"): the question is answered, with a note.
        let focusRefersBack = QuestionWords.refersBack(query.focus)
        // A drug's dose or use for a condition the library never names with it ("croup
        // dexamethasone dose") is no question its lines on other conditions answer.
        let primaryIsDrug = query.primary?.concept.categories.isDrug ?? false
        let blocking = missing.filter { mention in
            guard mention.concept.id != firstFoundUnderAnotherReading else { return false }
            return mention.role == .primary || mention.concept.id.hasPrefix("unknown:") || !mention.concept.categories.isMedical
                || (primaryIsDrug && mention.role == .key && mention.inFocus && mention.concept.categories.contains(.disease))
                || ((mention.concept.categories.contains(.chemical) || mention.concept.categories.contains(.procedure)) && mention.specificity >= 0.999
                    && (mention.inFocus || focusRefersBack))
        }
        // A question mostly about something else, sharing one medical word with the library.
        if blocking.isEmpty, !allUnits.isEmpty,
           let unrelated = QuestionCoverage.unrelatedWords(query, passages: retrieved.values.flatMap { $0 }, snapshot: snapshot) {
            answer.message = "No evidence in this library answers this question: nothing it holds on \(Self.subject(query)) speaks of \(unrelated.joined(separator: ", ")). "
                + "Evident answers clinical questions from the guidelines and research it holds."
            answer.elapsedMs = Self.milliseconds(since: started)
            return Self.deduplicatedTopics(answer)
        }
        if !blocking.isEmpty || allUnits.isEmpty {
            let names = (blocking.isEmpty ? required : blocking).map(\.concept.name)
            answer.message = Self.noEvidenceMessage(names.isEmpty ? query.otherWords : names, medical: query.isMedical, tier: only)
            answer.topics = answer.topics.filter { topic in !blocking.contains { $0.concept.name == topic.label } } + blocking.map { Answer.Topic(label: $0.concept.name, meshId: $0.concept.isMeSH ? $0.concept.id : nil) }
            answer.elapsedMs = Self.milliseconds(since: started)
            return Self.deduplicatedTopics(answer)
        }
        // What the answer is titled after: a concept no evidence names is not its topic.
        var composing = query
        composing.uncovered = Set(missing.map(\.concept.id))
        var used = Set<String>()
        // Statements must be about the whole question: when some unit (in either tier) covers
        // more of its required concepts, units covering fewer are about something else.
        let bestCover = allUnits.map(\.covered.count).max() ?? 0
        var researchOffQuestion = false
        for tier in Tier.allCases where only == nil || only == tier {
            let tierUnits = scored[tier] ?? []
            var units = tierUnits.filter { $0.covered.count >= Self.coverBar(tierUnits, best: bestCover) }
            // Research answers a question only with findings on it: a study's sentence about the
            // subject that does not speak to the asked attribute is about something else (a
            // guideline's line on the subject's other aspects still informs, research does not).
            if tier == .research, query.intent != .definition {
                let onQuestion = Self.onQuestion(units, asked: query.intent)
                researchOffQuestion = onQuestion.isEmpty && !units.isEmpty
                units = onQuestion
            }
            let passages = retrieved[tier] ?? []
            let composed = compose(units, passages: passages, query: composing, tier: tier, used: &used, explain: explain)
            if tier == .guideline {
                answer.guidelines.summary = composed.lead
                answer.guidelines.sections = composed.sections
            } else {
                answer.research.sections = composed.sections
            }
        }
        // Notes: what the question was read to imply, then what the chosen evidence does not cover.
        if let findings {
            let name = findings.documentTitle.localizedCaseInsensitiveContains(findings.condition.name) ? findings.documentTitle
                : "\(findings.documentTitle) (\(findings.condition.name))"
            answer.notes.append("Read as a question on \(name): the library's page on it names these findings together (\(findings.findings.joined(separator: ", "))). Only an examination can tell what a patient has.")
        }
        for mention in query.mentions where mention.inferredFrom != nil && (mention.role == .primary || mention.role == .key) {
            answer.notes.append("Read as a question on \(mention.concept.name) (\(mention.inferredFrom!)).")
        }
        let chosen = answer.allStatements
        let topic = composing.topicName
        for mention in missing where !blocking.contains(where: { $0.concept.id == mention.concept.id }) {
            answer.notes.append("This library has no evidence on \(mention.concept.name) together with \(topic); the statements below are about \(topic).")
        }
        let chosenExplained = chosenQualifiers(answer: answer, units: scored)
        // Only for what the asking sentence says: a long message's story ("the GP says", "my
        // father") sets the scene, and a note on each of its words would bury the answer.
        let focus = query.focus.lowercased()
        for qualifier in query.qualifiers where !chosenExplained.contains(qualifier.label) && focus.contains(qualifier.text.lowercased()) {
            answer.notes.append("None of the evidence shown is specific to \(qualifier.label).")
        }
        if chosen.isEmpty {
            answer.message = Self.noEvidenceMessage(required.map(\.concept.name), medical: query.isMedical, tier: only)
            answer.notes = []
        } else {
            if answer.guidelines.summary.isEmpty && answer.guidelines.sections.isEmpty && only != .research {
                answer.guidelines.note = "No guideline in this library addresses \(Self.subject(query))."
            } else if answer.guidelines.summary.isEmpty && only != .research {
                answer.guidelines.note = "No guideline statement in this library answers the \(query.intent.rawValue) of \(topic) directly; what the guidelines say about \(topic) follows."
            }
            if answer.research.sections.isEmpty && only != .guideline {
                answer.research.note = researchOffQuestion
                    ? "No research in this library answers the \(query.intent.rawValue) of \(topic); its studies on \(topic) are about other questions."
                    : "No research in this library addresses \(Self.subject(query))."
            }
        }
        ReferenceNumbering.number(&answer, documents: Self.documents(retrieved))
        for index in answer.references.indices {
            if let pmid = answer.references[index].pmid, let guidelines = citing[pmid] { answer.references[index].citedBy = guidelines }
        }
        answer.elapsedMs = Self.milliseconds(since: started)
        return Self.deduplicatedTopics(answer)
    }

    /// How many of the question's concepts a tier's units must cover: as many as the best unit
    /// of either tier, unless all of the tier's units that do are on a population the question
    /// did not name ("children and young people with type 2 diabetes" for "diabetic retinopathy
    /// screening interval type 2 diabetes"); then a line for anyone on fewer of them answers too
    /// ("Refer patients for diabetic retinopathy screening annually").
    static func coverBar(_ units: [ScoredUnit], best: Int) -> Int {
        let atBest = units.filter { $0.covered.count >= best }
        guard !atBest.isEmpty, atBest.allSatisfy(\.isForAnotherPopulation) else { return best }
        return units.filter { !$0.isForAnotherPopulation }.map(\.covered.count).max() ?? best
    }

    /// The research units that answer the asked attribute in their own words, each filed under
    /// the asked aspect.
    static func onQuestion(_ units: [ScoredUnit], asked intent: Intent) -> [ScoredUnit] {
        units.compactMap { unit in
            guard unit.speaksToAskedAttribute else { return nil }
            var filed = unit
            filed.aspect = intent
            return filed
        }
    }

    /// The passages of each tier retrieved for `query` and its units scored against it (the
    /// tiers are independent until composition: they are retrieved and scored at once).
    private func gather(_ query: StructuredQuery, tier only: Tier?, filter: AnswerFilter) throws -> ([Tier: [RetrievedPassage]], [Tier: [ScoredUnit]]) {
        let retriever = EvidenceRetriever(library: library, snapshot: snapshot)
        var retrieved: [Tier: [RetrievedPassage]] = [:]
        var scored: [Tier: [ScoredUnit]] = [:]
        if query.isMedical || !query.otherWords.isEmpty {
            let tiers = Tier.allCases.filter { only == nil || only == $0 }
            let results = TierResults(count: tiers.count)
            DispatchQueue.concurrentPerform(iterations: tiers.count) { index in
                let tier = tiers[index]
                let started = DispatchTime.now().uptimeNanoseconds
                do {
                    let passages = try retriever.retrieve(query, tier: tier, limits: filter)
                    let retrievedAt = DispatchTime.now().uptimeNanoseconds
                    let selector = StatementSelector(query: query, tier: tier, vocabulary: vocabulary, classifier: classifier,
                                                     libraryLexicon: vocabulary.library, snapshot: snapshot)
                    let units = selector.score(passages)
                    let scoredAt = DispatchTime.now().uptimeNanoseconds
                    for unit in units.prefix(Self.tracedUnits) {
                        Self.logger.trace("  \(String(format: "%.4f", unit.score)) \(passages[unit.source].passageID) [\(unit.aspect.rawValue), covers \(unit.covered.sorted()), \(unit.canLead ? "can lead" : "no lead")] \(unit.unit.quote.prefix(60))")
                    }
                    Self.logger.debug("\(tier.rawValue): retrieved \(passages.count) passages in \(Double(retrievedAt - started) / 1e6) ms; \(units.count) units about the question in \(Double(scoredAt - retrievedAt) / 1e6) ms")
                    results.set(index, .success((passages, units)))
                } catch {
                    results.set(index, .failure(error))
                }
            }
            for (index, tier) in tiers.enumerated() {
                let (passages, units) = try results.get(index)
                retrieved[tier] = passages
                scored[tier] = units
            }
        }
        return (retrieved, scored)
    }

    /// The required concepts no scored unit covers, in the selector's order.
    static func missingRequired(_ query: StructuredQuery, scored: [Tier: [ScoredUnit]]) -> [StructuredQuery.Mention] {
        let allUnits = scored.values.flatMap { $0 }
        return requiredInSelectorOrder(query).enumerated().filter { number, _ in !allUnits.contains { $0.covered.contains(number) } }.map(\.element)
    }

    /// For the retrieved research records, the guidelines of the library that cite them
    /// (PMID → "Organisation: title" of each citing guideline).
    private func citingGuidelines(_ passages: [RetrievedPassage]) throws -> [String: [String]] {
        let pmids = Array(Set(passages.compactMap(\.document.pmid)))
        let citing = try library.citingGuidelines(pmids: pmids)
        guard !citing.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for id in Set(citing.values.flatMap { $0 }) {
            if let document = try library.document(id: id)?.document {
                let title = document.title.map { $0.count > 90 ? String($0.prefix(90)) + "…" : $0 } ?? id
                names[id] = [document.source, title].compactMap { $0 }.joined(separator: ": ")
            }
        }
        return citing.mapValues { ids in ids.compactMap { names[$0] } }.filter { !$0.value.isEmpty }
    }

    /// The required mentions in the order the selector numbers them (primary first).
    static func requiredInSelectorOrder(_ query: StructuredQuery) -> [StructuredQuery.Mention] {
        query.required.sorted { ($0.role == .primary ? 0 : 1) < ($1.role == .primary ? 0 : 1) }
    }

    /// The labels of qualifiers some chosen statement matches.
    private func chosenQualifiers(answer: Answer, units: [Tier: [ScoredUnit]]) -> Set<String> {
        var labels = Set<String>()
        for statement in answer.allStatements {
            if let explanation = statement.explain { labels.formUnion(explanation.qualifiers); continue }
        }
        // Without explanations, look the chosen quotes up among the scored units.
        let quotes = Set(answer.allStatements.flatMap { $0.evidence.map(\.quote) })
        for unit in units.values.flatMap({ $0 }) where quotes.contains(String(unit.unit.quote)) { labels.formUnion(unit.qualifiers) }
        return labels
    }

    /// "dogs" → "dog", "puppies" → "puppy", "sheep" → "sheep".
    private static func singular(_ word: String) -> String {
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s") && !word.hasSuffix("ss") { return String(word.dropLast()) }
        return word
    }

    private static func deduplicatedTopics(_ answer: Answer) -> Answer {
        var copy = answer
        var seen = Set<String>()
        copy.topics = answer.topics.filter { seen.insert($0.label).inserted }
        return copy
    }

    private static func subject(_ query: StructuredQuery) -> String {
        let names = query.required.map(\.concept.name)
        return names.isEmpty ? (query.otherWords.isEmpty ? "this question" : query.otherWords.joined(separator: " ")) : names.joined(separator: " and ")
    }

    /// The honest answer when the library has nothing on the question.
    static func noEvidenceMessage(_ names: [String], medical: Bool, tier: Tier? = nil) -> String {
        let subject = names.isEmpty ? "this question" : names.joined(separator: " and ")
        // Asked of one tier, the other may well have it.
        if let tier, medical {
            let part = tier == .guideline ? "guideline" : "research"
            return "No \(part) evidence in this library answers this question on \(subject); the answer was limited to \(part), and the library's other evidence may answer it."
        }
        if !medical {
            let listed = names.isEmpty ? "" : " (" + names.joined(separator: ", ") + ")"
            return "No evidence in this library answers this question: it names nothing medical that the library covers\(listed). "
                + "Evident answers clinical questions from the guidelines and research it holds."
        }
        return "No evidence in this library answers this question: this library has no evidence on \(subject). "
            + "Ingest guidelines or PubMed records on it (evident ingest FILE…: PubMed XML, MEDLINE, PMC, NGC, guideline Markdown) and ask again."
    }

    private static func milliseconds(since start: UInt64) -> Double {
        (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e4).rounded() / 100
    }

    private static func documents(_ retrieved: [Tier: [RetrievedPassage]]) -> [String: Document] {
        var documents: [String: Document] = [:]
        for passage in retrieved.values.flatMap({ $0 }) where documents[passage.document.id] == nil { documents[passage.document.id] = passage.document }
        return documents
    }

    /// A tier's lead (guidelines only) and sections.
    private func compose(_ units: [ScoredUnit], passages: [RetrievedPassage], query: StructuredQuery, tier: Tier,
                         used: inout Set<String>, explain: Bool) -> (lead: [Answer.Statement], sections: [Answer.Section]) {
        guard let best = units.first else { return ([], []) }
        let floor = best.score * relativeFloor
        var chosen: [ScoredUnit] = []
        var statements: [String: Answer.Statement] = [:]
        var leadKeys: [String] = []
        var budget = statementsPerTier
        var termCache: [String: Set<String>] = [:]
        func terms(_ unit: ScoredUnit, _ key: String) -> Set<String> {
            if let cached = termCache[key] { return cached }
            let computed = Set(snapshot.analyzer.terms(String(unit.text) + " " + unit.unit.items.joined(separator: " "), cache: snapshot.stems))
            termCache[key] = computed
            return computed
        }

        /// Adds a unit unless it repeats a chosen one; the same fact from another document adds its citation.
        /// A unit's identity: its place in its passage; the items of one list are one (the list
        /// is shown whole, once).
        func identity(_ unit: ScoredUnit) -> String {
            if unit.unit.kind == .listItem, let leadIn = unit.unit.leadIn {
                return "\(unit.source):list:\(leadIn.startIndex.utf16Offset(in: leadIn.base))"
            }
            return "\(unit.source):\(unit.unit.quote.startIndex.utf16Offset(in: unit.unit.quote.base))"
        }

        func take(_ unit: ScoredUnit) -> String? {
            let key = identity(unit)
            guard !used.contains(key), budget > 0 else { return nil }
            let unitTerms = terms(unit, key)
            for (index, other) in chosen.enumerated() {
                let otherKey = identity(other)
                guard Self.sameFact(terms(other, otherKey), unitTerms) else { continue }
                if passages[other.source].document.id != passages[unit.source].document.id, var statement = statements[otherKey] {
                    statement.evidence.append(evidence(unit, passages: passages))
                    statements[otherKey] = statement
                    _ = index
                }
                used.insert(key)
                return nil
            }
            used.insert(key)
            chosen.append(unit)
            statements[key] = statement(unit, units: units, passages: passages, explain: explain)
            budget -= 1
            return key
        }

        // The lead: the best statement that answers the asked attribute about the subject.
        if tier == .guideline {
            var leads = units.filter { $0.canLead && $0.score >= floor }
            // A question about the value of a measure is answered by a number for that measure.
            var statesValue = false
            if query.measure != nil {
                let stating = leads.filter(\.statesAskedValue)
                if !stating.isEmpty { leads = stating }
                statesValue = !stating.isEmpty
            }
            // A line on a population the question did not name ("in haemodialysis patients", "in
            // pregnancy") answers for everyone else only when no line answers for them.
            let forAnyone = leads.filter { $0.fit >= 1 && !$0.isForAnotherPopulation }
            if !forAnyone.isEmpty { leads = forAnyone }
            // A question about a patient of a given age ("should an 80 year old be screened") is
            // answered first by a line on that age group ("adults aged 76 to 85 years").
            let forAge = leads.filter(\.forAskedAge)
            if !forAge.isEmpty { leads = forAge }
            // A dose question about a drug is answered with that drug's dose ("75 mg bid"), not
            // with a time ("a dose of dabigatran in the last 2 hours").
            let dosed = leads.filter(\.givesAskedDose)
            if !dosed.isEmpty { leads = dosed }
            // A question about a dose, a threshold or a time is answered with a number.
            if query.intent == .dosing || query.details.contains(.threshold) || query.details.contains(.duration) {
                let numbered = leads.filter { $0.text.contains(where: \.isNumber) }
                if !numbered.isEmpty { leads = numbered }
            }
            // A question on how often ("screening interval") is answered with a frequency ("annually").
            if query.details.contains(.frequency) {
                let stating = leads.filter { AttributeDetail.frequency.isStated(in: $0.text) }
                if !stating.isEmpty { leads = stating }
            }
            // A treatment is answered by naming one, symptoms by naming them (the value asked
            // for is what a statement of it names).
            if !statesValue, [.treatment, .prevention, .comparison, .dosing, .symptoms, .diagnosis].contains(query.intent) {
                let specific = leads.filter { $0.specifics > 0 || $0.forAskedAge }
                if !specific.isEmpty { leads = specific }
            }
            let leader = leads.first { $0.fit >= 1 } ?? leads.first
            if let leader, let key = take(leader) {
                leadKeys.append(key)
                // A second lead sentence from the same document when it also answers.
                if let second = leads.first(where: { $0.fit >= 1 && $0.namesAttribute && $0.score >= leader.score * 0.8
                        && passages[$0.source].document.id == passages[leader.source].document.id && $0.unit.quote != leader.unit.quote }),
                   let secondKey = take(second) {
                    leadKeys.append(secondKey)
                }
            }
        }
        // Sections in the asked order, then the related aspects.
        var order = query.intent == .comparison ? [Intent.comparison, .treatment] : [query.intent]
        order += query.alsoAsked + query.intent.related
        var seen = Set<Intent>()
        order = order.filter { seen.insert($0).inserted }
        var sections: [Answer.Section] = []
        // When nothing speaks to the asked or related aspects, show what the tier does say about
        // the subject, under its own aspects (the answer notes that the question is not addressed).
        if !units.contains(where: { order.contains($0.aspect) && $0.score >= floor }) {
            for unit in units where !order.contains(unit.aspect) && order.count < 12 { order.append(unit.aspect) }
            var seenAspects = Set<Intent>()
            order = order.filter { seenAspects.insert($0).inserted }
        }
        for aspect in order {
            var keys: [String] = []
            let limit = aspect == query.intent || (query.intent == .comparison && aspect == .treatment) ? statementsPerSection : statementsPerRelatedSection
            for unit in units where unit.aspect == aspect && unit.score >= floor && keys.count < limit {
                if let key = take(unit) { keys.append(key) }
            }
            let sectionStatements = keys.compactMap { statements[$0] }
            if !sectionStatements.isEmpty {
                sections.append(Answer.Section(heading: aspect.heading(topic: query.topicName, topicIsDrug: query.topicIsDrug), statements: Self.mergedLists(sectionStatements)))
            }
        }
        return (leadKeys.compactMap { statements[$0] }, sections)
    }

    /// The evidence entry of a unit.
    private func evidence(_ unit: ScoredUnit, passages: [RetrievedPassage]) -> Answer.Evidence {
        Answer.Evidence(reference: 0, passageId: passages[unit.source].passageID, quote: String(unit.unit.quote))
    }

    /// A statement from a unit: a list item keeps its list (the lead-in and all its items).
    private func statement(_ unit: ScoredUnit, units: [ScoredUnit], passages: [RetrievedPassage], explain: Bool) -> Answer.Statement {
        let retrieved = passages[unit.source]
        var text = String(unit.text)
        var items: [String]? = unit.unit.items.isEmpty ? nil : unit.unit.items.map(String.init)
        var quote = String(unit.unit.quote)
        var label = unit.label
        if unit.unit.kind == .listItem, let leadIn = unit.unit.leadIn {
            // The whole list under its lead-in (up to 12 items), quoted from lead-in to last item.
            let siblings = EvidenceUnits.units(of: retrieved.passage.text).filter { $0.kind == .listItem && $0.leadIn == leadIn }
            if siblings.count >= 2, siblings.count <= 12, let last = siblings.last {
                let base = retrieved.passage.text
                quote = String(base[leadIn.startIndex..<last.quote.endIndex])
                text = String(leadIn)
                // An item that repeats its lead-in (NGC style) shows only its own words.
                items = siblings.filter { !$0.text.hasSuffix(":") }.map { String($0.quote.hasPrefix(leadIn) ? $0.text : EvidenceUnits.withoutListMarker($0.quote)) }
                label = StatementSelector.label(heading: retrieved.passage.heading, title: retrieved.document.title, leadIn: nil, rowHeader: nil,
                                                showHeading: retrieved.document.kind != .agencyPage)
            }
        }
        let strength = unit.grade.map { Answer.Strength(grade: $0, definition: Self.gradeDefinition($0, in: retrieved.document)) }
        return Answer.Statement(
            text: text, label: label, items: items, strength: strength, citations: [],
            evidence: [Answer.Evidence(reference: 0, passageId: retrieved.passageID, quote: quote)],
            explain: explain ? unit.explanation : nil)
    }

    /// Statements that quote the same list once.
    static func mergedLists(_ statements: [Answer.Statement]) -> [Answer.Statement] {
        var result: [Answer.Statement] = []
        for statement in statements {
            if statement.items != nil, result.contains(where: { $0.items != nil && $0.evidence.first?.quote == statement.evidence.first?.quote }) { continue }
            result.append(statement)
        }
        return result
    }

    /// The guideline's own definition of a grade, from its definitions passages.
    static func gradeDefinition(_ grade: String, in document: Document) -> String? {
        let definitionPassages = document.passages.filter { $0.label == "definitions" }
        guard !definitionPassages.isEmpty else { return nil }
        // A guideline's rating scheme is read once per process, not once per graded statement.
        var hasher = Hasher()
        hasher.combine(document.id)
        for passage in definitionPassages { hasher.combine(passage.text) }
        let key = hasher.finalize()
        let definitions = gradeDefinitions.withLock { $0[key] } ?? {
            let parsed = RecommendationStrength.definitions(from: document.passages)
            gradeDefinitions.withLock { cache in
                if cache.count >= 1_000 { cache.removeAll() }
                cache[key] = parsed
            }
            return parsed
        }()
        var seen = Set<String>()
        let found = RecommendationStrength.lookup(grade, in: definitions).filter { seen.insert($0.definition).inserted }
        guard !found.isEmpty else { return nil }
        return found.map { found.count > 1 ? "\($0.grade): \($0.definition)" : $0.definition }.joined(separator: " ")
    }

    /// Rating-scheme definitions already read, by document and definitions text.
    private static let gradeDefinitions = Locked<[Int: [String: String]]>([:])

    /// True when two statements say the same thing: their terms differ only by short words
    /// (an abbreviation in parentheses, an article) — "nephrogenic" and "neurohypophyseal"
    /// diabetes insipidus are not the same fact.
    static func sameFact(_ a: Set<String>, _ b: Set<String>) -> Bool {
        guard similarity(a, b) >= 0.7 else { return false }
        let difference = a.symmetricDifference(b)
        return difference.count <= 3 && difference.allSatisfy { $0.utf8.count <= 4 || $0.allSatisfy(\.isNumber) }
    }

    /// True when a page's answer to its own question holds something an answer could quote: a
    /// unit that passes the checks every statement passes (not links, site furniture or fragments).
    public func hasQuotableText(ownAnswer text: String, kind: DocumentKind, tier: Tier) -> Bool {
        StatementGate(tier: tier, libraryLexicon: vocabulary.library).admitsSomething(ofOwnAnswer: text, in: kind)
    }

    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}

/// Results of the tiers retrieved and scored at once, one slot per tier.
private final class TierResults: @unchecked Sendable {
    private var slots: [Result<([RetrievedPassage], [ScoredUnit]), Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<([RetrievedPassage], [ScoredUnit]), Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func get(_ index: Int) throws -> ([RetrievedPassage], [ScoredUnit]) {
        lock.lock()
        defer { lock.unlock() }
        return try slots[index]!.get()
    }
}
