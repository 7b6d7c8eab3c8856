import EvidentSearch
import Foundation
import GRDB

/// One passage retrieved for a question, with its document and how well it matched.
struct RetrievedPassage {
    var documentRowid: Int64
    var document: Document
    var ordinal: Int
    var passage: Passage
    /// The document's rank in its tier's search (0 = best).
    var documentRank: Int
    /// How well the passage itself (with its heading) matches the question, 0…1 within the tier.
    var passageScore: Double

    /// Whether the passage, its heading or its document's title names every concept the
    /// question requires (when it requires more than one).
    var namesEveryConcept = false

    /// Whether the passage's heading says a phrase of the question's own words ("Rate Control"
    /// for "afib rate control first line").
    var headedByPhrase = false

    /// Whether the passage is kept beyond a cut.
    var keptBeyondCut: Bool { namesEveryConcept || headedByPhrase }

    /// `<document id>#<ordinal>`.
    var passageID: String { "\(document.id)#\(ordinal)" }
}

/// The second stage: searches each tier with every part of the question (concept names and
/// synonyms, abbreviations, attribute words, qualifiers, leftover words), then ranks the
/// passages of the documents found, headings included, so "Dabigatran › Renal impairment"
/// meets "dabigatran dose in kidney disease".
struct EvidenceRetriever {
    let library: Library
    let snapshot: IndexSnapshot
    /// Documents searched per tier.
    var documentsPerTier = 12
    /// Documents added per tier by the search that requires the subject.
    var documentsWithSubject = 6
    /// Institute pages added to the guideline tier by that search.
    var institutePages = 3
    /// Passages kept per tier for selection.
    var passagesPerTier = 36
    /// Passages kept per document (a long guideline does not crowd out the rest).
    var passagesPerDocument = 10
    /// The search's best documents each keep their best passage, however short passages of
    /// other documents score: a page about exactly the question (a long NIH answer) must not
    /// be crowded out by guideline lines that repeat its words.
    var documentsAlwaysKept = 3

    /// Passages kept beyond a cut (a document's, the tier's) because they, their heading or
    /// their document's title name every concept the question requires, or their heading says
    /// a phrase of the question: "A dose of prednisone … for a 5-day course" in a long section
    /// of a guideline on COPD exacerbations answers "COPD exacerbation prednisone how many
    /// days", and NICE's "Rate Control" section answers "afib rate control first line",
    /// however the subject's name said often in other sections outweighs them.
    var extraPassagesNamingAll = 4

    /// The first `first` passages, then at most `more` of the rest that name every concept or
    /// whose heading says a phrase of the question.
    static func keeping(_ passages: [RetrievedPassage], first: Int, more: Int) -> [RetrievedPassage] {
        Array(passages.prefix(first)) + passages.dropFirst(first).filter(\.keptBeyondCut).prefix(more)
    }

    /// How much more a passage counts when its heading says a phrase of the question.
    static let headingPhraseFactor = 2.0

    /// How much more a passage counts when it states a closed age band holding the age the question gives.
    static let askedAgeFactor = 1.5

    /// How much of a passage its score reads.
    static let scoredBytes = 2_500

    /// Weighted query terms for a question: concept names count more than the words around them.
    func queryTerms(_ query: StructuredQuery) -> [String: Int] {
        var weights: [String: Int] = [:]
        func add(_ text: String, _ weight: Int) {
            for term in snapshot.analyzer.terms(text, cache: snapshot.stems) { weights[term] = max(weights[term] ?? 0, weight) }
        }
        for mention in query.mentions where !mention.negated {
            switch mention.role {
            case .primary:
                add(mention.text, 3)
                add(mention.concept.name, 3)
                for synonym in mention.concept.synonyms.prefix(5) { add(synonym, 1) }
                // An abbreviation the question did not write counts as a synonym does.
                for abbreviation in mention.concept.abbreviations.prefix(3) { add(abbreviation, mention.text == abbreviation ? 3 : 1) }
            case .key:
                add(mention.text, 3)
                add(mention.concept.name, 2)
                for synonym in mention.concept.synonyms.prefix(3) { add(synonym, 1) }
            case .related, .modifier, .qualifier:
                add(mention.text, 1)
            case .nonMedical:
                add(mention.text, 1)
            }
        }
        for qualifier in query.qualifiers { add(qualifier.text, 1) }
        for word in query.otherWords { add(word, query.isMedical ? 1 : 2) }
        for word in query.intent.searchWords.prefix(2) { add(word, 1) }
        return weights
    }

