/// Final touches on a line of text taken from HTML.
enum HTMLTextCleanup {
    /// Inline tags that some summaries escaped twice (`&lt;sup&gt;2&lt;/sup&gt;`), so that they
    /// reach the text as `<sup>2</sup>`; they are removed like the markup they are.
    static let doublyEscapedTags: Set<String> = ["sup", "sub", "em", "i", "b", "strong", "u", "span", "br", "p", "br/"]

    /// Repairs UTF-8 read as Latin-1, removes invisible characters (zero-width space, BOM, soft
    /// hyphen) and twice-escaped inline tags, collapses whitespace, and writes a run of ☢
    /// symbols without spaces.
    static func clean(_ text: String) -> String {
        var text = text
        // Most lines are ASCII: one pass over the bytes decides whether the slower repairs apply.
        var mayBeMojibake = false, mayHaveInvisible = false
        for byte in text.utf8 where byte >= 0x80 {
            if byte == 0xC3 { mayBeMojibake = true }  // U+00C2–U+00F4 are C3 82–C3 B4 in UTF-8
            if byte == 0xC2 || byte == 0xE2 || byte == 0xEF { mayHaveInvisible = true; mayBeMojibake = true }
        }
        if mayBeMojibake, text.unicodeScalars.contains(where: { (0xC2...0xF4).contains($0.value) }) { text = repairingMojibake(text) }
        if mayHaveInvisible, text.unicodeScalars.contains(where: { $0 == "\u{200B}" || $0 == "\u{FEFF}" || $0 == "\u{00AD}" }) {
            text.unicodeScalars.removeAll { $0 == "\u{200B}" || $0 == "\u{FEFF}" || $0 == "\u{00AD}" }
        }
        if text.utf8.contains(0x3C) { text = removingDoublyEscapedTags(text) }  // "<"
        text = text.collapsingWhitespace
        while text.containsBytes("☢ ☢") { text = text.replacingOccurrences(of: "☢ ☢", with: "☢☢") }
        return text
    }

    /// Text whose UTF-8 bytes were once decoded as Latin-1 ("ï¬\u{81}" for "ﬁ", "â\u{80}\u{93}"
    /// for "–", "Ä¸" for "ĸ"): a lead character U+00C2–U+00F4 followed at once by the
    /// continuation characters U+0080–U+00BF its UTF-8 length needs, which decode as UTF-8,
    /// become the character they encode.
    static func repairingMojibake(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let lead = scalars[index].value
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if (0xC2...0xF4).contains(lead), index + length <= scalars.count,
               scalars[(index + 1)..<(index + length)].allSatisfy({ (0x80...0xBF).contains($0.value) }) {
                let bytes = scalars[index..<(index + length)].map { UInt8($0.value) }
                if let decoded = String(validating: bytes, as: UTF8.self), decoded.unicodeScalars.count == 1 {
                    out.append(contentsOf: decoded.unicodeScalars)
                    index += length
                    continue
                }
            }
            out.append(scalars[index])
            index += 1
        }
        return String(out)
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
