import Foundation

/// Collects concepts, the phrases and abbreviations that name them, and spelling words, and
/// writes them as a ``Lexicon`` file.
struct LexiconBuilder {
    private(set) var concepts: [ConceptRecord] = []
    private var conceptIndex: [String: Int] = [:]
    private var phrases = HashTableBuilder()
    private var abbreviations = HashTableBuilder()
    private var spelling: [String: UInt32] = [:]

    /// Adds a concept (or merges names into the one with the same id) and returns its index.
    @discardableResult
    mutating func add(_ record: ConceptRecord) -> Int {
        if let index = conceptIndex[record.id] {
            for synonym in record.synonyms where !concepts[index].synonyms.contains(synonym) { concepts[index].synonyms.append(synonym) }
            for broader in record.broader where !concepts[index].broader.contains(broader) { concepts[index].broader.append(broader) }
            concepts[index].categories.formUnion(record.categories)
            concepts[index].weight &+= record.weight
            return index
        }
        conceptIndex[record.id] = concepts.count
        concepts.append(record)
        return concepts.count - 1
    }

    /// True when a normalised phrase already names some concept.
    func hasPhrase(_ key: String) -> Bool { phrases.values(of: key) != nil }

    /// True when names added so far use this lower-case word.
    func knowsSpellingWord(_ word: String) -> Bool { spelling[word] != nil }

    /// How many names use this lower-case word.
    func spellingCount(_ word: String) -> UInt32 { spelling[word] ?? 0 }

    /// Number of distinct phrases so far.
    var phraseCount: Int { phrases.count }

    /// The index of the concept with this id.
    func index(of id: String) -> Int? { conceptIndex[id] }

    /// Links a name to a concept; the name is normalised (``LexiconText/key(_:)``).
    mutating func addPhrase(_ name: String, concept: Int, kind: PhraseKind) {
        let key = LexiconText.key(name)
        guard !key.isEmpty, key.utf8.count <= 200 else { return }
        if let existing = phrases.values(of: key) {
            for offset in stride(from: 0, to: existing.count, by: 2) where Int(existing[offset]) == concept { return }
        }
        phrases.append(key, [UInt32(concept), kind.rawValue])
    }

    /// Links an abbreviation, exactly as written, to a concept, with how often it was seen.
    mutating func addAbbreviation(_ surface: String, concept: Int, count: UInt32) {
        abbreviations.append(surface, [UInt32(concept), count])
        // Mixed-case abbreviations ("PrEP", "cUTI") are also found from their lower-case form.
        if surface != surface.uppercased(), surface.lowercased() != surface { lowercaseAbbreviations[surface.lowercased()] = surface }
    }
    private var lowercaseAbbreviations: [String: String] = [:]

    /// Adds the words of a name to the spelling dictionary (lower-case letters, 4+ characters).
    mutating func addSpellingWords(_ name: String) {
        for word in LexiconText.words(name) {
            let lower = word.original.lowercased()
            guard lower.utf8.count >= 4, lower.utf8.count <= 40, lower.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            spelling[lower, default: 0] += 1
        }
    }

    /// Writes the lexicon; `extra` may add sections of its own (the library's model and lists).
    func write(to path: String, metadata: [String: String], extra: (inout SectionFileWriter) -> Void = { _ in }) throws {
        var pool: [UInt8] = []
        var pooled: [String: (UInt32, UInt32)] = [:]
        func intern(_ text: String) -> [UInt32] {
            if let ref = pooled[text] { return [ref.0, ref.1] }
            let ref = (UInt32(pool.count), UInt32(text.utf8.count))
            pool += Array(text.utf8)
            pooled[text] = ref
            return [ref.0, ref.1]
        }
        var ids: [UInt32] = [], names: [UInt32] = [], info: [UInt32] = [], lists: [UInt32] = []
        var synonyms: [UInt32] = [], broader: [UInt32] = []
        var idTable = HashTableBuilder()
        ids.reserveCapacity(concepts.count * 2)
        for (index, concept) in concepts.enumerated() {
            ids += intern(concept.id)
            names += intern(concept.name)
            info += [concept.categories.rawValue, concept.weight]
            lists += [UInt32(synonyms.count / 2), UInt32(concept.synonyms.count), UInt32(broader.count / 2), UInt32(concept.broader.count)]
            for synonym in concept.synonyms { synonyms += intern(synonym) }
            for id in concept.broader { broader += intern(id) }
            idTable.append(concept.id, [UInt32(index)])
        }
        // Narrower concepts, the inverse of the broader lists (within this lexicon).
        var children = [[Int]](repeating: [], count: concepts.count)
        for (index, concept) in concepts.enumerated() {
            for id in concept.broader { if let parent = conceptIndex[id], parent != index { children[parent].append(index) } }
        }
        var narrower: [UInt32] = [], narrowerLists: [UInt32] = []
        narrowerLists.reserveCapacity(concepts.count * 2)
        for list in children {
            narrowerLists += [UInt32(narrower.count / 2), UInt32(list.count)]
            for child in list { narrower += intern(concepts[child].id) }
        }
        // Spelling words sorted by length, then alphabetically, with an index by length.
        let words = spelling.sorted { ($0.key.utf8.count, $0.key) < ($1.key.utf8.count, $1.key) }
        var wordRefs: [UInt32] = []
        var byLength = [UInt32](repeating: 0, count: 43)
        for (word, count) in words {
            wordRefs += intern(word) + [count]
            byLength[word.utf8.count + 1] += 1
        }
        for length in 1..<byLength.count { byLength[length] += byLength[length - 1] }

        var file = SectionFileWriter()
        file.add("strings", pool)
        file.add("c.id", ids)
        file.add("c.name", names)
        file.add("c.info", info)
        file.add("c.lists", lists)
        file.add("c.syn", synonyms)
        file.add("c.br", broader)
        file.add("c.nr", narrower)
        file.add("c.nrl", narrowerLists)
        phrases.write(into: &file, prefix: "p")
        // Every proper word prefix of a phrase, so linking stops extending a span early.
        var prefixes = HashTableBuilder()
        for key in phrases.allKeys where key.contains(" ") {
            var prefix = ""
            for word in key.split(separator: " ").dropLast() {
                prefix += (prefix.isEmpty ? "" : " ") + word
                prefixes.insert(prefix)
            }
        }
        prefixes.write(into: &file, prefix: "pp")
        // One filter over phrases and prefixes: most words of a text start neither.
        file.add("bf", BloomFilter.build(phrases.allKeys + prefixes.allKeys))
        abbreviations.write(into: &file, prefix: "a")
        var mixed = HashTableBuilder()
        var surfaces: [UInt8] = []
        for (lower, surface) in lowercaseAbbreviations.sorted(by: { $0.key < $1.key }) {
            mixed.append(lower, [UInt32(surfaces.count), UInt32(surface.utf8.count)])
            surfaces += Array(surface.utf8)
        }
        mixed.write(into: &file, prefix: "am")
        file.add("am.str", surfaces)
        idTable.write(into: &file, prefix: "i")
        file.add("w.words", wordRefs)
        file.add("w.len", byLength)
        file.add("meta", Array(try JSONEncoder().encode(metadata)))
        extra(&file)
        try file.write(to: path, magic: Lexicon.magic)
    }
}
