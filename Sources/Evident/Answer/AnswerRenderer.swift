import Foundation

/// Renders an answer as terminal text, Markdown or a self-contained HTML page. Source text is
/// data: every renderer escapes it for its medium.
public enum AnswerRenderer {
    /// Plain or terminal text. `emphasis` adds bold headings (ANSI), `width` wraps lines.
    public static func text(_ answer: Answer, width: Int = 100, emphasis: Bool = false) -> String {
        func bold(_ s: String) -> String { emphasis ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func clean(_ s: String) -> String { s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F || $0 == "\n" }.map(String.init).joined() }
        func cites(_ numbers: [Int]) -> String { " [" + numbers.map(String.init).joined(separator: ", ") + "]" }
        var lines: [String] = []
        func paragraph(_ text: String, indent: String = "", hanging: String = "") {
            lines += TextWrapping.wrap(text, width: width, first: indent, rest: hanging)
        }
        if let message = answer.message {
            paragraph(clean(message))
            lines.append("")
            paragraph(clean(answer.disclaimer))
            return lines.joined(separator: "\n")
        }
        lines.append(bold("From the Guidelines"))
        for statement in answer.guidelines.summary { paragraph(clean(statement.text) + cites(statement.citations)) }
        if let note = answer.guidelines.note { paragraph(clean(note)) }
        for section in answer.guidelines.sections {
            lines.append(bold(clean(section.heading)))
            for statement in section.statements {
                let label = statement.label.map { clean($0) + ": " } ?? ""
                paragraph(label + clean(statement.text) + cites(statement.citations), indent: "- ", hanging: "  ")
            }
        }
        lines.append("")
        lines.append(bold("From the Research"))
        if let note = answer.research.note { paragraph(clean(note)) }
        for section in answer.research.sections {
            lines.append(bold(clean(section.heading)))
            for statement in section.statements {
                paragraph(clean(statement.text) + cites(statement.citations), indent: "- ", hanging: "  ")
            }
        }
        if !answer.references.isEmpty {
            lines.append("")
            lines.append(bold("References"))
            for reference in answer.references {
                let number = "\(reference.number). "
                paragraph(clean(reference.citation), indent: number, hanging: String(repeating: " ", count: number.count))
            }
        }
        lines.append("")
        paragraph(clean(answer.disclaimer))
        return lines.joined(separator: "\n")
    }

    /// Markdown with escaped source text; citations link to the reference list.
    public static func markdown(_ answer: Answer) -> String {
        func escape(_ s: String) -> String {
            var out = ""
            for character in s {
                if "\\`*_{}[]<>()#+-!|~".contains(character) { out.append("\\") }
                if character == "\n" { out.append(" "); continue }
                out.append(character)
            }
            return out
        }
        func cites(_ numbers: [Int]) -> String { " " + numbers.map { "[\($0)](#ref-\($0))" }.joined(separator: ", ") }
        var lines: [String] = []
        if let message = answer.message {
            return escape(message) + "\n\n_" + escape(answer.disclaimer) + "_\n"
        }
        lines.append("## From the Guidelines\n")
        for statement in answer.guidelines.summary { lines.append(escape(statement.text) + cites(statement.citations) + "\n") }
        if let note = answer.guidelines.note { lines.append(escape(note) + "\n") }
        for section in answer.guidelines.sections {
            lines.append("### " + escape(section.heading) + "\n")
            for statement in section.statements {
                let label = statement.label.map { "**" + escape($0) + ":** " } ?? ""
                lines.append("- " + label + escape(statement.text) + cites(statement.citations))
            }
            lines.append("")
        }
        lines.append("## From the Research\n")
        if let note = answer.research.note { lines.append(escape(note) + "\n") }
        for section in answer.research.sections {
            lines.append("### " + escape(section.heading) + "\n")
            for statement in section.statements { lines.append("- " + escape(statement.text) + cites(statement.citations)) }
            lines.append("")
        }
        if !answer.references.isEmpty {
            lines.append("## References\n")
            for reference in answer.references {
                let link = WebLink.web(reference.link).map { " <\($0)>" } ?? ""
                lines.append("\(reference.number). <a id=\"ref-\(reference.number)\"></a>" + escape(reference.citation) + link)
            }
            lines.append("")
        }
        lines.append("_" + escape(answer.disclaimer) + "_")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One self-contained HTML page (well-formed, so it parses as XML too); all source text
    /// escaped; citations link to references; only http(s) links (``WebLink``).
    public static func html(_ answer: Answer) -> String {
        func escape(_ s: String) -> String {
            var out = ""
            for character in s {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.append(character)
                }
            }
            return out
        }
        func cites(_ numbers: [Int]) -> String {
            " <sup>" + numbers.map { "<a href=\"#ref-\($0)\">\($0)</a>" }.joined(separator: ", ") + "</sup>"
        }
        func statementHTML(_ statement: Answer.Statement) -> String {
            let label = statement.label.map { "<strong>\(escape($0)):</strong> " } ?? ""
            let quote = statement.evidence.map { "\(escape($0.passageId)): \(escape($0.quote))" }.joined(separator: " | ")
            return "<li title=\"\(quote)\">" + label + escape(statement.text) + cites(statement.citations) + "</li>"
        }
        var body: [String] = ["<h1>\(escape(answer.question))</h1>"]
        if let message = answer.message {
            body.append("<p class=\"message\">\(escape(message))</p>")
        } else {
            body.append("<h2>From the Guidelines</h2>")
            for statement in answer.guidelines.summary { body.append("<p>" + escape(statement.text) + cites(statement.citations) + "</p>") }
            if let note = answer.guidelines.note { body.append("<p class=\"note\">\(escape(note))</p>") }
            for section in answer.guidelines.sections {
                body.append("<h3>\(escape(section.heading))</h3><ul>" + section.statements.map(statementHTML).joined() + "</ul>")
            }
            body.append("<h2>From the Research</h2>")
            if let note = answer.research.note { body.append("<p class=\"note\">\(escape(note))</p>") }
            for section in answer.research.sections {
                body.append("<h3>\(escape(section.heading))</h3><ul>" + section.statements.map(statementHTML).joined() + "</ul>")
            }
            if !answer.references.isEmpty {
                body.append("<h2>References</h2><ol class=\"references\">")
                for reference in answer.references {
                    // The citation (which may show a non-web URL as text) is escaped data; only
                    // the reference's `link`, an http(s) address, becomes an href.
                    var citation = escape(reference.citation)
                    if let link = WebLink.web(reference.link) {
                        citation += " <a href=\"\(escape(link))\" rel=\"noopener noreferrer\">\(escape(link))</a>"
                    }
                    body.append("<li id=\"ref-\(reference.number)\" value=\"\(reference.number)\">\(citation)</li>")
                }
                body.append("</ol>")
            }
        }
        body.append("<p class=\"disclaimer\">\(escape(answer.disclaimer))</p>")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(answer.question)) — Evident</title>
            <style>
            body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
            h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
            h3{font-size:1rem;margin-bottom:.3rem}sup a{text-decoration:none}.note,.disclaimer{color:#57606a}
            .references li{margin-bottom:.4rem;font-size:.92rem}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>
            """
    }
}
