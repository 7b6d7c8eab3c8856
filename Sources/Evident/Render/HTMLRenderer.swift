extension AnswerRenderer {
    /// One self-contained HTML page (well-formed, so it parses as XML too); all source text
    /// escaped; citations link to references; only http(s) links (``WebLink``).
    public static func html(_ answer: Answer) -> String {
        func cites(_ numbers: [Int]) -> String {
            numbers.isEmpty ? "" : " <sup>" + numbers.map { "<a href=\"#ref-\($0)\">\($0)</a>" }.joined(separator: ", ") + "</sup>"
        }
        func statementHTML(_ statement: Answer.Statement, element: String) -> String {
            let label = statement.label.map { "<strong>\(escapeHTML($0)):</strong> " } ?? ""
            let grade = gradeSuffix(statement).map { " <span class=\"grade\" title=\"\(escapeHTML(statement.strength?.definition ?? ""))\">\(escapeHTML($0))</span>" } ?? ""
            let quote = statement.evidence.map { "\($0.passageId): \($0.quote)" }.joined(separator: " | ")
            var html = "<\(element) title=\"\(escapeHTML(quote))\">" + label + escapeHTML(statement.text) + grade + cites(statement.citations)
            if let items = statement.items { html += "<ul>" + items.map { "<li>\(escapeHTML($0))</li>" }.joined() + "</ul>" }
            if let explanation = statement.explain { html += "<div class=\"explain\">\(escapeHTML(explanationLine(explanation)))</div>" }
            return html + "</\(element)>"
        }
        func sectionHTML(_ section: Answer.Section) -> String {
            "<h3>\(escapeHTML(section.heading))</h3><ul>" + section.statements.map { statementHTML($0, element: "li") }.joined() + "</ul>"
        }
        var body: [String] = ["<h1>\(escapeHTML(answer.question))</h1>"]
        if let corrected = answer.correctedQuestion { body.append("<p class=\"note\">Showing results for: \(escapeHTML(corrected))</p>") }
        if let query = answer.explain { body.append("<pre class=\"explain\">" + understandingLines(query).map(escapeHTML).joined(separator: "\n") + "</pre>") }
        if let message = answer.message {
            body.append("<p class=\"message\">\(escapeHTML(message))</p>")
        } else {
            for note in answer.notes { body.append("<p class=\"note\">\(escapeHTML(note))</p>") }
            if !answer.guidelines.isEmpty {
                body.append("<h2>From the Guidelines</h2>")
                for statement in answer.guidelines.summary { body.append(statementHTML(statement, element: "p")) }
                if let note = answer.guidelines.note { body.append("<p class=\"note\">\(escapeHTML(note))</p>") }
                body += answer.guidelines.sections.map(sectionHTML)
            }
            if !answer.research.isEmpty {
                body.append("<h2>From the Research</h2>")
                if let note = answer.research.note { body.append("<p class=\"note\">\(escapeHTML(note))</p>") }
                body += answer.research.sections.map(sectionHTML)
            }
            if !answer.references.isEmpty {
                body.append("<h2>References</h2><ol class=\"references\">")
                for reference in answer.references {
                    // The citation (which may show a non-web URL as text) is escaped data; only
                    // the reference's `link`, an http(s) address, becomes an href.
                    var citation = escapeHTML(reference.citation)
                    if let link = WebLink.web(reference.link) {
                        citation += " <a href=\"\(escapeHTML(link))\" rel=\"noopener noreferrer\">\(escapeHTML(link))</a>"
                    }
                    body.append("<li id=\"ref-\(reference.number)\" value=\"\(reference.number)\">\(citation)</li>")
                }
                body.append("</ol>")
            }
            body.append("<p class=\"disclaimer\">\(escapeHTML(answer.disclaimer))</p>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escapeHTML(answer.question)) — Evident</title>
            <style>
            body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
            h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
            h3{font-size:1rem;margin-bottom:.3rem}sup a{text-decoration:none}.note,.disclaimer{color:#57606a}
            .references li{margin-bottom:.4rem;font-size:.92rem}.grade{font-weight:600}.explain{color:#57606a;font-size:.8rem}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>
            """
    }

    /// Source text for HTML: `& < > " '` as entities, control characters removed.
    static func escapeHTML(_ s: String) -> String {
        var out = ""
        for character in clean(s) {
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
}