    /// The search query for the weighted terms (a weight repeats a term, as BM25F counts query frequency).
    func searchQuery(_ weights: [String: Int]) -> SearchQuery {
        var query = SearchQuery()
        for (term, weight) in weights.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<weight { query.should.append(term) }
        }
        return query
    }

    /// The best passages of `tier` for the question, among the documents `limits` accepts.
    func retrieve(_ query: StructuredQuery, tier: Tier, limits: AnswerFilter = AnswerFilter()) throws -> [RetrievedPassage] {
        let weights = queryTerms(query)
        let search = searchQuery(weights)
        guard !search.isEmpty else { return [] }
        let filter = limits.searchFilter(tier: tier)
        var hits = snapshot.search(search, limit: documentsPerTier, filter: filter)
        // Long documents that name the subject (a guideline's one line on it) can rank below
        // short pages that say the question's other words often: search again requiring the
        // subject's rarest word, and add what the first search missed.
        if let primary = query.primary {
            let terms = snapshot.analyzer.terms(primary.text, cache: snapshot.stems)
            if let rarest = terms.min(by: { snapshot.documentFrequency(term: $0) < snapshot.documentFrequency(term: $1) }) {
                var focused = search
                focused.required = [rarest]
                var seen = Set(hits.map(\.key))
                // Practice guidelines first: institute pages outnumber them and would crowd them out.
                // Institute pages get their few places too: a page about exactly the subject is
                // what a consumer question asks for, and guidelines full of its abbreviations
                // ("HF") would crowd it out.
                if tier == .guideline {
                    for (kinds, limit) in [([DocumentKind.practiceGuideline, .guidelineSummary], documentsWithSubject), ([.agencyPage], institutePages)] {
                        guard let byKind = limits.narrowed(filter, to: kinds) else { continue }
                        let found = snapshot.search(focused, limit: limit, filter: byKind).filter { !seen.contains($0.key) }
                        hits += found
                        seen.formUnion(found.map(\.key))
                    }
                }
                hits += snapshot.search(focused, limit: documentsWithSubject, filter: filter).filter { !seen.contains($0.key) }
            }
        }
        guard !hits.isEmpty else { return [] }
        AnswerComposer.logger.trace("\(tier.rawValue) search: \(weights.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")) → \(hits.count) documents")
        let idf = Dictionary(uniqueKeysWithValues: weights.keys.map { ($0, snapshot.inverseDocumentFrequency(term: $0)) })
        let needles = SubjectNeedles(query.primary)
        // A heading that says a phrase of the question's own words ("Rate Control" for "AF rate
        // control") is a section on what was asked, however often other sections name the subject.
        let phrases = query.otherWordPairs
        let ages = AgeBands(question: query.corrected)
        var termsOfWords = WeightedTermMemo()
        let names = ConceptNames(query, analyzer: snapshot.analyzer, stems: snapshot.stems)
        var passages: [RetrievedPassage] = []
        try library.database.read { db in
            for (rank, hit) in hits.enumerated() {
                guard let (document, stored) = try Library.documentWithPassages(rowid: hit.key, in: db) else { continue }
                var scored: [RetrievedPassage] = []
                let titled = needles.mayMatch(document.title ?? "")
                let titleTerms = names.isEmpty ? [] : Set(snapshot.analyzer.terms(document.title ?? "", cache: snapshot.stems))
                for (ordinal, passage) in stored {
                    // A passage that cannot name the subject, in a document not titled with it, is not analysed.
                    let candidate = titled || needles.mayMatch(passage.text) || needles.mayMatch(passage.heading ?? "")
                    let fit = candidate ? passageScore(passage, weights: weights, idf: idf, memo: &termsOfWords) : (score: 0, terms: [])
                    var score = fit.score
                    var headedByPhrase = false
                    if score > 0, let heading = passage.heading, !phrases.isEmpty {
                        let normalizedHeading = IntentCues.normalized(heading)
                        headedByPhrase = phrases.contains(where: { IntentCues.contains(normalizedHeading, cue: $0) })
                        if headedByPhrase { score *= Self.headingPhraseFactor }
                    }
                    // A passage for an age band holding the asked age ("adults 76 years and older")
                    // is about the patient asked of, however long the section it sits in.
                    if score > 0, !ages.asked.isEmpty, ages.verdict(passage.heading ?? "") == .narrow || ages.verdict(String(passage.text.prefix(Self.scoredBytes))) == .narrow {
                        score *= Self.askedAgeFactor
                    }
                    var retrieved = RetrievedPassage(documentRowid: hit.key, document: document, ordinal: ordinal, passage: passage,
                                                     documentRank: rank, passageScore: score)
                    retrieved.namesEveryConcept = score > 0 && names.namesAll(fit.terms.union(titleTerms))
                    retrieved.headedByPhrase = headedByPhrase
                    scored.append(retrieved)
                }
                scored.sort { $0.passageScore != $1.passageScore ? $0.passageScore > $1.passageScore : $0.ordinal < $1.ordinal }
                let kept = Self.keeping(scored, first: passagesPerDocument, more: extraPassagesNamingAll)
                AnswerComposer.logger.trace("  #\(rank) \(document.id) passages kept: \(kept.map { "\($0.ordinal) (\(String(format: "%.2f", $0.passageScore)))\($0.namesEveryConcept ? "*" : "")" }.joined(separator: ", "))")
                passages += kept
            }
        }
        let best = passages.map(\.passageScore).max() ?? 0
        guard best > 0 else { return [] }
        for index in passages.indices { passages[index].passageScore /= best }
        // Rank by passage fit, with the document's rank as a tie-breaker worth a little.
        passages.sort { a, b in
            let left = a.passageScore - 0.02 * Double(a.documentRank), right = b.passageScore - 0.02 * Double(b.documentRank)
            if left != right { return left > right }
            return (a.documentRank, a.ordinal) < (b.documentRank, b.ordinal)
        }
        var kept = Self.keeping(passages, first: passagesPerTier, more: extraPassagesNamingAll)
        var represented = Set(kept.map(\.documentRank))
        for passage in passages.dropFirst(passagesPerTier) where passage.documentRank < documentsAlwaysKept && !represented.contains(passage.documentRank) {
            kept.append(passage)
            represented.insert(passage.documentRank)
        }
        return kept
    }

    /// BM25-style fit of a passage's text and heading to the weighted terms (heading matches
    /// count double: a heading says what its text is about); the words already analysed for
    /// this question are remembered in `memo` (its passages share most of their words).
    func passageScore(_ passage: Passage, weights: [String: Int], idf: [String: Double], memo: inout WeightedTermMemo) -> (score: Double, terms: Set<String>) {
        let analyzer = snapshot.analyzer
        let stems = snapshot.stems
        // The opening of a long passage says what it is about; scoring reads at most its first
        // few thousand bytes (NGC sections run to tens of kilobytes).
        let text = passage.text.utf8.count <= Self.scoredBytes ? passage.text : String(passage.text.prefix(Self.scoredBytes))
        var counts: [String: Double] = [:]
        var length = 0
        func count(_ text: String, as frequency: Double) {
            analyzer.forEachWord(in: text) { word, alphabetic, _ in
                length += 1
                let term = memo.term(of: word) { word in
                    let term = analyzer.term(word, alphabetic: alphabetic, cache: stems)
                    return weights[term] != nil ? term : nil
                }
                if let term { counts[term, default: 0] += frequency }
            }
        }
        count(text, as: 1)
        if let heading = passage.heading { count(heading, as: 2) }
        let norm = 1.2 * (0.25 + 0.75 * Double(length) / 60)
        var score = 0.0
        // Summed in term order: a dictionary's order changes with each process's hash seed, and
        // floating-point sums in another order break ties between passages differently.
        for (term, frequency) in counts.sorted(by: { $0.key < $1.key }) {
            score += Double(weights[term]!) * (idf[term] ?? 0) * frequency / (frequency + norm)
        }
        return (score, Set(counts.keys))
    }
}

