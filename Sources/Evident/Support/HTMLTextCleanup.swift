/// Final touches on a line of text taken from HTML.
enum HTMLTextCleanup {
    /// Inline tags that some summaries escaped twice (`&lt;sup&gt;2&lt;/sup&gt;`), so that they
    /// reach the text as `<sup>2</sup>`; they are removed like the markup they are.
    static let doublyEscapedTags: Set<String> = ["sup", "sub", "em", "i", "b", "strong", "u", "span", "br", "p", "br/"]

    /// Removes invisible characters (zero-width space, BOM, soft hyphen), twice-escaped inline
    /// tags, collapses whitespace, and writes a run of ☢ symbols without spaces.
    static func clean(_ text: String) -> String {
        var text = text
        if text.unicodeScalars.contains(where: { $0 == "\u{200B}" || $0 == "\u{FEFF}" || $0 == "\u{00AD}" }) {
            text.unicodeScalars.removeAll { $0 == "\u{200B}" || $0 == "\u{FEFF}" || $0 == "\u{00AD}" }
        }
        if text.contains("<") { text = removingDoublyEscapedTags(text) }
        text = text.collapsingWhitespace
        while text.contains("☢ ☢") { text = text.replacingOccurrences(of: "☢ ☢", with: "☢☢") }
        return text
    }

    /// `m<sup>2</sup>` → `m2`; any other `<` stays (`<C>ABCDE`, `<T3 stage`).
    static func removingDoublyEscapedTags(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].prefix(8).firstIndex(of: ">") {
                var name = rest[afterOpen..<close].lowercased()
                if name.hasPrefix("/") { name.removeFirst() }
                name = name.replacingOccurrences(of: " ", with: "")
                if doublyEscapedTags.contains(name) {
                    rest = rest[rest.index(after: close)...]
                    continue
                }
            }
            out.append("<")
            rest = rest[afterOpen...]
        }
        return out + rest
    }
}
