/// Splits passage text into sentences, keeping each as an exact substring of the passage (so a
/// statement's quote can always be found in its source).
///
/// A sentence ends at `.`, `?` or `!` followed by space and an upper-case letter, a digit or an
/// opening bracket, and at every line break (guideline passages put list items on lines). It
/// does not end after abbreviations ("e.g.", "i.e.", "et al.", "vs.", "Fig. 2", "U.S.", "Dr."),
/// single-letter initials ("J. Smith"), or inside decimals ("2.5 mg").
public enum SentenceSplitter {
    /// Lower-cased abbreviations (without their final period) after which a period is not an end.
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "al", "vs", "etc", "fig", "figs", "approx", "ca", "cf", "dr", "mr", "mrs", "ms", "prof",
        "no", "nos", "vol", "pp", "p", "u.s", "u.k", "e.u", "st", "jr", "sr", "inc", "ltd", "co", "dept", "eq",
        "ref", "refs", "resp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "viz", "incl",
    ]

    /// The sentences of `text`, each trimmed, in order.
    public static func sentences(_ text: String) -> [Substring] {
        sentences(text[...])
    }

    /// The sentences of a substring, as substrings of the same string.
    public static func sentences(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        func emit(_ end: String.Index) {
            let sentence = text[start..<end].trimmingWhitespace
            if !sentence.isEmpty { result.append(sentence) }
        }
        // Scan bytes; only at a line break or a `.`, `?`, `!` look at characters.
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                emit(index)
                var next = utf8.index(after: index)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                index = next
                continue
            } else if byte == 0x2E || byte == 0x3F || byte == 0x21 {
                let after = utf8.index(after: index)
                if isBoundary(in: text, at: index, after: after) {
                    // Keep closing quotes/brackets with the sentence.
                    var end = after
                    while end < text.endIndex, "\"'”’)]".contains(text[end]) { end = text.index(after: end) }
                    emit(end)
                    start = end
                    index = end
                    continue
                }
            }
            index = utf8.index(after: index)
        }
        emit(text.endIndex)
        return result
    }

    private static func isBoundary(in text: Substring, at period: String.Index, after: String.Index) -> Bool {
        // Must be followed by whitespace, then an upper-case letter, digit or opening bracket/quote.
        var next = after
        while next < text.endIndex, "\"'”’)]".contains(text[next]) { next = text.index(after: next) }
        guard next < text.endIndex, text[next] == " " || text[next] == "\t" else { return next == text.endIndex }
        while next < text.endIndex, text[next] == " " || text[next] == "\t" { next = text.index(after: next) }
        guard next < text.endIndex else { return true }
        let following = text[next]
        guard following.isUppercase || following.isNumber || "([\"'“‘".contains(following) else { return false }
        guard text[period] == "." else { return true }
        // The word before the period.
        var wordStart = period
        while wordStart > text.startIndex {
            let previous = text.index(before: wordStart)
            let character = text[previous]
            if character.isLetter || character.isNumber || character == "." { wordStart = previous } else { break }
        }
        let word = text[wordStart..<period].lowercased()
        if word.isEmpty { return true }
        if abbreviations.contains(word) { return false }
        // A single letter is an initial ("J. Smith"), unless it ends a parenthesised label.
        if word.count == 1, word.first!.isLetter { return false }
        // "U.S." and the like: letters separated by periods.
        if word.contains("."), word.split(separator: ".").allSatisfy({ $0.count == 1 }) { return false }
        return true
    }
}

extension Substring {
    /// The substring without leading and trailing whitespace.
    var trimmingWhitespace: Substring {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}
