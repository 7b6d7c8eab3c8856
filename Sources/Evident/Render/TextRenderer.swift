extension AnswerRenderer {
    /// Plain or terminal text. `emphasis` adds bold headings (ANSI), `width` wraps lines.
    public static func text(_ answer: Answer, width: Int = 100, emphasis: Bool = false) -> String {
        func bold(_ s: String) -> String { emphasis ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func dim(_ s: String) -> String { emphasis ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
        func cites(_ numbers: [Int]) -> String { numbers.isEmpty ? "" : " [" + numbers.map(String.init).joined(separator: ", ") + "]" }
        var lines: [String] = []
        func paragraph(_ text: String, indent: String = "", hanging: String = "") {
            lines += TextWrapping.wrap(text, width: width, first: indent, rest: hanging)
        }
        func statement(_ statement: Answer.Statement, bullet: Bool) {
            let label = statement.label.map { clean($0) + ": " } ?? ""
            let grade = gradeSuffix(statement).map { " " + clean($0) } ?? ""
            let body = label + clean(statement.text) + grade + cites(statement.citations)
            paragraph(body, indent: bullet ? "- " : "", hanging: bullet ? "  " : "")
            for item in statement.items ?? [] { paragraph(clean(item), indent: bullet ? "    • " : "  • ", hanging: bullet ? "      " : "    ") }
            if let explanation = statement.explain { paragraph(dim(explanationLine(explanation)), indent: "    ", hanging: "    ") }
        }
        func sections(_ sections: [Answer.Section]) {
            for section in sections {
                lines.append(bold(clean(section.heading)))
                for item in section.statements { statement(item, bullet: true) }
            }
        }
        if let corrected = answer.correctedQuestion { paragraph("Showing results for: " + clean(corrected)); lines.append("") }
        if let query = answer.explain {
            for line in understandingLines(query) { paragraph(dim(clean(line))) }
            lines.append("")
        }
        if let message = answer.message {
            // No statement was made, so there is nothing for the disclaimer to qualify.
            paragraph(clean(message))
            return lines.joined(separator: "\n")
        }
        for note in answer.notes { paragraph(clean(note)) }
        if !answer.notes.isEmpty { lines.append("") }
        if !answer.guidelines.isEmpty {
            lines.append(bold("From the Guidelines"))
            for item in answer.guidelines.summary { statement(item, bullet: false) }
            if let note = answer.guidelines.note { paragraph(clean(note)) }
            sections(answer.guidelines.sections)
            lines.append("")
        }
        if !answer.research.isEmpty {
            lines.append(bold("From the Research"))
            if let note = answer.research.note { paragraph(clean(note)) }
            sections(answer.research.sections)
        }
        if !answer.references.isEmpty {
            lines.append("")
            lines.append(bold("References"))
            for reference in answer.references {
                let number = "\(reference.number). "
                let link = WebLink.web(reference.link).map { " " + $0 } ?? ""
                paragraph(clean(reference.citation) + (reference.pmid == nil && reference.doi == nil ? "" : link),
                          indent: number, hanging: String(repeating: " ", count: number.count))
            }
        }
        lines.append("")
        paragraph(clean(answer.disclaimer))
        return lines.joined(separator: "\n")
    }

    /// Source text for a terminal: control characters (escape sequences, bells) removed.
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { ($0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)) || $0 == "\n" }))
    }
}
