import Foundation
import Synchronization

/// A concept as answers use it: resolved across the MeSH lexicon and the library's own.
public struct Concept: Sendable, Hashable, Codable {
    /// `D001764`, `C562687`, or `lib:<normalised name>` for a name only the library uses.
    public var id: String
    /// The preferred name, in reading order ("Systemic Lupus Erythematosus").
    public var name: String
    public var categories: ConceptCategories
    /// Names to search with and to find mentions by (preferred name first).
    public var synonyms: [String]
    /// Abbreviations that stand for it ("MS", "BPH").
    public var abbreviations: [String]
    /// Broader concept ids.
    public var broader: [String]

    /// True when the id is a MeSH descriptor or supplementary concept id.
    public var isMeSH: Bool { Self.isMeSHID(id) }

    static func isMeSHID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first == UInt8(ascii: "D") || first == UInt8(ascii: "C"), id.utf8.count >= 6 else { return false }
        return id.utf8.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// The vocabulary answers link questions with: the MeSH lexicon (descriptors and
/// supplementary concepts, installed once per machine) and the library's own lexicon (its
/// documents' subjects, "also called" names, abbreviations defined in its text). Either may be
/// missing; ``limitations`` then says what is off.
public final class Vocabulary: Sendable {
    public let mesh: Lexicon?
    public let library: Lexicon?
    /// What each phrase looked up so far names and whether longer phrases start with it:
    /// answers look up the same words in thousands of sentences.
    private let phrases = Mutex<[String: PhraseLookup]>([:])
    /// Phrases remembered at most (then forgotten all at once).
    private static let rememberedPhrases = 200_000

    /// What a phrase names, and whether some longer phrase starts with it.
    struct PhraseLookup: Sendable {
        let best: Entry?
        let continues: Bool
        /// For one word: every name of the best concept that reads as it is an acronym ("rid" for RID).
        let namedOnlyByAcronym: Bool
    }

    /// Creates a vocabulary over the lexicons that exist.
    public init(mesh: Lexicon?, library: Lexicon?) {
        self.mesh = mesh
        self.library = library
    }

    /// What is off, in one sentence; nil when both lexicons are present.
    public var limitations: String? {
        switch (mesh, library) {
        case (nil, nil): "no vocabulary: questions are matched by their words only (no synonyms, abbreviations or spelling correction)"
        case (nil, _): "no MeSH vocabulary: concepts come from this library's own titles and abbreviations only (see `evident resources`)"
        case (_, nil): "this library has no vocabulary of its own yet (run `evident index`): its titles and abbreviations are not used"
        default: nil
        }
    }

    /// One place a concept is named in a text.
    public struct Mention: Sendable {
        public var concept: Concept
        /// Word positions (into the words the text was cut into).
        public var words: Range<Int>
        /// The words as written.
        public var text: String
        /// True when it was found as an abbreviation ("MS", "uti").
        public var byAbbreviation: Bool
    }

    /// A concept by lexicon and index: a MeSH concept with the names the library adds to it
    /// (its abbreviations, "also called" names), or a library concept.
    private func resolve(_ lexicon: Lexicon, _ index: Int) -> Concept {
        let record = lexicon.record(index)
        var base = record
        if Concept.isMeSHID(record.id), lexicon !== mesh, let mesh, let meshIndex = mesh.concept(id: record.id) {
            base = mesh.record(meshIndex)
        }
        var concept = Self.concept(base)
        if Concept.isMeSHID(record.id), let library, let libraryIndex = library.concept(id: record.id) {
            for synonym in library.record(libraryIndex).synonyms where !concept.synonyms.contains(where: { $0.caseInsensitiveCompare(synonym) == .orderedSame }) {
                concept.synonyms.append(synonym)
            }
        }
        concept.abbreviations = concept.synonyms.filter { MeSHTables.isAbbreviation($0) }
        concept.synonyms.removeAll { MeSHTables.isAbbreviation($0) }
        return concept
    }

    private static func concept(_ record: ConceptRecord) -> Concept {
        Concept(id: record.id, name: record.name, categories: record.categories, synonyms: record.synonyms, abbreviations: [], broader: record.broader)
    }

    /// The concept a whole phrase names ("pinworm infection": Enterobiasis), if any.
    func concept(named phrase: String) -> Concept? {
        lookUp(phrase: LexiconText.key(phrase)).best.flatMap { concept(id: $0.lexicon.id($0.index)) }
    }

