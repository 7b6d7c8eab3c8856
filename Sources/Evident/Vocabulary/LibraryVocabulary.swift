import Foundation
import Logging

/// The library's own vocabulary, compiled into `<library>/vocabulary.lexicon` whenever the index
/// changes: the subjects of its documents (institute pages' titles, guidelines' conditions),
/// the names pages give as "also called", abbreviations its text defines (Schwartz–Hearst),
/// sentences repeated across pages about many subjects (site boilerplate, never evidence), and
/// the aspect model Evident ships.
public enum LibraryVocabulary {
    /// The file name inside the library directory.
    public static let fileName = "vocabulary.lexicon"
    /// What the lexicon holds: one built by an earlier format (without the publishers'
    /// names, say) is rebuilt as a stale one is.
    static let formatVersion = "2"

    /// The lexicon's path for a library.
    public static func path(for library: Library) -> String {
        (library.directory as NSString).appendingPathComponent(fileName)
    }

    /// What a build produced.
    public struct Summary: Codable, Sendable {
        public var concepts: Int
        public var phrases: Int
        public var abbreviations: Int
        public var boilerplateSentences: Int
        public var seconds: Double
    }

    /// A sentence on pages about at least this many different subjects is boilerplate.
    static let boilerplateSubjects = 5
    /// An abbreviation definition must be seen this often in research text to be kept (once is
    /// enough in guideline-tier text, which is edited).
    static let researchAbbreviationMinimum = 2

    /// Builds the library's lexicon (MeSH, when given, lets library names resolve to MeSH concepts).
    @discardableResult
    public static func build(library: Library, mesh: Lexicon?) throws -> Summary {
        let started = Date()
        let sequence = try library.changeSequence()
        let meshOnly = Vocabulary(mesh: mesh, library: nil)
        var builder = LexiconBuilder()

        /// The concept a library name stands for: the MeSH concept with that exact name, else a
        /// library concept (broader: the MeSH concepts it contains).
        func concept(forName name: String, kind: PhraseKind, weight: UInt32 = 1, meshOnly aliasOnly: Bool = false) -> Int? {
            let key = LexiconText.key(name)
            guard !key.isEmpty, key.utf8.count <= 120 else { return nil }
            // Abbreviations are linked through the abbreviation table, not as names.
            if MeSHTables.isAbbreviation(name) || (!key.contains(" ") && key.utf8.count <= 5 && !meshOnly.hasPhrase(key)) { return nil }
            let index: Int
            // A MeSH name with only modifiers around it ("gout flare", "acute pancreatitis") is that concept.
            let contained = meshOnly.link(LexiconText.words(name), linkable: { _ in true }, lowercaseAbbreviations: false)
            let keyWords = key.split(separator: " ").map(String.init)
            var covered = Set<Int>()
            for mention in contained where mention.concept.categories.isMedical && !mention.concept.categories.contains(.diseaseAttribute) { covered.formUnion(mention.words) }
            let modifiersOnly = contained.count == 1 && !covered.isEmpty
                && keyWords.indices.allSatisfy { covered.contains($0) || QuestionWords.isQualifyingWord(keyWords[$0], adjectivesToo: kind == .longForm) }
                && covered.count * 3 >= keyWords.count * 2
            if let (meshConcept, _) = meshOnly.bestConcept(forPhrase: key) ?? (modifiersOnly ? (contained[0].concept, 0) : nil) {
                index = builder.add(ConceptRecord(id: meshConcept.id, name: meshConcept.name, categories: meshConcept.categories,
                                                  synonyms: [name], weight: weight))
            } else {
                guard !aliasOnly else { return nil }
                var categories: ConceptCategories = .libraryName
                for mention in contained { categories.formUnion(mention.concept.categories.subtracting([.diseaseAttribute, .drugClass])) }
                index = builder.add(ConceptRecord(id: "lib:" + key, name: name, categories: categories, synonyms: [name],
                                                  broader: contained.map(\.concept.id), weight: weight))
            }
            builder.addPhrase(name, concept: index, kind: kind)
            builder.addSpellingWords(name)
            return index
        }

        // Subjects: institute pages' titles, guidelines' conditions and topics.
        var titleConcepts: [String: Int] = [:]
        var publishers = Set<UInt64>()
        try library.forEachVocabularySource { source in
            if source.tier == .guideline, let name = source.source {
                for short in Publishers.abbreviations(ofSource: name) { publishers.insert(fnv1a(short)) }
            }
            // Institute pages are about their title; a guideline's keywords may name anything
            // (drugs, scores), so they only add names to concepts MeSH knows.
            if source.kind == .agencyPage, let title = source.title, title.utf8.count <= 100,
               let index = concept(forName: title, kind: .title) { titleConcepts[LexiconText.key(title)] = index }
            if source.tier == .guideline && source.kind != .agencyPage {
                for name in source.keywords where name.utf8.count <= 100 { _ = concept(forName: name, kind: .title, meshOnly: true) }
            }
        }

        // Text: abbreviation definitions, "also called" names, repeated sentences.
        var definitions: [AbbreviationMiner.Definition: (count: Int, guideline: Bool)] = [:]
        var aliases: [(name: String, subject: Int)] = []
        var sentenceSubjects: [UInt64: Set<UInt64>] = [:]
        try library.forEachPassage(tier: nil) { title, kind, passage in
            let guidelineTier = kind.defaultTier == .guideline
            for definition in AbbreviationMiner.definitions(in: passage.text) {
                definitions[definition, default: (0, guidelineTier)].count += 1
                if guidelineTier { definitions[definition]!.guideline = true }
            }
            guard guidelineTier, let title else { return }
            if kind == .agencyPage, let subject = titleConcepts[LexiconText.key(title)] {
                for name in AbbreviationMiner.alsoCalled(in: passage.text, subject: LexiconText.key(title)) { aliases.append((name, subject)) }
            }
            // Pages on one family of conditions ("... type 1" to "... type 6") repeat the family's
            // text: they count as one subject (their title's first two words).
            let subject = fnv1a(LexiconText.words(title).prefix(2).map(\.key).joined(separator: " "))
            for sentence in SentenceSplitter.sentences(passage.text) {
                let key = fnv1a(sentence.lowercased())
                if sentenceSubjects[key]?.count ?? 0 < boilerplateSubjects { sentenceSubjects[key, default: []].insert(subject) }
            }
        }
        for (name, subject) in aliases {
            builder.addPhrase(name, concept: subject, kind: .alsoCalled)
            builder.add(ConceptRecord(id: builder.concepts[subject].id, name: builder.concepts[subject].name,
                                      categories: builder.concepts[subject].categories, synonyms: [name]))
            builder.addSpellingWords(name)
        }
        var abbreviations = 0
        // In a fixed order (a dictionary's changes with each process): the first of two
        // expansions that tie is the one an abbreviation stands for.
        let ordered = definitions.sorted { a, b in
            a.value.count != b.value.count ? a.value.count > b.value.count : (a.key.short, a.key.long) < (b.key.short, b.key.long)
        }
        for (definition, seen) in ordered where seen.guideline || seen.count >= researchAbbreviationMinimum {
            // A long form becomes a concept of its own only with two or more words ("patients" is not one).
            let longKey = LexiconText.key(definition.long)
            guard longKey.contains(" ") || meshOnly.hasPhrase(longKey) else { continue }
            guard let index = concept(forName: definition.long, kind: .longForm, weight: UInt32(seen.count), meshOnly: seen.count < 3 && !seen.guideline) else { continue }
            builder.addAbbreviation(definition.short, concept: index, count: UInt32(seen.count))
            if MeSHTables.isAbbreviation(definition.short) {
                builder.add(ConceptRecord(id: builder.concepts[index].id, name: builder.concepts[index].name,
                                          categories: builder.concepts[index].categories, synonyms: [definition.short]))
            }
            abbreviations += 1
        }
        let boilerplate = sentenceSubjects.filter { $0.value.count >= boilerplateSubjects }.keys.sorted()
        let counts = try AspectCounts.bundled()
        try builder.write(to: path(for: library), metadata: [
            "sourceSequence": String(sequence), "format": formatVersion, "mesh": mesh?.path ?? "none", "meshBuiltAt": mesh?.metadata["builtAt"] ?? "none", "builtAt": ISO8601DateFormatter().string(from: Date()),
        ]) { file in
            file.add("boiler", boilerplate)
            file.add("publish", publishers.sorted())
            AspectClassifier.write(counts, into: &file)
        }
        let summary = Summary(concepts: builder.concepts.count, phrases: builder.phraseCount, abbreviations: abbreviations,
                              boilerplateSentences: boilerplate.count, seconds: Date().timeIntervalSince(started))
        Logger(label: "evident.vocabulary").info("library vocabulary: \(summary.concepts) concepts, \(abbreviations) abbreviations, \(boilerplate.count) boilerplate sentences in \(String(format: "%.2f", summary.seconds)) s")
        return summary
    }

