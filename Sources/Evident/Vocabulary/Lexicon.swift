import Foundation

/// One concept of a lexicon: a MeSH descriptor, a MeSH supplementary concept, or a name the
/// library itself uses (an institute page's subject, a guideline's condition).
public struct ConceptRecord: Sendable, Hashable {
    /// `D001764` (descriptor), `C562687` (supplementary concept), or `lib:<normalised name>`.
    public var id: String
    /// The preferred name ("Blepharospasm").
    public var name: String
    public var categories: ConceptCategories
    /// Names that search and mention-finding may use: the preferred name first, then entry
    /// terms and other names (no inverted forms such as "Sclerosis, Multiple").
    public var synonyms: [String]
    /// Ids of broader concepts (a supplementary concept's descriptors; the MeSH concept a
    /// library name contains).
    public var broader: [String]
    /// How much the library uses it (documents titled with it, abbreviation definitions seen).
    public var weight: UInt32

    /// Creates a record.
    public init(id: String, name: String, categories: ConceptCategories, synonyms: [String] = [], broader: [String] = [], weight: UInt32 = 0) {
        self.id = id
        self.name = name
        self.categories = categories
        self.synonyms = synonyms
        self.broader = broader
        self.weight = weight
    }
}

/// How a phrase names its concept (stored with each phrase → concept link).
public struct PhraseKind: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    /// Creates a kind from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// The concept's preferred name.
    public static let preferred = Self(rawValue: 1)
    /// A MeSH entry term or supplementary synonym.
    public static let entry = Self(rawValue: 2)
    /// The title or subject of library documents.
    public static let title = Self(rawValue: 4)
    /// A name a page gives as "also called" / "also known as".
    public static let alsoCalled = Self(rawValue: 8)
    /// The long form of an abbreviation defined in the library's text.
    public static let longForm = Self(rawValue: 16)
}

/// A compiled, memory-mapped vocabulary: concepts, normalised phrases that name them,
/// case-sensitive abbreviations, and the words spelling correction may suggest. Built once
/// (``LexiconBuilder``) and opened in constant time by every `evident ask`.
public final class Lexicon: @unchecked Sendable {
    /// The file's magic number ("EVLEX005").
    static let magic: UInt64 = 0x3530_3058_454C_5645
    let file: MappedSectionFile
    private let strings: UnsafeRawBufferPointer
    private let conceptIDs: UnsafeBufferPointer<UInt32>
    private let conceptNames: UnsafeBufferPointer<UInt32>
    /// Per concept: categories, weight.
    private let conceptInfo: UnsafeBufferPointer<UInt32>
    /// Per concept: synonyms start and count, broader start and count.
    private let conceptLists: UnsafeBufferPointer<UInt32>
    private let synonymRefs: UnsafeBufferPointer<UInt32>
    private let broaderRefs: UnsafeBufferPointer<UInt32>
    private let phrases: MappedHashTable
    private let phrasePrefixes: MappedHashTable
    private let phraseFilter: UnsafeBufferPointer<UInt64>
    private let abbreviations: MappedHashTable
    private let ids: MappedHashTable
    private let spellingWords: UnsafeBufferPointer<UInt32>
    private let spellingByLength: UnsafeBufferPointer<UInt32>
    /// What the lexicon was built from (source files, counts), as written by its builder.
    public let metadata: [String: String]

    /// Opens the lexicon file at `path`.
    public init(path: String) throws {
        file = try MappedSectionFile(path: path, magic: Self.magic)
        strings = file.bytes("strings")
        conceptIDs = file.integers("c.id")
        conceptNames = file.integers("c.name")
        conceptInfo = file.integers("c.info")
        synonymRefs = file.integers("c.syn")
        broaderRefs = file.integers("c.br")
        phrases = MappedHashTable(file, prefix: "p")
        phrasePrefixes = MappedHashTable(file, prefix: "pp")
        phraseFilter = file.wideIntegers("bf")
        abbreviations = MappedHashTable(file, prefix: "a")
        ids = MappedHashTable(file, prefix: "i")
        spellingWords = file.integers("w.words")
        spellingByLength = file.integers("w.len")
        let meta = file.bytes("meta")
        metadata = (try? JSONDecoder().decode([String: String].self, from: Data(meta))) ?? [:]
        conceptLists = file.integers("c.lists")
        guard conceptNames.count == conceptIDs.count, conceptInfo.count == conceptIDs.count, conceptLists.count == conceptIDs.count * 2 else {
            throw EvidentError("\(path): damaged vocabulary (concept tables disagree); rebuild it")
        }
    }

    /// The path the lexicon was opened from.
    public var path: String { file.path }

    /// Number of concepts.
    public var conceptCount: Int { conceptIDs.count / 2 }

    /// Number of distinct phrases.
    public var phraseCount: Int { phrases.count }