    /// The concept with this id, if either lexicon has it.
    public func concept(id: String) -> Concept? {
        if let library, let index = library.concept(id: id) { return resolve(library, index) }
        if let mesh, let index = mesh.concept(id: id) { return resolve(mesh, index) }
        return nil
    }

    /// A concept found in a lexicon, not yet resolved into a ``Concept``.
    struct Entry: Sendable {
        let lexicon: Lexicon
        let index: Int
        let rank: Double
    }

    /// The best concept a normalised phrase names, if any, and how strongly it names it.
    func bestConcept(forPhrase key: String) -> (concept: Concept, rank: Double)? {
        bestEntry(forPhrase: key).map { (resolve($0.lexicon, $0.index), $0.rank) }
    }

    /// ``bestConcept(forPhrase:)`` without resolving the concept.
    func bestEntry(forPhrase key: String) -> Entry? {
        var best: Entry?
        for lexicon in [library, mesh].compactMap({ $0 }) {
            for (index, kind) in lexicon.concepts(forPhrase: key) {
                let categories = lexicon.categories(index)
                var rank = kind.contains(.preferred) ? 5.0 : kind.contains(.title) ? 4 : kind.contains(.alsoCalled) ? 3 : kind.contains(.longForm) ? 2 : 1
                if categories.isMedical { rank += 2 }
                if categories.contains(.descriptor) { rank += 1 }
                rank += log(Double(lexicon.weight(index)) + 1) * 0.1
                if best == nil || rank > best!.rank { best = Entry(lexicon: lexicon, index: index, rank: rank) }
            }
        }
        return best
    }

    /// ``bestEntry(forPhrase:)`` and whether a longer phrase continues the key, remembered.
    func lookUp(phrase key: String) -> PhraseLookup {
        if let known = phrases.withLock({ $0[key] }) { return known }
        let best = bestEntry(forPhrase: key)
        let oneWord = !key.utf8.contains(UInt8(ascii: " "))
        let lookup = PhraseLookup(best: best, continues: (library?.isPhrasePrefix(key) ?? false) || (mesh?.isPhrasePrefix(key) ?? false),
                                  namedOnlyByAcronym: oneWord && best.map { Self.isNamedOnlyByAcronym($0, key: key) } ?? false)
        phrases.withLock { known in
            if known.count >= Self.rememberedPhrases { known.removeAll(keepingCapacity: true) }
            known[key] = lookup
        }
        return lookup
    }

    /// True when either lexicon has this normalised phrase.
    func hasPhrase(_ key: String) -> Bool {
        (library?.hasPhrase(key) ?? false) || (mesh?.hasPhrase(key) ?? false)
    }

    /// The concept an abbreviation as written stands for: the expansion the library defines
    /// most often, else MeSH's.
    func concept(forAbbreviation surface: String) -> Concept? {
        abbreviationEntry(surface).map { resolve($0.lexicon, $0.index) }
    }

    /// ``concept(forAbbreviation:)`` without resolving the concept.
    /// (Linking runs it for every capitalised word of the evidence: the best is kept as found,
    /// nothing is collected or sorted.)
    func abbreviationEntry(_ surface: String, minimumLibraryCount: UInt32 = 1) -> Entry? {
        var best: Entry?
        forEachAbbreviationEntry(surface, minimumLibraryCount: minimumLibraryCount) { entry in
            if best == nil || entry.rank > best!.rank { best = entry }
        }
        return best
    }

    /// Every concept an abbreviation as written may stand for, the likeliest first (the order
    /// ``concept(forAbbreviation:)`` chooses by), one per concept.
    public func concepts(forAbbreviation surface: String) -> [Concept] {
        var seen = Set<String>()
        return abbreviationEntries(surface, minimumLibraryCount: 1).map { resolve($0.lexicon, $0.index) }.filter { seen.insert($0.id).inserted }
    }

    /// The entries of ``concepts(forAbbreviation:)``, ranked.
    func abbreviationEntries(_ surface: String, minimumLibraryCount: UInt32) -> [Entry] {
        var entries: [Entry] = []
        forEachAbbreviationEntry(surface, minimumLibraryCount: minimumLibraryCount) { entries.append($0) }
        // Best first; among equals the first found (the library before MeSH), as ``abbreviationEntry(_:minimumLibraryCount:)`` keeps.
        return entries.enumerated().sorted { $0.element.rank != $1.element.rank ? $0.element.rank > $1.element.rank : $0.offset < $1.offset }.map(\.element)
    }

