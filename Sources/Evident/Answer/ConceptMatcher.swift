/// Finds the question's concepts in evidence text: any of a concept's names as a run of
/// normalised words, or one of its abbreviations exactly as written ("BPH", "MS").
struct ConceptMatcher {
    /// Names by their first word key: (concept number, the name's word keys).
    private var byFirstWord: [String: [(concept: Int, words: [String])]] = [:]
    /// Names written without their spaces ("nacetylcysteine", "preeclampsia") → concept numbers,
    /// so "N-acetyl cysteine" and "pre-eclampsia" meet "N-Acetylcysteine" and "Preeclampsia".
    private var joinedNames: [String: [Int]] = [:]
    /// The first four letters of the joined names: a cheap test before words are joined.
    private var joinedStarts: Set<Substring> = []
    /// Abbreviations as written → concept numbers.
    private var abbreviations: [String: [Int]] = [:]
    /// The concepts, in the order given.
    let ids: [String]
    /// Per concept: the distinctive words of its names.
    private var nameWords: [Set<String>] = []
    /// Diseases among the concepts: their names inside another disease's name do not count.
    private let diseases: Set<Int>
    /// The vocabulary that knows the longer names ("Q fever" around "fever").
    private let vocabulary: Vocabulary?
    /// Per concept: its id, and for a library name the MeSH concepts it names.
    private let sameAs: [Set<String>]
    /// Per concept: how MeSH begins the name of a form of it ("diabetes insipidus," of
    /// "Diabetes Insipidus, Nephrogenic"), wherever its tree files the form.
    private let formPrefixes: [String]

    /// A matcher for `concepts` (numbered by their position), with extra names per concept
    /// (the question's own words for it). With a vocabulary, a disease's name inside the name of
    /// another disease ("fever" in "Q fever", "stroke" in "heat stroke") is not a mention of it;
    /// inside the name of a narrower form ("gestational diabetes") it is.
    init(_ concepts: [(concept: Concept, extraNames: [String])], vocabulary: Vocabulary? = nil) {
        ids = concepts.map(\.concept.id)
        self.vocabulary = vocabulary
        diseases = Set(concepts.indices.filter { concepts[$0].concept.categories.contains(.disease) })
        // A library's name for a disease stands for the MeSH concepts it names.
        sameAs = concepts.map { Set([$0.concept.id] + ($0.concept.isMeSH ? [] : $0.concept.broader)) }
        formPrefixes = concepts.map { $0.concept.name.lowercased() + "," }
        nameWords = Array(repeating: [], count: concepts.count)
        for (number, entry) in concepts.enumerated() {
            var names = [entry.concept.name] + entry.concept.synonyms + entry.extraNames
            names = names.filter { !MeSHTables.isAbbreviation($0) }
            for name in names {
                let words = LexiconText.words(name).map(\.key)
                nameWords[number].formUnion(words.filter(Self.isDistinctive))
                guard let first = words.first, !(words.count == 1 && QuestionWords.isFiller(first)) else { continue }
                if !(byFirstWord[first]?.contains { $0.concept == number && $0.words == words } ?? false) {
                    byFirstWord[first, default: []].append((number, words))
                }
                let joined = words.joined()
                if joined.utf8.count >= Self.shortestJoinedName, !(joinedNames[joined]?.contains(number) ?? false) {
                    joinedNames[joined, default: []].append(number)
                    joinedStarts.insert(joined.prefix(4))
                }
            }
            for abbreviation in entry.concept.abbreviations + entry.extraNames.filter(MeSHTables.isAbbreviation) {
                abbreviations[abbreviation, default: []].append(number)
            }
        }
    }

    /// The concept numbers named in a text cut into words.
    func concepts(in words: [LexiconText.Word]) -> Set<Int> {
        Set(positions(in: words).keys)
    }

    /// The abbreviations of the concepts that a source defines as something else ("hemodialysis
    /// (HD)" in an abstract, for a question on Huntington disease): there they name that.
    func abbreviationsDefinedOtherwise(in text: String) -> Set<String> {
        guard !abbreviations.isEmpty, abbreviations.keys.contains(where: { text.containsBytes("(" + $0) }) else { return [] }
        var redefined = Set<String>()
        for definition in AbbreviationMiner.definitions(in: text) {
            guard let numbers = abbreviations[definition.short] else { continue }
            // The same thing in other words ("low-dose computed tomography (LDCT)" for "low-dose
            // CT") shares a distinctive word with one of the concept's names.
            let longWords = Set(LexiconText.words(definition.long).map(\.key).filter(Self.isDistinctive))
            if numbers.allSatisfy({ nameWords[$0].isDisjoint(with: longWords) }) { redefined.insert(definition.short) }
        }
        return redefined
    }

    /// Joined names shorter than this are not matched across spaces (two short words joined
    /// make too many accidental names).
    static let shortestJoinedName = 8

    /// Words a name may be split into in text ("N-acetyl cysteine": three).
    static let joinedWordsAtMost = 3

