extension AnswerRenderer {
    /// Markdown with escaped source text; citations link to the reference list.
    public static func markdown(_ answer: Answer) -> String {
        func cites(_ numbers: [Int]) -> String { numbers.isEmpty ? "" : " " + numbers.map { "[\($0)](#ref-\($0))" }.joined(separator: ", ") }
        func statement(_ statement: Answer.Statement, bullet: Bool) -> [String] {
            let label = statement.label.map { "**" + escapeMarkdown($0) + ":** " } ?? ""
            let grade = gradeSuffix(statement).map { " " + escapeMarkdown($0) } ?? ""
            var out = [(bullet ? "- " : "") + label + escapeMarkdown(statement.text) + grade + cites(statement.citations)]
            for item in statement.items ?? [] { out.append((bullet ? "    - " : "- ") + escapeMarkdown(item)) }
            if let explanation = statement.explain { out.append((bullet ? "    " : "") + "_" + escapeMarkdown(explanationLine(explanation)) + "_") }
            return out
        }
        var lines: [String] = []
        func sections(_ sections: [Answer.Section]) {
            for section in sections {
                lines.append("### " + escapeMarkdown(section.heading) + "\n")
                for item in section.statements { lines += statement(item, bullet: true) }
                lines.append("")
            }
        }
        if let corrected = answer.correctedQuestion { lines.append("_Showing results for: " + escapeMarkdown(corrected) + "_\n") }
        if let query = answer.explain { lines += understandingLines(query).map { "> " + escapeMarkdown($0) }; lines.append("") }
        if let message = answer.message {
            // No statement was made, so there is nothing for the disclaimer to qualify.
            return (lines + [escapeMarkdown(message)]).joined(separator: "\n") + "\n"
        }
        for note in answer.notes { lines.append("> " + escapeMarkdown(note) + "\n") }
        if !answer.guidelines.isEmpty {
            lines.append("## From the Guidelines\n")
            for item in answer.guidelines.summary { lines += statement(item, bullet: false); lines.append("") }
            if let note = answer.guidelines.note { lines.append(escapeMarkdown(note) + "\n") }
            sections(answer.guidelines.sections)
        }
        if !answer.research.isEmpty {
            lines.append("## From the Research\n")
            if let note = answer.research.note { lines.append(escapeMarkdown(note) + "\n") }
            sections(answer.research.sections)
        }
        if !answer.references.isEmpty {
            lines.append("## References\n")
            for reference in answer.references {
                let link = WebLink.web(reference.link).map { " <\($0)>" } ?? ""
                lines.append("\(reference.number). <a id=\"ref-\(reference.number)\"></a>" + escapeMarkdown(reference.citation) + link)
            }
            lines.append("")
        }
        lines.append("_" + escapeMarkdown(answer.disclaimer) + "_")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Source text for Markdown: every character with a Markdown meaning is backslash-escaped,
    /// line breaks become spaces, so no link, image, HTML or heading can form.
    static func escapeMarkdown(_ s: String) -> String {
        var out = ""
        for character in clean(s) {
            if "\\`*_{}[]<>()#+-!|~".contains(character) { out.append("\\") }
            if character == "\n" { out.append(" "); continue }
            out.append(character)
        }
        return out
    }
}
