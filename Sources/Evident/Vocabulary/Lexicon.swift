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
    // Concept records and the hash tables are read with `pread` (``FileSection``): lookups land
    // at scattered places, and mapped pages would cost far more memory than the bytes read.
    private let strings: FileSection
    private let conceptIDs: FileSection
    private let conceptNames: FileSection
    /// Per concept: categories, weight.
    private let conceptInfo: FileSection
    /// Per concept: synonyms start and count, broader start and count.
    private let conceptLists: FileSection
    private let synonymRefs: FileSection
    private let broaderRefs: FileSection
    /// Per concept: narrower start and count (absent from lexicons built before it existed).
    private let narrowerLists: FileSection
    private let narrowerRefs: FileSection
    private let phrases: FileHashTable
    private let phrasePrefixes: FileHashTable
    private let abbreviations: FileHashTable
    private let ids: FileHashTable
    /// Read in place: every lookup tests it, and it is small.
    private let phraseFilter: UnsafeBufferPointer<UInt64>
    /// Read in place: spelling correction scans all words of a length in order.
    private let mappedStrings: UnsafeRawBufferPointer
    private let spellingWords: UnsafeBufferPointer<UInt32>
    private let spellingByLength: UnsafeBufferPointer<UInt32>
    /// What the lexicon was built from (source files, counts), as written by its builder.
    public let metadata: [String: String]

    /// Opens the lexicon file at `path`.
    public init(path: String) throws {
        file = try MappedSectionFile(path: path, magic: Self.magic)
        strings = file.readable("strings")
        conceptIDs = file.readable("c.id")
        conceptNames = file.readable("c.name")
        conceptInfo = file.readable("c.info")
        synonymRefs = file.readable("c.syn")
        broaderRefs = file.readable("c.br")
        narrowerLists = file.readable("c.nrl")
        narrowerRefs = file.readable("c.nr")
        phrases = FileHashTable(file, prefix: "p")
        phrasePrefixes = FileHashTable(file, prefix: "pp")
        phraseFilter = file.wideIntegers("bf")
        abbreviations = FileHashTable(file, prefix: "a")
        ids = FileHashTable(file, prefix: "i")
        mappedStrings = file.bytes("strings")
        spellingWords = file.integers("w.words")
        spellingByLength = file.integers("w.len")
        let meta = file.bytes("meta")
        metadata = (try? JSONDecoder().decode([String: String].self, from: Data(meta))) ?? [:]
        conceptLists = file.readable("c.lists")
        guard conceptNames.byteCount == conceptIDs.byteCount, conceptInfo.byteCount == conceptIDs.byteCount, conceptLists.byteCount == conceptIDs.byteCount * 2 else {
            throw EvidentError("\(path): damaged vocabulary (concept tables disagree); rebuild it")
        }
    }

    /// The path the lexicon was opened from.
    public var path: String { file.path }

    /// Number of concepts.
    public var conceptCount: Int { conceptIDs.byteCount / 8 }

    /// Number of distinct phrases.
    public var phraseCount: Int { phrases.count }

    private func string(_ refs: FileSection, _ index: Int) -> String {
        strings(refs, index, 1).first ?? ""
    }

    /// The strings of refs `start..<start + count`.
    private func strings(_ refs: FileSection, _ start: Int, _ count: Int) -> [String] {
        let pairs = refs.uint32s(start * 2, count: count * 2)
        return stride(from: 0, to: pairs.count, by: 2).map { strings.string(at: Int(pairs[$0]), length: Int(pairs[$0 + 1])) }
    }

    /// Synonyms start and count, broader start and count.
    private func lists(_ concept: Int) -> [Int] {
        let values = conceptLists.uint32s(concept * 4, count: 4)
        return values.count == 4 ? values.map(Int.init) : [0, 0, 0, 0]
    }

    /// The concept's id.
    public func id(_ concept: Int) -> String { string(conceptIDs, concept) }

    /// The concept's preferred name.
    public func name(_ concept: Int) -> String { string(conceptNames, concept) }

    /// The concept's categories.
    public func categories(_ concept: Int) -> ConceptCategories { ConceptCategories(rawValue: conceptInfo.uint32(concept * 2)) }

    /// The concept's weight (library usage).
    public func weight(_ concept: Int) -> UInt32 { conceptInfo.uint32(concept * 2 + 1) }

    /// The whole record of a concept.
    public func record(_ concept: Int) -> ConceptRecord {
        let lists = lists(concept)
        return ConceptRecord(
            id: id(concept), name: name(concept), categories: categories(concept),
            synonyms: strings(synonymRefs, lists[0], lists[1]), broader: strings(broaderRefs, lists[2], lists[3]),
            weight: weight(concept))
    }

    /// The ids of the concept's broader concepts (without reading the rest of its record).
    public func broader(_ concept: Int) -> [String] {
        let lists = lists(concept)
        return strings(broaderRefs, lists[2], lists[3])
    }

    /// The ids of the concepts directly under the concept (MeSH files "Pre-Eclampsia" under
    /// "Hypertension, Pregnancy-Induced").
    public func narrower(_ concept: Int) -> [String] {
        guard narrowerLists.byteCount >= (concept + 1) * 8 else { return [] }
        let list = narrowerLists.uint32s(concept * 2, count: 2)
        return list.count == 2 ? strings(narrowerRefs, Int(list[0]), Int(list[1])) : []
    }

    /// The concept's preferred name, then its synonyms (without reading the rest of its record).
    public func names(_ concept: Int) -> [String] {
        let lists = lists(concept)
        return [name(concept)] + strings(synonymRefs, lists[0], lists[1])
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
            return (String(decoding: UnsafeRawBufferPointer(rebasing: mappedStrings[offset..<(offset + size)]), as: UTF8.self), spellingWords[index * 3 + 2])
        }
    }

    /// Calls `body` with each spelling word of `length` as raw bytes and its count (no allocation).
    func forEachSpellingWord(length: Int, _ body: (UnsafeRawBufferPointer, UInt32) -> Void) {
        guard length >= 0, length + 1 < spellingByLength.count else { return }
        for index in Int(spellingByLength[length])..<Int(spellingByLength[length + 1]) {
            let offset = Int(spellingWords[index * 3]), size = Int(spellingWords[index * 3 + 1])
            body(UnsafeRawBufferPointer(rebasing: mappedStrings[offset..<(offset + size)]), spellingWords[index * 3 + 2])
        }
    }
}