    /// Each concept an abbreviation may stand for, scored, in lexicon order.
    private func forEachAbbreviationEntry(_ surface: String, minimumLibraryCount: UInt32, _ body: (Entry) -> Void) {
        let mined = library?.concepts(forAbbreviation: surface).filter { $0.count >= minimumLibraryCount } ?? []
        // MeSH alone is trusted only for longer abbreviations of descriptors: "GP" or "ACC" mean
        // too many things, and a supplementary concept's abbreviation is usually a chemical's.
        let meshAllowed = mined.isEmpty ? (surface.utf8.count > 3 && minimumLibraryCount <= 1) : true
        for lexicon in [library, meshAllowed ? mesh : nil].compactMap({ $0 }) {
            for (index, count) in lexicon.concepts(forAbbreviation: surface) {
                if lexicon === library && count < minimumLibraryCount { continue }
                if lexicon === mesh && !lexicon.categories(index).contains(.descriptor) { continue }
                let categories = lexicon.categories(index)
                // A clinical expansion (a disease, drug, procedure) outweighs an organisation's or a word's.
                let clinical = !categories.isDisjoint(with: [.disease, .chemical, .procedure, .psychology, .organism, .anatomy])
                let score = Double(count) * (clinical ? 1 : 0.1) + (categories.isMedical ? 0.5 : 0) + (categories.contains(.descriptor) ? 0.25 : 0)
                body(Entry(lexicon: lexicon, index: index, rank: score))
            }
        }
    }

    /// A concept named in a text, identified without resolving its names (cheap: for checks
    /// that need only what kind of thing it is).
    public struct Sighting: Sendable {
        public var id: String
        public var categories: ConceptCategories
        public var words: Range<Int>
        /// Where the concept was found, for ``Vocabulary/broader(of:)``.
        let lexicon: Lexicon
        let index: Int
    }

    /// The names of a disease's broader forms that name it by the same head word with another
    /// modifier: "colorectal cancer" for Colonic Neoplasms (guidelines screen for colorectal
    /// cancer, not colon cancer). Broader groupings under another word ("Colonic Diseases",
    /// "Dystonia" for Blepharospasm) are not the disease, nor is its own name cut short
    /// ("Diabetes Mellitus" for Type 1 Diabetes Mellitus), and a one-word form ("Pneumonia") is
    /// too broad to stand for it. MeSH's tree only: a library name's broader concept is where it
    /// was found (GOLD's is COPD), not a form of it.
    public func broaderFormNames(of concept: Concept) -> [String] {
        let own = Set(concept.name.lowercased().split(separator: " "))
        guard concept.isMeSH, concept.categories.contains(.disease), let head = concept.name.split(separator: " ").last?.lowercased() else { return [] }
        return concept.broader.compactMap { self.concept(id: $0) }.filter { broader in
            let words = broader.name.lowercased().split(separator: " ")
            // Another modifier, not the disease's own name cut short ("Diabetes Mellitus" for
            // Type 1 Diabetes Mellitus would let type 2 lines speak for type 1).
            return words.count >= 2 && words.last.map(String.init) == head && !words.allSatisfy { own.contains($0) } && broader.categories.contains(.disease)
        }.flatMap(\.synonyms)
    }

    /// The broader concept ids of a sighting's concept (MeSH's, for a MeSH id the library also names).
    public func broader(of sighting: Sighting) -> [String] {
        if sighting.lexicon !== mesh, Concept.isMeSHID(sighting.id), let mesh, let meshIndex = mesh.concept(id: sighting.id) {
            return mesh.broader(meshIndex)
        }
        return sighting.lexicon.broader(sighting.index)
    }

    /// The names (preferred name and synonyms) of the MeSH descriptors under `id`, to `depth`
    /// levels ("pre-eclampsia", "eclampsia", "HELLP syndrome" under pregnancy-induced hypertension).
    public func narrowerNames(of id: String, depth: Int = 2) -> [String] {
        guard let mesh, let root = mesh.concept(id: id) else { return [] }
        var names: [String] = [], level = [root], seen: Set<Int> = [root]
        for _ in 0..<depth {
            level = level.flatMap { mesh.narrower($0) }.compactMap { mesh.concept(id: $0) }.filter { seen.insert($0).inserted }
            names += level.flatMap { mesh.names($0) }
        }
        return names
    }

