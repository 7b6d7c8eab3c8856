import Foundation

/// Finds abbreviations defined in running text, "benign prostatic hyperplasia (BPH)", with the
/// Schwartz–Hearst algorithm (Schwartz & Hearst, "A simple algorithm for identifying
/// abbreviation definitions in biomedical text", PSB 2003): the short form is the text in
/// parentheses; its long form is the shortest run of preceding words whose characters contain
/// the short form's letters in order, the first letter starting a word.
enum AbbreviationMiner {
    /// A short form and the long form it abbreviates in one place of a text.
    struct Definition: Hashable {
        var short: String
        var long: String
    }

    /// Short forms that are statistics or Latin, not names ("CI", "OR", "e.g.").
    static let ignored: Set<String> = ["CI", "OR", "HR", "RR", "SD", "SE", "SEM", "IQR", "NS", "NA", "AUC", "ROC", "USA", "US", "UK", "EU", "NIH", "FDA", "WHO", "II", "III", "IV", "VI", "MD", "PhD", "RN"]

    /// The definitions in `text`.
    static func definitions(in text: String) -> [Definition] {
        guard text.utf8.contains(UInt8(ascii: "(")) else { return [] }
        var result: [Definition] = []
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            guard utf8[index] == UInt8(ascii: "(") else { index = utf8.index(after: index); continue }
            let open = index
            index = utf8.index(after: index)
            // The parenthesis must close within 12 bytes (a short form is short).
            var close = index
            var length = 0
            while close < utf8.endIndex, utf8[close] != UInt8(ascii: ")"), length < 12 { close = utf8.index(after: close); length += 1 }
            guard close < utf8.endIndex, utf8[close] == UInt8(ascii: ")") else { continue }
            var inside = text[index..<close]
            if let cut = inside.firstIndex(where: { $0 == ";" || $0 == "," }) { inside = inside[..<cut] }
            let short = String(inside.trimmingWhitespace)
            guard isShortForm(short), !ignored.contains(short) else { continue }
            // The words before it: at most a few hundred bytes back.
            var from = open
            var back = 0
            while from > utf8.startIndex, back < 240 { from = utf8.index(before: from); back += 1 }
            while from > utf8.startIndex, utf8[from] & 0xC0 == 0x80 { from = utf8.index(before: from) }
            let words = text[from..<open].split(whereSeparator: { $0 == " " || $0 == "\n" })
            let window = min(short.count + 5, short.count * 2)
            guard words.count > (from == utf8.startIndex ? 0 : 1) else { continue }
            let candidate = words.suffix(from == utf8.startIndex ? window : min(window, words.count - 1)).joined(separator: " ")
            guard let long = longForm(short: short, candidate: candidate) else { continue }
            result.append(Definition(short: short, long: long))
        }
        return result
    }

    /// 2–10 characters, at most two words, starting with a letter or digit, with at least one
    /// upper-case letter (lower-case parentheticals are mostly words, not abbreviations).
    static func isShortForm(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (2...10).contains(bytes.count), let first = bytes.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) || (first >= 0x30 && first <= 0x39),
              bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }), bytes.filter({ $0 == 0x20 }).count <= 1 else { return false }
        // Letters, digits, hyphens and one space only: no statistics ("P < 0.05", "95%").
        return bytes.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x20 || $0 == 0x2F }
    }

    /// The shortest tail of `candidate` that the short form abbreviates, or nil.
    static func longForm(short: String, candidate: String) -> String? {
        let shortCharacters = Array(short.lowercased())
        let longCharacters = Array(candidate.lowercased())
        var shortIndex = shortCharacters.count - 1
        var longIndex = longCharacters.count - 1
        while shortIndex >= 0 {
            let character = shortCharacters[shortIndex]
            guard character.isLetter || character.isNumber else { shortIndex -= 1; continue }
            while longIndex >= 0 && (longCharacters[longIndex] != character
                    || (shortIndex == 0 && longIndex > 0 && (longCharacters[longIndex - 1].isLetter || longCharacters[longIndex - 1].isNumber))) {
                longIndex -= 1
            }
            if longIndex < 0 { return nil }
            longIndex -= 1
            shortIndex -= 1
        }
        let original = Array(candidate)
        var start = longIndex + 1
        while start > 0 && original[start - 1] != " " { start -= 1 }
        var long = String(original[start...]).trimmingCharacters(in: CharacterSet(charactersIn: " ,;:\"'[]{}"))
        for determiner in ["the ", "a ", "an ", "The ", "A ", "An "] where long.hasPrefix(determiner) { long = String(long.dropFirst(determiner.count)) }
        let longWords = long.split(separator: " ").count
        guard long.count > short.count, longWords >= 1, longWords <= min(short.count + 5, short.count * 2),
              !long.lowercased().contains(short.lowercased()), long.contains(where: \.isLetter),
              !long.contains("("), !long.contains(")") else { return nil }
        return long
    }

    /// Names a page gives its subject: "X, also called Y," / "also known as Y", when X (the
    /// words just before, within the sentence) names the subject (`subject`, normalised).
    static func alsoCalled(in text: String, subject: String) -> [String] {
        var names: [String] = []
        for marker in ["also called ", "Also called ", "also known as ", "Also known as ", "sometimes called ", "formerly called ", "formerly known as "] {
            var from = text.startIndex
            while from < text.endIndex, let offset = text[from...].firstByteOffset(of: marker) {
                let markerStart = text.utf8.index(from, offsetBy: offset)
                let start = text.utf8.index(markerStart, offsetBy: marker.utf8.count)
                from = start
                // The name must be the subject's: the clause before the marker names it.
                let before = text[text.startIndex..<markerStart].suffix(160)
                let clause = before.split(whereSeparator: { $0 == "." || $0 == "\n" || $0 == ";" }).last.map(String.init) ?? ""
                guard !subject.isEmpty, LexiconText.key(String(clause.suffix(80))).hasSuffix(subject)
                        || LexiconText.key(String(clause.suffix(80))).hasSuffix(subject + " ") else { continue }
                let tail = text[start...].prefix { !",.;:()[]".contains($0) }.prefix(120)
                for piece in tail.components(separatedBy: " or ") {
                    var name = piece.trimmingCharacters(in: CharacterSet(charactersIn: " \"'“”‘’"))
                    for determiner in ["the ", "a ", "an "] where name.lowercased().hasPrefix(determiner) { name = String(name.dropFirst(determiner.count)) }
                    let words = name.split(separator: " ").count
                    if words >= 1, words <= 6, name.count >= 3, name.contains(where: \.isLetter) { names.append(name) }
                }
            }
        }
        return names
    }
}
