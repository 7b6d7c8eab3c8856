/// Renders an answer as terminal text (``text(_:width:emphasis:)``), Markdown
/// (``markdown(_:)``) or a self-contained HTML page (``html(_:)``). Source text is data: every
/// renderer escapes it for its medium, and only http(s) links are ever made (``WebLink``).
public enum AnswerRenderer {
    /// A statement's grade when the statement's own text does not already show it.
    static func gradeSuffix(_ statement: Answer.Statement) -> String? {
        guard let grade = statement.strength?.grade, !statement.text.contains(grade) else { return nil }
        return "(\(grade))"
    }

    /// The explanation of a statement in one line ("score 3.21 = subject in sentence 1.0 + …").
    static func explanationLine(_ explanation: StatementExplanation) -> String {
        let parts = explanation.parts.map { "\($0.name) \(String(format: "%+.2f", $0.value))" }.joined(separator: ", ")
        return "score \(String(format: "%.2f", explanation.score)): \(parts); aspect \(explanation.aspect.rawValue) (from \(explanation.aspectFrom)); subject in \(explanation.subjectFrom)"
    }

    /// How the question was understood, one line per part (for `--explain`).
    static func understandingLines(_ query: StructuredQuery) -> [String] {
        var lines: [String] = []
        if !query.corrections.isEmpty { lines.append("corrections: " + query.corrections.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")) }
        if query.focus != query.corrected { lines.append("focus: \(query.focus)") }
        lines.append("concepts: " + (query.mentions.isEmpty ? "none" : query.mentions.map { "\($0.text) = \($0.concept.name) [\($0.concept.id)] \($0.role.rawValue)" }.joined(separator: "; ")))
        lines.append("asked: \(query.intent.rawValue)" + (query.alsoAsked.isEmpty ? "" : ", also " + query.alsoAsked.map(\.rawValue).joined(separator: ", "))
                     + (query.details.isEmpty ? "" : "; details: " + query.details.map(\.rawValue).joined(separator: ", ")))
        if !query.qualifiers.isEmpty { lines.append("qualifiers: " + query.qualifiers.map { "\($0.label) (\($0.kind.rawValue))" }.joined(separator: ", ")) }
        if !query.otherWords.isEmpty { lines.append("other words: " + query.otherWords.joined(separator: ", ")) }
        if !query.publishers.isEmpty { lines.append("guidance of: " + query.publishers.joined(separator: ", ")) }
        return lines
    }
}