/// The question's weighted term each word stands for (nil when it stands for none), remembered
/// while one question's passages are scored.
struct WeightedTermMemo {
    private var terms: [String: String?] = [:]

    /// The term `word` stands for, computed by `analyse` the first time.
    mutating func term(of word: String, _ analyse: (String) -> String?) -> String? {
        if let known = terms[word] { return known }
        let term = analyse(word)
        terms[word] = term
        return term
    }
}

/// The names of the concepts a question requires, as the index's terms: a passage names a
/// concept when it says every term of one of its names.
struct ConceptNames {
    private let concepts: [[Set<String>]]

    init(_ query: StructuredQuery, analyzer: Analyzer, stems: StemCache) {
        let required = query.required.filter { !$0.negated }
        guard required.count > 1 else { concepts = []; return }
        concepts = required.map { mention in
            let names = [mention.text, mention.concept.name] + mention.concept.synonyms.prefix(5) + mention.concept.abbreviations.prefix(3)
            return names.map { Set(analyzer.terms($0, cache: stems)) }.filter { !$0.isEmpty }
        }
    }

    /// True when there is nothing to name.
    var isEmpty: Bool { concepts.isEmpty }

    /// Whether `terms` say one name of every concept.
    func namesAll(_ terms: Set<String>) -> Bool {
        !concepts.isEmpty && concepts.allSatisfy { names in names.contains { $0.isSubset(of: terms) } }
    }
}
