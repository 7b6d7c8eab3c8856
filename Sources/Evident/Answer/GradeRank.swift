/// How strong a graded recommendation is, read from its grade as the source writes it:
/// "Class I", "Level A", "Strong recommendation", "1B" are strong; "Class IIa", "Level B",
/// "Moderate" are moderate; "Class IIb", "Level C", "Weak", "Conditional", "Expert opinion" are
/// weak. A grade this cannot read ("Grade X", "Inconclusive") has no rank.
public enum GradeRank: Int, Comparable, Sendable {
    case strong = 0, moderate = 1, weak = 2

    /// The rank of a grade's text, or nil.
    public init?(grade: String) {
        let text = " " + grade.lowercased()
            .replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: ":", with: " ") + " "
        // The class of a recommendation decides; its level of evidence follows it ("Class IIa, LOE B-R").
        if let rank = Self.classRank(text) { self = rank; return }
        if text.contains(" strong") { self = .strong; return }
        if text.contains(" weak") || text.contains(" conditional") || text.contains(" expert opinion") || text.contains(" consensus")
            || text.contains(" optional") { self = .weak; return }
        if text.contains(" high") { self = .strong; return }
        if text.contains(" moderate") { self = .moderate; return }
        if text.contains(" low") { self = .weak; return }
        if let rank = Self.letterRank(text) { self = rank; return }
        return nil
    }

    private static func classRank(_ text: String) -> GradeRank? {
        guard let range = text.range(of: " class ") ?? text.range(of: " cor ") else { return nil }
        let code = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber }
        switch code {
        case "i", "1": return .strong
        case "iia", "2a": return .moderate
        case "iib", "2b": return .weak
        default: return nil
        }
    }

    /// "Level A", "Grade B", "A", "1B", "B recommendation".
    private static func letterRank(_ text: String) -> GradeRank? {
        var code = Substring(text.trimmingCharacters(in: .whitespaces))
        for label in ["level of evidence", "strength of recommendation", "recommendation", "level", "grade", "rating"] where code.hasPrefix(label + " ") {
            code = code.dropFirst(label.count + 1)
        }
        let token = code.prefix { $0.isLetter || $0.isNumber }
        // "Recommendation 1.2.5" numbers a recommendation; it does not grade it.
        if code.dropFirst(token.count).first == "." { return nil }
        switch token {
        case "a", "1a", "1b", "1c", "1", "i", "ia", "ib": return .strong
        case "b", "2a", "2", "ii", "ii-1", "ii-2": return .moderate
        case "c", "d", "2b", "2c", "3", "iii", "4", "5": return .weak
        default: return nil
        }
    }

    public static func < (a: GradeRank, b: GradeRank) -> Bool { a.rawValue < b.rawValue }
}
