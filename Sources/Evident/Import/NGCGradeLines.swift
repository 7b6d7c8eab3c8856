/// Recognises the short lines of a guideline summary that only state the grade of the line
/// before them — "(Weak For)", "[Low Quality Evidence]", "(Level of Evidence = IV)",
/// "Strength of Recommendation: Inconclusive", AAO-HNS's "Recommendation based on
/// observational studies with a preponderance of benefit over harm." — so that the grade stays
/// with its recommendation on one line.
enum NGCGradeLines {
    /// Openings of a "key: value" grade line.
    static let keys = [
        "strength of recommendation", "strength of the recommendation", "strength of evidence", "strength of the evidence",
        "level of evidence", "levels of evidence", "quality of evidence", "quality of the evidence", "grade of recommendation",
        "grade of evidence", "recommendation grade", "evidence level", "class of recommendation", "certainty of evidence",
        "grade", "evidence grade", "evidence quality", "recommendation strength", "rating",
    ]

    /// True if the line is only a grade remark.
    static func isGradeRemark(_ text: String) -> Bool {
        guard text.utf8.count <= 800, text.count <= 200, let first = text.first else { return false }
        var body = Substring(text)
        if body.hasSuffix(".") { body = body.dropLast() }
        if (first == "(" && body.hasSuffix(")")) || (first == "[" && body.hasSuffix("]")) { return true }
        let lowered = body.lowercased()
        for opening in ["strong recommendation", "recommendation", "option", "no recommendation"] where lowered.hasPrefix(opening) {
            var rest = lowered.dropFirst(opening.count).drop { $0 == " " }
            for against in ["(against)", "against"] where rest.hasPrefix(against) { rest = rest.dropFirst(against.count).drop { $0 == " " } }
            if rest.hasPrefix("based on") { return true }
        }
        for key in keys where lowered.hasPrefix(key) {
            let rest = lowered.dropFirst(key.count).drop { $0 == " " || $0 == "s" }
            if let mark = rest.first, mark == ":" || mark == "=", rest.count <= 80 { return true }
        }
        return false
    }
}