    /// Words too general to tell two names apart ("disease", "syndrome").
    static let generalWords: Set<String> = ["disease", "diseases", "syndrome", "disorder", "disorders", "infection", "infections",
                                            "chronic", "acute", "type", "primary", "secondary", "severe", "with", "from", "and"]

    /// True when a word may tell one name from another: four letters or more and not general.
    static func isDistinctive(_ key: String) -> Bool { key.utf8.count >= 4 && !generalWords.contains(key) }

    /// Each concept named in a text cut into words, with the word position of its first mention;
    /// abbreviations in `ignoring` (defined as something else by the source) name none.
    func positions(in words: [LexiconText.Word], ignoring redefined: Set<String> = []) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for (index, word) in words.enumerated() {
            if let names = byFirstWord[word.key] {
                for (concept, name) in names where found[concept] == nil && index + name.count <= words.count {
                    var matched = true
                    for offset in 1..<name.count where words[index + offset].key != name[offset] { matched = false; break }
                    if matched && !isInsideAnotherDisease(concept, words, index..<(index + name.count)) { found[concept] = index }
                }
            }
            // The same name with its words split differently ("acetyl cysteine").
            if !joinedNames.isEmpty, index + 1 < words.count {
                var joined = word.key + words[index + 1].key
                if joinedStarts.contains(joined.prefix(4)) {
                    for end in (index + 1)..<min(words.count, index + Self.joinedWordsAtMost) {
                        if end > index + 1 { joined += words[end].key }
                        guard let numbers = joinedNames[joined] else { continue }
                        for number in numbers where found[number] == nil { found[number] = index }
                    }
                }
            }
            if !abbreviations.isEmpty, let numbers = abbreviations[String(word.original)], redefined.isEmpty || !redefined.contains(String(word.original)) {
                for number in numbers where found[number] == nil { found[number] = index }
            }
        }
        return found
    }

    /// True when the words around a disease's name make the name of another disease that is
    /// not a narrower form of it.
    private func isInsideAnotherDisease(_ concept: Int, _ words: [LexiconText.Word], _ span: Range<Int>) -> Bool {
        guard let vocabulary, diseases.contains(concept) else { return false }
        // Up to two words on either side ("Marburg hemorrhagic fever").
        var longer: [String] = []
        for before in 0...min(Self.wordsAroundAtMost, span.lowerBound) {
            for after in 0...min(Self.wordsAroundAtMost, words.count - span.upperBound) where before + after > 0 {
                longer.append(words[(span.lowerBound - before)..<(span.upperBound + after)].map(\.key).joined(separator: " "))
            }
        }
        // A short text that is as a whole another disease's name (an institute page's title:
        // "Periodic fever, aphthous stomatitis, pharyngitis and adenitis").
        if words.count <= Self.wordsOfANameAtMost, words.count > span.count + Self.wordsAroundAtMost {
            longer.append(words.map(\.key).joined(separator: " "))
        }
        for phrase in longer {
            guard let entry = vocabulary.lookUp(phrase: phrase).best, entry.lexicon.categories(entry.index).contains(.disease) else { continue }
            let id = entry.lexicon.id(entry.index)
            // A library's name stands for the MeSH concepts it names ("nephrogenic diabetes
            // insipidus" for Diabetes Insipidus, Nephrogenic); with none it is the library's own
            // name for the subject ("benign essential blepharospasm").
            let meshIDs = Concept.isMeSHID(id) ? [id] : entry.lexicon.broader(entry.index)
            guard !meshIDs.isEmpty else { continue }
            func isFormOfSubject(_ meshID: String) -> Bool {
                if sameAs[concept].contains(meshID) { return true }
                guard let mesh = vocabulary.mesh, let index = mesh.concept(id: meshID) else { return true }
                return !sameAs[concept].isDisjoint(with: mesh.broader(index)) || mesh.name(index).lowercased().hasPrefix(formPrefixes[concept])
            }
            // A library name of several diseases ("periodic fever, aphthous stomatitis,
            // pharyngitis and adenitis") is a syndrome of its own, not a form of one of them.
            let diseaseIDs = Concept.isMeSHID(id) ? meshIDs : meshIDs.filter { meshID in
                guard let mesh = vocabulary.mesh, let index = mesh.concept(id: meshID) else { return false }
                return mesh.categories(index).contains(.disease)
            }
            let isForm = diseaseIDs.count > 1 ? diseaseIDs.allSatisfy(isFormOfSubject) : meshIDs.contains(where: isFormOfSubject)
            if !isForm { return true }
        }
        return false
    }

    /// Words around a disease's name that may make the name of another disease.
    static let wordsAroundAtMost = 2
    /// Texts of at most this many words are looked up whole as a disease's name.
    static let wordsOfANameAtMost = 12

    /// The concept numbers named in `text`.
    func concepts<S: StringProtocol>(in text: S) -> Set<Int> {
        concepts(in: LexiconText.words(String(text)))
    }
}
