import Foundation

/// The grade a guideline gives a recommendation, in the source's own words: "(Level B)",
/// "(Grade A)", "(Class I, Level of Evidence: B)", "(Conditional, Low Certainty of Evidence)".
enum RecommendationGrade {
    private static let expression = try! NSRegularExpression(
        pattern: #"[(\[]((?:[^()\[\]]{0,60}?)\b(?:Level(?: of Evidence)?:? ?[A-U](?:\d|\b)|Grade:? ?[A-DI]\b|Class:? ?(?:III|IIa|IIb|II|IV|I)\b|Strong|Weak|Conditional|Moderate quality|Good Practice Point|Expert Opinion|Consensus|Recommendation [A-D]\b|[A-D] recommendation)[^()\[\]]{0,80})[)\]]"#,
        options: [])

    /// Words without which no text states a grade (a cheap test before the expression).
    static let markers = ["Level", "Grade", "Class", "Strong", "Weak", "Conditional", "quality", "Practice Point", "Opinion", "onsensus", "ecommendation"]

    /// The grade in `text` (without its brackets), if it states one.
    static func find<S: StringProtocol>(in text: S) -> String? {
        guard text.containsBytes("(") || text.containsBytes("["), markers.contains(where: { text.containsBytes($0) }) else { return nil }
        let string = String(text)
        let range = NSRange(string.startIndex..., in: string)
        guard let match = expression.firstMatch(in: string, range: range), let inner = Range(match.range(at: 1), in: string) else { return nil }
        return String(string[inner]).trimmingCharacters(in: .whitespaces)
    }

    /// True when the text is little more than a grade ("(Class I, Level of Evidence: B)").
    static func isGradeOnly<S: StringProtocol>(_ text: S) -> Bool {
        let string = String(text)
        guard let grade = find(in: string) else { return false }
        let rest = string.replacingOccurrences(of: grade, with: "").filter { $0.isLetter || $0 == " " }
        return rest.split(separator: " ").count < 3
    }
}

extension RecommendationGrade {
    /// How a grade's definition line may start ("Level B" → "Level B", "B"; "Grade A" → "Grade A", "A").
    static func lookupKeys(_ grade: String) -> [String] {
        var keys = [grade]
        let first = grade.split(separator: ",").first.map(String.init) ?? grade
        if first != grade { keys.append(first) }
        if let last = first.split(separator: " ").last, last.count <= 3, first.split(separator: " ").count == 2 { keys.append(String(last) + " ") }
        return keys
    }
}
