import Foundation

/// The strength of a guideline recommendation, in the source's own words: finds the grade a
/// recommendation carries ("(Level B)", "[A]", "(Class I, Level of Evidence: B)",
/// "(Conditional, Low Certainty of Evidence)", "Strength of Recommendation: Moderate") and reads
/// a guideline's `definitions` passages into grade → definition.
///
/// Pure functions over text; nothing here knows about the library or the answer.
public enum RecommendationStrength {
    /// A grade found in a text.
    public struct Grade: Equatable, Sendable {
        /// The grade as written, without its brackets: "Level B", "Class I, Level of Evidence: B",
        /// "Strength of Recommendation: Moderate".
        public var text: String
        /// Where it is in the text, brackets included.
        public var range: Range<String.Index>
    }

    /// The first grade in a sentence (or a passage line), or nil.
    public static func grade(in sentence: String) -> Grade? { grades(in: sentence).first }

    /// Every grade in a text, in order: bracketed grades ("(Level B)", "[D]", "(Weak For)"),
    /// "key: value" grades ("Level of Evidence: B", "Strength of Recommendation: Inconclusive"),
    /// and the AAO-HNS sentence grades ("Recommendation based on observational studies …").
    ///
    /// A bare code in brackets ("(B)", "[IIa]", "(1C)", "[4a]") counts only where a grade
    /// stands: at the end of a sentence or clause, not mid-sentence ("intravenous (IV) fluids").
    public static func grades(in text: String) -> [Grade] {
        var found: [Grade] = []
        for (open, close) in bracketPairs(in: text) {
            guard !found.contains(where: { $0.range.contains(open) }) else { continue }
            let content = text[text.index(after: open)..<close]
            let after = text[text.index(after: close)...]
            // Only the words just before the bracket matter ("recommends (1B)", "evidence level (2)").
            let before = text[..<open].suffix(60).lowercased()
            let standsAsGrade = isClauseEnd(after) || before.hasSuffix("recommends ") || before.hasSuffix("suggests ")
            if isGrade(content, atClauseEnd: standsAsGrade) || isCitedEvidenceLevel(content, before: before) {
                found.append(Grade(text: trimmed(content), range: open..<text.index(after: close)))
            }
        }
        found += keyValueGrades(in: text).filter { candidate in !found.contains { $0.range.overlaps(candidate.range) } }
        found += sentenceGrades(in: text).filter { candidate in !found.contains { $0.range.overlaps(candidate.range) } }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    // MARK: Recognising grades

    /// Words a grade is written with.
    static let vocabulary: Set<String> = [
        "level", "levels", "of", "the", "evidence", "grade", "grades", "graded", "ungraded", "not", "class", "strength",
        "strong", "weak", "conditional", "recommendation", "recommendations", "recommended", "quality", "high", "moderate",
        "low", "very", "for", "against", "consensus", "expert", "opinion", "opinions", "insufficient", "gpp", "good",
        "best", "practice", "point", "points", "statement", "statements", "standard", "option", "guideline", "certainty",
        "net", "benefit", "benefits", "harm", "harms", "outweigh", "outweighs", "based", "on", "and", "or", "type", "formal",
        "reviewed", "new", "replaced", "amended", "bel", "loe", "cor", "sor", "panel", "expertise", "adapted", "no",
        "specific", "positive", "negative", "limited", "fair", "poor", "inconclusive", "overall", "use", "an", "a",
        "intervention", "interventions", "local", "preponderance", "over", "balance", "between", "rating", "effectiveness",
        "in", "favor", "favour", "neutral", "reference", "systematic", "review", "research", "principle", "clinical",
        "grading", "certain", "uncertain", "to", "is", "with", "level-", "i", "ii", "iii", "iv", "v", "recommend",
        "suggest", "suggestion", "consensus-based", "evidence-based", "lack", "data", "by", "as", "strengths",
        "context-specific", "high-quality", "moderate-quality", "low-quality", "very-low-quality", "low-", "moderate-",
        "conditionally", "strongly", "weakly", "only", "rated", "lqe", "mqe", "hqe", "cb", "knowledge", "gap",
        "one", "two", "three", "study", "studies", "imperative", "conflicting", "inconsistent", "all",
    ]

    /// Openings that make a bracket a grade whatever follows ("(Strong recommendation: evidence
    /// quality X, validating studies cannot be performed …)").
    static let gradeOpenings = [
        "strong recommendation", "weak recommendation", "conditional recommendation", "strength of recommendation",
        "strength of the recommendation", "strength of evidence", "quality of evidence", "quality of the evidence",
        "level of evidence", "levels of evidence", "evidence level", "evidence quality", "grade of recommendation",
        "recommendation grade", "evidence grade", "evidence strength", "strong for", "weak for", "strong against",
        "weak against", "good practice point", "practice point", "expert opinion", "expert consensus", "consensus",
        "gpp", "loe", "bel", "cor", "strengths of recommendation", "standard;", "recommendation;", "option;",
        "clinical principle", "good practice statement", "best practice statement",
    ]

    /// Grade words that alone make a bracket a grade when nothing else is in it.
    static let keywords = ["level", "grade", "class", "strength", "quality", "evidence", "recommend", "strong", "weak",
                           "conditional", "consensus", "gpp", "practice point", "expert", "certainty", "insufficient",
                           "graded", "bel", "option", "standard"]

    /// True if a bracket's content is a grade.
    static func isGrade(_ content: Substring, atClauseEnd: Bool) -> Bool {
        let text = trimmed(content)
        guard !text.isEmpty, text.count <= 200 else { return false }
        if isCode(text) { return atClauseEnd }
        let lowered = text.lowercased()
        for excluded in ["see ", "e.g", "i.e", "for example", "table", "figure", "appendix", "http", "et al", "section", "chapter", " below", " above"] where lowered.containsBytes(excluded) {
            return false
        }
        if gradeOpenings.contains(where: { opens(lowered, with: $0) }) { return true }
        guard keywords.contains(where: { lowered.containsBytes($0) }) else { return false }
        let words = lowered.split { !$0.isLetter && !$0.isNumber && $0 != "+" }
        guard !words.isEmpty else { return false }
        let known = words.filter { word in
            vocabulary.contains(String(word)) || isCode(String(word).uppercased()) || word.allSatisfy(\.isNumber) || word.allSatisfy { $0 == "+" }
        }.count
        return Double(known) / Double(words.count) >= 0.8
    }

    /// True if `text` starts with `opening` as a whole word.
    static func opens(_ text: String, with opening: String) -> Bool {
        guard text.hasPrefix(opening) else { return false }
        let next = text.dropFirst(opening.count).first
        return next.map { !$0.isLetter } ?? true
    }

    /// A grade code on its own: A–E, U, I–V with a or b, 1A–3D, 1a–5b, SIGN's 1++ / 2- / A+, III-A, II-2.
    static func isCode(_ text: String) -> Bool {
        let romans: Set<String> = ["I", "II", "III", "IV", "V"]
        let letters: Set<Character> = ["A", "B", "C", "D", "E", "U"]
        var body = Substring(text)
        while let last = body.last, last == "+" || last == "-" { body = body.dropLast() }
        guard !body.isEmpty, body.count <= 6 else { return false }
        if body.count == 1, let letter = body.first, letters.contains(letter) { return true }
        if romans.contains(String(body)) { return true }
        if let last = body.last, "abAB".contains(last), romans.contains(String(body.dropLast())) { return true }
        if body.count == 2, let digit = body.first, ("1"..."5").contains(digit), let mark = body.last, "ABCDabc".contains(mark) { return true }
        if body.count == 2, let letter = body.first, letters.contains(letter), let digit = body.last, ("1"..."3").contains(digit) { return true }  // "B1"
        if body.allSatisfy(\.isNumber), body.count == 1, text != String(body) { return true }  // "1++", "2-"
        let parts = body.split(separator: "-")
        if parts.count == 2, romans.contains(String(parts[0])), parts[1].count == 1, let mark = parts[1].first, letters.contains(mark) || ("1"..."3").contains(mark) {
            return true  // "III-A", "II-2"
        }
        return false
    }

    /// Cincinnati Children's evidence levels after a citation's year: "(Local Consensus, 2013 [5])",
    /// "(Kotton et al., 2013 [5a])".
    static func isCitedEvidenceLevel(_ content: Substring, before: String) -> Bool {
        guard content.count <= 20, let digit = content.first, ("1"..."5").contains(digit) else { return false }
        let code = content.prefix { !$0.isWhitespace }
        guard code.count <= 2, code.dropFirst().allSatisfy({ "ab".contains($0) }) else { return false }
        let year = before.dropLast().suffix(4)
        return before.hasSuffix(" ") && year.count == 4 && year.allSatisfy(\.isNumber)
    }

    /// True if what follows a bracket ends the clause: nothing, or punctuation, or another bracket.
    static func isClauseEnd(_ after: Substring) -> Bool {
        let rest = after.drop { $0 == " " }
        guard let next = rest.first else { return true }
        return ".;:\n–—".contains(next) || next == "(" || next == "[" || (next == "," && rest.dropFirst().drop { $0 == " " }.first.map { $0 == "(" || $0 == "[" } ?? true)
    }

    /// Keys of "key: value" grades.
    static let keys = [
        "strength of recommendation", "strength of the recommendation", "strength of evidence", "strength of the evidence",
        "level of evidence", "levels of evidence", "quality of evidence", "quality of the evidence", "grade of recommendation",
        "grade of evidence", "recommendation grade", "recommendation strength", "evidence level", "evidence grade",
        "evidence quality", "class of recommendation", "certainty of evidence", "evidence strength", "grade",
    ]

    /// "Level of Evidence: B" and the like, outside brackets; the value runs to ";", ")" or the
    /// sentence's end and is at most 150 characters ("Grade: Fair-B-W" only after a sentence
    /// or clause end, with a short value).
    static func keyValueGrades(in text: String) -> [Grade] {
        // Cheap tests first (this runs on every sentence an answer considers): no ":" or "=", no grade.
        guard text.containsBytes(":") || text.containsBytes("=") else { return [] }
        let lowered = text.lowercased()
        guard lowered.count == text.count else { return [] }  // case mapping changed lengths: skip (no such grades)
        var grades: [Grade] = []
        for key in keys where lowered.containsBytes(key) {
            var searchStart = lowered.startIndex
            while let hit = lowered.range(of: key, range: searchStart..<lowered.endIndex) {
                searchStart = hit.upperBound
                var cursor = hit.upperBound
                while cursor < lowered.endIndex, lowered[cursor] == "s" || lowered[cursor] == " " { cursor = lowered.index(after: cursor) }
                guard cursor < lowered.endIndex, lowered[cursor] == ":" || lowered[cursor] == "=" else { continue }
                var end = lowered.index(after: cursor)
                while end < lowered.endIndex, !";)]\n".contains(lowered[end]) {
                    if lowered[end] == ".", lowered.index(after: end) == lowered.endIndex || lowered[lowered.index(after: end)] == " " { break }
                    end = lowered.index(after: end)
                }
                let value = lowered[lowered.index(after: cursor)..<end].trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty, value.count <= (key == "grade" ? 30 : 60) || (value.count <= 250 && startsWithGrade(value)) else { continue }
                if key == "grade" {
                    let preceding = lowered[..<hit.lowerBound].reversed().drop { $0 == " " }.first
                    guard preceding == nil || preceding == "." || preceding == ";" || preceding == ":" else { continue }
                }
                let start = text.index(text.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: hit.lowerBound))
                let stop = text.index(text.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: end))
                guard !grades.contains(where: { $0.range.overlaps(start..<stop) }) else { continue }
                grades.append(Grade(text: trimmed(text[start..<stop]), range: start..<stop))
            }
        }
        return grades
    }

    /// True if a long "key: value" value opens with a grade ("Grade C, observational studies").
    static func startsWithGrade(_ value: String) -> Bool {
        let first = value.prefix { $0 != " " && $0 != "," && $0 != ";" }
        return ["grade", "level", "class"].contains(String(first)) || isCode(String(first).uppercased())
    }

    /// AAO-HNS key action statements' grade sentences: "Recommendation based on observational
    /// studies with a preponderance of benefit over harm." (also Strong recommendation, Option,
    /// No recommendation; "(against)").
    static func sentenceGrades(in text: String) -> [Grade] {
        guard text.containsBytes("based on") || text.containsBytes("Based on") || text.containsBytes("BASED ON") else { return [] }
        let openings = ["strong recommendation", "recommendation", "option", "no recommendation"]
        var grades: [Grade] = []
        var sentenceStart = text.startIndex
        while sentenceStart < text.endIndex {
            let end = text[sentenceStart...].firstIndex { $0 == "\n" } ?? text.endIndex
            var cursor = sentenceStart
            while cursor < end {
                let sentence = text[cursor..<end]
                let lowered = sentence.lowercased()
                if let opening = openings.first(where: { lowered.hasPrefix($0) }) {
                    let rest = lowered.dropFirst(opening.count).drop { $0 == " " }
                    let afterAgainst = rest.hasPrefix("(against)") ? rest.dropFirst(9).drop { $0 == " " } : rest.hasPrefix("against") ? rest.dropFirst(7).drop { $0 == " " } : rest
                    if afterAgainst.hasPrefix("based on") {
                        let stop = sentence.firstIndex(of: ".") ?? end
                        grades.append(Grade(text: String(text[cursor..<stop]), range: cursor..<(stop < end ? text.index(after: stop) : stop)))
                        cursor = stop < end ? text.index(after: stop) : end
                        continue
                    }
                }
                guard let period = text[cursor..<end].range(of: ". ") else { break }
                cursor = period.upperBound
            }
            sentenceStart = end < text.endIndex ? text.index(after: end) : end
        }
        return grades
    }

    /// Matching `()` and `[]` pairs, outermost first within each position.
    static func bracketPairs(in text: String) -> [(String.Index, String.Index)] {
        var pairs: [(String.Index, String.Index)] = []
        var stack: [(Character, String.Index)] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "(" || character == "[" {
                if stack.count < 16 { stack.append((character, index)) }
            } else if character == ")" || character == "]" {
                let opener: Character = character == ")" ? "(" : "["
                if let position = stack.lastIndex(where: { $0.0 == opener }) {
                    pairs.append((stack[position].1, index))
                    stack.removeSubrange(position...)
                }
            }
            index = text.index(after: index)
        }
        return pairs.sorted { $0.0 < $1.0 }
    }

    private static func trimmed(_ text: Substring) -> String {
        var text = text.drop { $0 == " " }
        while let last = text.last, last == " " || last == "." || last == "," || last == ";" { text = text.dropLast() }
        return String(text)
    }

    // MARK: Reading definitions

    /// A guideline's grade definitions, grade → definition, read from its `definitions`
    /// passages: table rows and lines "A: …", "A = …", "Level A – …", "Strong For (or …)", and
    /// passages whose last heading is the grade ("Definitions > … > Class I" then its text).
    /// The first definition of a grade wins. A single-letter grade whose definition names it
    /// ("(Level B rating requires …)") is also filed under that name ("Level B").
    public static func definitions(from passages: [Passage]) -> [String: String] {
        var definitions: [String: String] = [:]
        func file(_ grade: String, _ definition: String) {
            let grade = trimmed(Substring(grade)), definition = cleanDefinition(definition)
            guard !grade.isEmpty, !definition.isEmpty, definitions[grade] == nil else { return }
            definitions[grade] = definition
            for prefix in ["Level", "Grade", "Class"] where grade.count <= 3 && definition.contains("\(prefix) \(grade) ") && definitions["\(prefix) \(grade)"] == nil {
                definitions["\(prefix) \(grade)"] = definition
            }
        }
        for passage in passages where passage.label == "definitions" {
            let lines = passage.text.split(separator: "\n").map(String.init)
            var matchedLine = false
            for line in lines {
                if let (grade, definition) = gradeLine(line) {
                    // "2a or 2b: Best study design" defines both.
                    let names = grade.components(separatedBy: " or ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " †*‡")) }
                    for name in names where names.count == 1 || isCode(name) { file(name, definition) }
                    matchedLine = true
                }
            }
            if !matchedLine, let last = passage.heading?.components(separatedBy: " > ").last, looksLikeGradeName(last) {
                file(last, lines.joined(separator: " "))
            }
        }
        return definitions
    }

    /// The definitions that explain a grade as a recommendation carries it, each under its key
    /// in `definitions`: "Level B" finds "Level B" or "B"; "Class I; Level of Evidence: B" finds
    /// "Class I" and "B"; "B recommendation" finds "B"; case is ignored when nothing matches exactly.
    public static func lookup(_ grade: String, in definitions: [String: String]) -> [(grade: String, definition: String)] {
        var results: [(grade: String, definition: String)] = []
        var parts = [grade]
        parts += grade.split(whereSeparator: { $0 == "," || $0 == ";" }).map { trimmed($0) }
        for part in parts {
            var candidates = [part]
            // "Local Consensus, 2013 [5]" is defined as "5".
            for (open, close) in bracketPairs(in: part) where part[open] == "[" {
                candidates.append(String(part[part.index(after: open)..<close]).components(separatedBy: " ")[0])
            }
            if let colon = part.lastIndex(where: { $0 == ":" || $0 == "=" }) { candidates.append(trimmed(part[part.index(after: colon)...])) }
            for prefix in ["Level ", "Grade ", "Class ", "level ", "grade "] where part.hasPrefix(prefix) { candidates.append(String(part.dropFirst(prefix.count))) }
            for suffix in [" recommendation", " Recommendation", " statement", " Statement"] where part.hasSuffix(suffix) { candidates.append(String(part.dropLast(suffix.count))) }
            for candidate in candidates {
                let key = definitions[candidate] != nil ? candidate : definitions.keys.sorted().first { $0.caseInsensitiveCompare(candidate) == .orderedSame }
                if let key, let match = definitions[key], !results.contains(where: { $0.grade == key }) {
                    results.append((key, match))
                    break
                }
            }
        }
        return results
    }

    /// "A: text", "A = text", "Level A – text", "Strong For (or text)", "[I] text": the grade and its
    /// text; a list lead-in before it ("The grade … is presented as a continuum: Strong For (or …)")
    /// is passed over.
    static func gradeLine(_ line: String, leadIns: Int = 2) -> (String, String)? {
        if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
            let grade = String(line[line.index(after: line.startIndex)..<close])
            if isCode(grade) { return (grade, String(line[line.index(after: close)...])) }
        }
        if let quoted = quotedGrade(line) { return quoted }
        for separator in [": ", " = ", " – ", " — ", " - "] {
            guard let range = line.range(of: separator) else { continue }
            let grade = String(line[..<range.lowerBound])
            if looksLikeGradeName(grade) { return (grade, String(line[range.upperBound...])) }
        }
        if let open = line.range(of: " (or "), looksLikeGradeName(String(line[..<open.lowerBound])) {
            return (String(line[..<open.lowerBound]), String(line[open.lowerBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " ()")))
        }
        if leadIns > 0, let colon = line.range(of: ": ") {
            return gradeLine(String(line[colon.upperBound...]), leadIns: leadIns - 1)
        }
        return nil
    }

    /// `"Strongly recommended": text` (CCHMC quotes its grade names).
    private static func quotedGrade(_ line: String) -> (String, String)? {
        guard line.hasPrefix("\""), let end = line.dropFirst().firstIndex(of: "\""),
              line[line.index(after: end)...].hasPrefix(": ") else { return nil }
        let grade = String(line[line.index(after: line.startIndex)..<end])
        guard looksLikeGradeName(grade) else { return nil }
        return (grade, String(line[line.index(end, offsetBy: 3)...]))
    }

    /// True for a grade's name: a code, or a few grade words ("Level A", "Strong For",
    /// "I Statement", "High", "Expert Opinion").
    static func looksLikeGradeName(_ text: String) -> Bool {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 40, !text.hasSuffix(".") else { return false }
        if isCode(text) { return true }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "+" }
        guard !words.isEmpty, words.count <= 6 else { return false }
        return words.allSatisfy { vocabulary.contains(String($0)) || isCode(String($0).uppercased()) || $0.allSatisfy(\.isNumber) || $0 == "statement" }
    }

    /// A definition without its table column label ("Definition: …", "Grade Definitions: …").
    static func cleanDefinition(_ text: String) -> String {
        var text = Substring(text.trimmingCharacters(in: .whitespaces))
        for label in ["Grade Definitions: ", "Grade Definition: ", "Definitions: ", "Definition: ", "Description: ", "Meaning: "] where text.hasPrefix(label) {
            text = text.dropFirst(label.count)
        }
        return String(text)
    }
}
