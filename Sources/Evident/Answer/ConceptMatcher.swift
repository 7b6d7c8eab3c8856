/// Finds the question's concepts in evidence text: any of a concept's names as a run of
/// normalised words, or one of its abbreviations exactly as written ("BPH", "MS").
struct ConceptMatcher {
    /// Names by their first word key: (concept number, the name's word keys).
    private var byFirstWord: [String: [(concept: Int, words: [String])]] = [:]
    /// Abbreviations as written → concept numbers.
    private var abbreviations: [String: [Int]] = [:]
    /// The concepts, in the order given.
    let ids: [String]

    /// A matcher for `concepts` (numbered by their position), with extra names per concept
    /// (the question's own words for it).
    init(_ concepts: [(concept: Concept, extraNames: [String])]) {
        ids = concepts.map(\.concept.id)
        for (number, entry) in concepts.enumerated() {
            var names = [entry.concept.name] + entry.concept.synonyms + entry.extraNames
            names = names.filter { !MeSHTables.isAbbreviation($0) }
            for name in names {
                let words = LexiconText.words(name).map(\.key)
                guard let first = words.first, !(words.count == 1 && QuestionWords.isFiller(first)) else { continue }
                if !(byFirstWord[first]?.contains { $0.concept == number && $0.words == words } ?? false) {
                    byFirstWord[first, default: []].append((number, words))
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

    /// Each concept named in a text cut into words, with the word position of its first mention.
    func positions(in words: [LexiconText.Word]) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for (index, word) in words.enumerated() {
            if let names = byFirstWord[word.key] {
                for (concept, name) in names where found[concept] == nil && index + name.count <= words.count {
                    var matched = true
                    for offset in 1..<name.count where words[index + offset].key != name[offset] { matched = false; break }
                    if matched { found[concept] = index }
                }
            }
            if !abbreviations.isEmpty, let numbers = abbreviations[String(word.original)] {
                for number in numbers where found[number] == nil { found[number] = index }
            }
        }
        return found
    }

    /// The concept numbers named in `text`.
    func concepts<S: StringProtocol>(in text: S) -> Set<Int> {
        concepts(in: LexiconText.words(String(text)))
    }
}
