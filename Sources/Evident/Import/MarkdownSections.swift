import Foundation

/// Splits Markdown into passages, one per heading, each labelled with its heading path.
///
/// Inline markup is removed (`**bold**`, `*em*`, `` `code` ``, `[text](url)`); list items and
/// paragraphs each end up on their own line; a table row becomes "first cell: other cells"
/// under its header; a fenced block (a decision diagram) becomes its own passage labelled
/// `DIAGRAM`, kept verbatim, so prose and diagrams are never mixed.
enum MarkdownSections {
    static func passages(from markdown: String) -> (title: String?, passages: [Passage]) {
        var title: String?
        var path: [(level: Int, text: String)] = []
        var passages: [Passage] = []
        var lines: [String] = []
        var paragraph: [String] = []
        var fence: [String]?
        var tableHeader: [String]?
        // List context: a paragraph ending with ":" introduces the list after it, an item ending
        // with ":" the items nested under it. Items are written "lead-in: item" (as the NGC
        // importer writes them), so each line keeps the context that makes it true.
        var pendingLeadIn: String?
        var listStack: [(indent: Int, leadIn: String)] = []

        func heading() -> String? { path.isEmpty ? nil : path.map(\.text).joined(separator: " > ") }
        func endParagraph() {
            if !paragraph.isEmpty {
                let text = paragraph.joined(separator: " ")
                lines.append(text)
                pendingLeadIn = text.hasSuffix(":") ? String(text.dropLast()) : nil
                listStack = []
            }
            paragraph = []
        }
        func flush() {
            endParagraph()
            let text = lines.compactMap(\.nonEmpty).joined(separator: "\n")
            if !text.isEmpty { passages.append(Passage(label: path.last?.text.uppercased(), heading: heading(), text: text)) }
            lines = []
        }

        for raw in markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw)
            if var block = fence {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    flush()
                    let text = block.joined(separator: "\n").trimmingCharacters(in: .newlines)
                    if !text.isEmpty { passages.append(Passage(label: "DIAGRAM", heading: heading(), text: text)) }
                    fence = nil
                } else {
                    block.append(line)
                    fence = block
                }
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { endParagraph(); fence = []; continue }
            if trimmed.isEmpty { endParagraph(); tableHeader = nil; continue }
            if let (level, text) = atxHeading(trimmed) {
                flush()
                tableHeader = nil
                pendingLeadIn = nil
                listStack = []
                if level == 1 && title == nil && path.isEmpty { title = text }
                path.removeAll { $0.level >= level }
                path.append((level, text))
                continue
            }
            if trimmed.hasPrefix("|") {
                endParagraph()
                pendingLeadIn = nil
                listStack = []
                let cells = tableCells(trimmed)
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }
                if tableHeader == nil { tableHeader = cells; continue }
                guard let first = cells.first else { continue }
                let rest = cells.dropFirst().filter { !$0.isEmpty }
                lines.append(rest.isEmpty ? first : "\(first): \(rest.joined(separator: "; "))")
                continue
            }
            if let item = listItem(trimmed) {
                endParagraph()
                let indent = line.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
                listStack.removeAll { $0.indent >= indent }
                let text = inline(item)
                let leadIn = listStack.last?.leadIn ?? (indent == 0 || listStack.isEmpty ? pendingLeadIn : nil)
                let written = leadIn.map { "\($0): \(text)" } ?? text
                lines.append(written)
                if written.hasSuffix(":") { listStack.append((indent, String(written.dropLast()))) }
                continue
            }
            // Anything but a list item (a table, a quote, a paragraph) ends the list context.
            pendingLeadIn = nil
            listStack = []
            if trimmed.hasPrefix(">") {
                paragraph.append(inline(String(trimmed.drop { $0 == ">" || $0 == " " })))
                continue
            }
            if trimmed.allSatisfy({ $0 == "-" || $0 == "*" || $0 == "_" }) && trimmed.count >= 3 { endParagraph(); continue }
            paragraph.append(inline(trimmed))
        }
        if let block = fence, !block.isEmpty {
            flush()
            passages.append(Passage(label: "DIAGRAM", heading: heading(), text: block.joined(separator: "\n")))
        }
        flush()
        return (title, passages)
    }

    private static func atxHeading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.count > hashes, line[line.index(line.startIndex, offsetBy: hashes)] == " " else { return nil }
        let text = inline(String(line.dropFirst(hashes)).trimmingCharacters(in: CharacterSet(charactersIn: "# ")))
        return text.isEmpty ? nil : (hashes, text)
    }

    private static func listItem(_ line: String) -> String? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return String(line.dropFirst(2))
        }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let rest = line.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return String(rest.dropFirst(2)) }
        }
        return nil
    }

    private static func tableCells(_ line: String) -> [String] {
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map { inline(String($0)) }
    }

    /// Removes inline Markdown markup, keeping the words.
    static func inline(_ text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "[", let close = text[index...].firstIndex(of: "]"),
               text.index(after: close) < text.endIndex, text[text.index(after: close)] == "(",
               let paren = text[close...].firstIndex(of: ")") {
                out += text[text.index(after: index)..<close]
                index = text.index(after: paren)
                continue
            }
            if character == "*" || character == "`" || (character == "_" && isEmphasisUnderscore(text, index)) {
                index = text.index(after: index)
                continue
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out.collapsingWhitespace
    }

    /// `_word_` emphasis, not an underscore inside an identifier such as `snake_case`.
    private static func isEmphasisUnderscore(_ text: String, _ index: String.Index) -> Bool {
        let before = index > text.startIndex ? text[text.index(before: index)] : " "
        let afterIndex = text.index(after: index)
        let after = afterIndex < text.endIndex ? text[afterIndex] : " "
        return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
    }
}