    /// The library's lexicon, or nil when it has none yet.
    public static func open(_ library: Library) throws -> Lexicon? {
        let path = path(for: library)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Lexicon(path: path)
    }
}

extension Lexicon {
    /// The library change sequence this lexicon was built from.
    var sourceSequence: Int64? { metadata["sourceSequence"].flatMap { Int64($0) } }

    /// True when this library lexicon was built from the library at change `sequence`, in the
    /// current format, against `mesh` as it is (a MeSH vocabulary compiled again may name what
    /// the library's names resolve to: "colon cancer").
    func isCurrent(sequence: Int64, mesh: Lexicon?) -> Bool {
        sourceSequence == sequence && metadata["format"] == LibraryVocabulary.formatVersion
            && (metadata["meshBuiltAt"] ?? "none") == (mesh?.metadata["builtAt"] ?? "none")
    }

    /// True when the sentence (any case) is boilerplate the library repeats across subjects.
    func isBoilerplate<S: StringProtocol>(_ sentence: S) -> Bool {
        contains(fnv1a(sentence.lowercased()), inSection: "boiler")
    }

    /// True when `shortName` (upper case) is what a guideline publisher of the library goes by
    /// (``Publishers``).
    func isPublisher(_ shortName: String) -> Bool {
        contains(fnv1a(shortName), inSection: "publish")
    }

    /// Whether a sorted section of hashes holds `key`.
    private func contains(_ key: UInt64, inSection name: String) -> Bool {
        let hashes = file.wideIntegers(name)
        guard !hashes.isEmpty else { return false }
        var low = 0, high = hashes.count
        while low < high {
            let middle = (low + high) / 2
            if hashes[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < hashes.count && hashes[low] == key
    }

    /// The aspect model compiled into this lexicon, if any.
    var aspectClassifier: AspectClassifier? { AspectClassifier(file: file) }
}