    /// MeSH's "Signs and Symptoms" (C23.888).
    static let signsAndSymptoms = "D012816"

    /// True when MeSH files `concept` under "Signs and Symptoms" (vomiting, seizures, headache):
    /// a manifestation, which a message may name beside the condition that causes it.
    public func isSignOrSymptom(_ concept: Concept) -> Bool {
        // Signs sit at most a few levels under it (Seizures › Neurologic Manifestations › Signs and Symptoms).
        isFiled(concept, under: Self.signsAndSymptoms, levels: 4, throughLibraryNames: false)
    }

    /// MeSH's "Pregnancy Complications" (C12.050.703).
    static let pregnancyComplications = "D011248"

    /// True when MeSH files `concept` under "Pregnancy Complications" (preterm labour,
    /// pre-eclampsia, gestational diabetes): a question about it is about pregnancy.
    public func isPregnancyCondition(_ concept: Concept) -> Bool {
        concept.id == Self.pregnancyComplications || isFiled(concept, under: Self.pregnancyComplications, levels: 5, throughLibraryNames: true)
    }

    /// True when MeSH files a procedure under "Diagnostic Techniques and Procedures" (a lumbar
    /// puncture, an MRI, an endoscopy: a test, whatever else it may be used for); a library
    /// name through the MeSH concepts it contains ("CT pulmonary angiography").
    public func isDiagnosticProcedure(_ concept: Concept) -> Bool {
        concept.categories.contains(.procedure) && isFiled(concept, under: Self.diagnosticTechniques, levels: 6, throughLibraryNames: true)
    }

    /// MeSH's "Diagnostic Techniques and Procedures" (E01.370).
    static let diagnosticTechniques = "D019937"

    /// True when MeSH files `concept` under `ancestor`, at most `levels` levels up; a library
    /// name ("preterm labour at 30 weeks") through the MeSH concepts it contains, when asked.
    func isFiled(_ concept: Concept, under ancestor: String, levels: Int, throughLibraryNames: Bool) -> Bool {
        guard let mesh else { return false }
        let roots: [Int]
        if let own = mesh.concept(id: concept.id) {
            roots = [own]
        } else {
            guard throughLibraryNames else { return false }
            if concept.broader.contains(ancestor) { return true }
            roots = concept.broader.compactMap { mesh.concept(id: $0) }
        }
        var level = roots, seen = Set(roots)
        for _ in 0..<levels where !level.isEmpty {
            let ids = level.flatMap { mesh.broader($0) }
            if ids.contains(ancestor) { return true }
            level = ids.compactMap { mesh.concept(id: $0) }.filter { seen.insert($0).inserted }
        }
        return false
    }

    /// The concepts named in `words`, as ``link(_:linkable:lowercaseAbbreviations:)`` finds them,
    /// without resolving their names.
    public func sightings(_ words: [LexiconText.Word], linkable: (String) -> Bool) -> [Sighting] {
        spans(words, linkable: linkable, lowercaseAbbreviations: false).map { span in
            Sighting(id: span.entry.lexicon.id(span.entry.index), categories: span.entry.lexicon.categories(span.entry.index), words: span.words,
                     lexicon: span.entry.lexicon, index: span.entry.index)
        }
    }

    /// Longest phrases this vocabulary links (in words).
    static let longestPhrase = 12

    /// The concepts named in `words`: non-overlapping spans chosen to cover the most words (so a
    /// longer name always beats a shorter one inside it), left to right.
    ///
    /// - Parameters:
    ///   - words: the text's words (``LexiconText/words(_:)``).
    ///   - linkable: whether a single word may name a concept on its own (question words and
    ///     other filler may not).
    ///   - lowercaseAbbreviations: whether a lower-case token may be read as an abbreviation
    ///     ("uti", "copd") when it is not itself a word the vocabulary knows.
    public func link(_ words: [LexiconText.Word], linkable: (String) -> Bool, lowercaseAbbreviations: Bool) -> [Mention] {
        spans(words, linkable: linkable, lowercaseAbbreviations: lowercaseAbbreviations).map { span in
            let text = String(words[span.words.lowerBound].original.base[words[span.words.lowerBound].range.lowerBound..<words[span.words.upperBound - 1].range.upperBound])
            return Mention(concept: resolve(span.entry.lexicon, span.entry.index), words: span.words, text: text, byAbbreviation: span.byAbbreviation)
        }
    }

