/// Splits a flat abstract with inline section labels ("BACKGROUND: ... RESULTS: ...") into
/// labelled passages, as MEDLINE text exports write structured abstracts.
enum StructuredAbstract {
    /// Labels must be upper-case words (spaces, '&', '/' allowed) followed by ": ".
    static func sections(of abstract: String) -> [Passage] {
        var passages: [Passage] = []
        var label: String?
        var current = ""
        var index = abstract.startIndex
        while index < abstract.endIndex {
            if let (found, after) = labelStarting(at: index, in: abstract), index == abstract.startIndex || abstract[abstract.index(before: index)] == " " {
                if let text = current.nonEmpty { passages.append(Passage(label: label, text: text)) }
                label = found
                current = ""
                index = after
                continue
            }
            current.append(abstract[index])
            index = abstract.index(after: index)
        }
        if let text = current.nonEmpty { passages.append(Passage(label: label, text: text)) }
        return passages
    }

    private static func labelStarting(at start: String.Index, in text: String) -> (String, String.Index)? {
        var index = start
        var letters = 0
        while index < text.endIndex {
            let character = text[index]
            if character == ":" {
                let after = text.index(after: index)
                guard letters >= 4, after < text.endIndex, text[after] == " " else { return nil }
                let label = text[start..<index].trimmingCharacters(in: .whitespaces)
                return (label, text.index(after: after))
            }
            if character.isUppercase { letters += 1 } else if !(character == " " || character == "&" || character == "/") { return nil }
            if text.distance(from: start, to: index) > 40 { return nil }
            index = text.index(after: index)
        }
        return nil
    }
}