    private func string(_ refs: UnsafeBufferPointer<UInt32>, _ index: Int) -> String {
        let offset = Int(refs[index * 2]), length = Int(refs[index * 2 + 1])
        guard offset + length <= strings.count else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: strings[offset..<(offset + length)]), as: UTF8.self)
    }

    /// The concept's id.
    public func id(_ concept: Int) -> String { string(conceptIDs, concept) }

    /// The concept's preferred name.
    public func name(_ concept: Int) -> String { string(conceptNames, concept) }

    /// The concept's categories.
    public func categories(_ concept: Int) -> ConceptCategories { ConceptCategories(rawValue: conceptInfo[concept * 2]) }

    /// The concept's weight (library usage).
    public func weight(_ concept: Int) -> UInt32 { conceptInfo[concept * 2 + 1] }

    /// The whole record of a concept.
    public func record(_ concept: Int) -> ConceptRecord {
        let synonymStart = Int(conceptLists[concept * 4]), synonymCount = Int(conceptLists[concept * 4 + 1])
        let broaderStart = Int(conceptLists[concept * 4 + 2]), broaderCount = Int(conceptLists[concept * 4 + 3])
        return ConceptRecord(
            id: id(concept), name: name(concept), categories: categories(concept),
            synonyms: (synonymStart..<(synonymStart + synonymCount)).map { string(synonymRefs, $0) },
            broader: (broaderStart..<(broaderStart + broaderCount)).map { string(broaderRefs, $0) },
            weight: weight(concept))
    }

    /// Concepts a normalised phrase (``LexiconText/key(_:)``) names, with how it names each.
    public func concepts(forPhrase key: String) -> [(concept: Int, kind: PhraseKind)] {
        guard mayHave(key) else { return [] }
        let values = phrases.lookup(key)
        return stride(from: 0, to: values.count - 1, by: 2).map { (Int(values[$0]), PhraseKind(rawValue: values[$0 + 1])) }
    }

    /// True when some longer phrase starts with these words (normalised, space-separated).
    public func isPhrasePrefix(_ key: String) -> Bool { mayHave(key) && phrasePrefixes.contains(key) }

    /// False when the key is certainly neither a phrase nor a prefix of one (Bloom filter).
    func mayHave(_ key: String) -> Bool { BloomFilter.mayContain(fnv1a(key), in: phraseFilter) }

    /// True when the normalised phrase names some concept (cheaper than ``concepts(forPhrase:)``).
    public func hasPhrase(_ key: String) -> Bool { mayHave(key) && !phrases.lookup(key).isEmpty }

    /// Concepts an abbreviation (exactly as written: "MS", "BPH") stands for, with how often
    /// each expansion was seen.
    public func concepts(forAbbreviation surface: String) -> [(concept: Int, count: UInt32)] {
        let values = abbreviations.lookup(surface)
        return stride(from: 0, to: values.count - 1, by: 2).map { (Int(values[$0]), values[$0 + 1]) }
    }

    /// The abbreviation as defined ("PrEP") for its lower-case form ("prep"), if mixed-case.
    public func mixedCaseAbbreviation(_ lower: String) -> String? {
        let table = MappedHashTable(file, prefix: "am")
        let value = table.lookup(lower)
        guard value.count == 2 else { return nil }
        let bytes = file.bytes("am.str")
        let offset = Int(value[0]), length = Int(value[1])
        guard offset + length <= bytes.count else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
    }

    /// The concept with this id.
    public func concept(id: String) -> Int? {
        ids.lookup(id).first.map(Int.init)
    }

    /// Words spelling correction may suggest, of exactly `length` characters (lower-case), with
    /// how many names use each.
    public func spellingWords(length: Int) -> [(word: String, count: UInt32)] {
        guard length >= 0, length + 1 < spellingByLength.count else { return [] }
        let start = Int(spellingByLength[length]), end = Int(spellingByLength[length + 1])
        return (start..<end).map { index in
            let offset = Int(spellingWords[index * 3]), size = Int(spellingWords[index * 3 + 1])
            return (String(decoding: UnsafeRawBufferPointer(rebasing: strings[offset..<(offset + size)]), as: UTF8.self), spellingWords[index * 3 + 2])
        }
    }

    /// Calls `body` with each spelling word of `length` as raw bytes and its count (no allocation).
    func forEachSpellingWord(length: Int, _ body: (UnsafeRawBufferPointer, UInt32) -> Void) {
        guard length >= 0, length + 1 < spellingByLength.count else { return }
        for index in Int(spellingByLength[length])..<Int(spellingByLength[length + 1]) {
            let offset = Int(spellingWords[index * 3]), size = Int(spellingWords[index * 3 + 1])
            body(UnsafeRawBufferPointer(rebasing: strings[offset..<(offset + size)]), spellingWords[index * 3 + 2])
        }
    }
}