    /// The chosen spans of ``link(_:linkable:lowercaseAbbreviations:)``, unresolved.
    private func spans(_ words: [LexiconText.Word], linkable: (String) -> Bool, lowercaseAbbreviations: Bool) -> [(entry: Entry, words: Range<Int>, byAbbreviation: Bool)] {
        let count = words.count
        guard count > 0 else { return [] }
        // Every span that names a concept (resolved into concepts only once chosen).
        var spans: [[(length: Int, entry: Entry, byAbbreviation: Bool)]] = Array(repeating: [], count: count)
        for start in 0..<count {
            var key = ""
            var acronymOnly = false
            for length in 1...min(Self.longestPhrase, count - start) {
                key += (length == 1 ? "" : " ") + words[start + length - 1].key
                if length == 1 && !linkable(words[start].key) { continue }
                // An acronym as written ("GOLD", "CAP") is read only as an abbreviation.
                if length == 1 && MeSHTables.isAbbreviation(String(words[start].original)) { continue }
                let lookup = lookUp(phrase: key)
                if let entry = lookup.best {
                    // A word written in lower case that only an acronym spells ("rid" for RID) is
                    // read as an abbreviation below, if at all: as a word it is usually a word.
                    if length == 1 && words[start].original == words[start].original.lowercased() && lookup.namedOnlyByAcronym {
                        acronymOnly = true
                    } else {
                        spans[start].append((length, entry, false))
                    }
                }
                // Stop once no phrase continues these words.
                if !lookup.continues { break }
            }
            let surface = String(words[start].original)
            var abbreviation: Entry?
            if MeSHTables.isAbbreviation(surface) {
                abbreviation = abbreviationEntry(surface)
            } else if lowercaseAbbreviations, surface == surface.lowercased(), (2...6).contains(surface.utf8.count),
                      linkable(words[start].key), !Self.lookalikeWords.contains(surface), acronymOnly || !hasPhrase(words[start].key) {
                abbreviation = abbreviationEntry(surface.uppercased(), minimumLibraryCount: 3) ?? library?.mixedCaseAbbreviation(surface).flatMap { abbreviationEntry($0, minimumLibraryCount: 3) }
            }
            if let abbreviation, !spans[start].contains(where: { $0.length == 1 }) {
                spans[start].append((1, abbreviation, true))
            }
        }
        // Dynamic programming from the end: most words covered, then fewest spans.
        var best = [(covered: Int, spans: Int, choice: Int)](repeating: (0, 0, -1), count: count + 1)
        for start in stride(from: count - 1, through: 0, by: -1) {
            best[start] = (best[start + 1].covered, best[start + 1].spans, -1)
            for (index, span) in spans[start].enumerated() {
                let next = best[start + span.length]
                let candidate = (next.covered + span.length, next.spans + 1, index)
                if candidate.0 > best[start].covered || (candidate.0 == best[start].covered && candidate.1 < best[start].spans) {
                    best[start] = candidate
                }
            }
        }
        var chosen: [(entry: Entry, words: Range<Int>, byAbbreviation: Bool)] = []
        var position = 0
        while position < count {
            let choice = best[position].choice
            if choice < 0 { position += 1; continue }
            let span = spans[position][choice]
            chosen.append((span.entry, position..<(position + span.length), span.byAbbreviation))
            position += span.length
        }
        return chosen
    }

    /// True when every name of the entry's concept that reads as `key` is an acronym ("RID").
    private static func isNamedOnlyByAcronym(_ entry: Entry, key: String) -> Bool {
        var matched = false
        for name in entry.lexicon.names(entry.index) where LexiconText.key(name) == key {
            guard MeSHTables.isAbbreviation(name) else { return false }
            matched = true
        }
        return matched
    }

    /// Lower-case words that are also abbreviations but far more often plain words.
    static let lookalikeWords: Set<String> = [
        "aids", "all", "am", "an", "as", "at", "be", "by", "can", "cat", "do", "go", "he", "hi", "id", "if", "in", "is", "it",
        "me", "my", "no", "of", "ok", "on", "or", "so", "to", "up", "us", "we", "art", "arm", "ear", "leg", "lip", "man", "men",
        "map", "mad", "sad", "fit", "pet", "car", "bad", "bed", "bid", "cold", "care", "mass", "dry", "age", "tea", "gas", "sob",
        "hip", "eye", "toe", "gum", "fat", "low", "high", "less", "ill", "oral", "iv", "ii", "iii", "im", "sc",
    ]
}
