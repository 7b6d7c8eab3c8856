/// A score, scale or code written as one token of letters with digits or capitals joined by a
/// hyphen ("CHA2DS2-VASc", "HAS-BLED", "PHQ-9", "CURB-65"), that no concept of the vocabulary covers.
struct CodedTerm: Equatable {
    /// The token as written, without surrounding punctuation.
    let text: String
    /// The indices of the question's words it spans.
    let words: Range<Int>

    /// The coded terms of `text` whose words no concept covers.
    static func find(in text: String, words: [LexiconText.Word], covered: Set<Int>) -> [CodedTerm] {
        var found: [CodedTerm] = []
        var index = 0
        while index < words.count {
            // Words joined with nothing or a hyphen between them make one token.
            var end = index + 1
            while end < words.count {
                let gap = text[words[end - 1].range.upperBound..<words[end].range.lowerBound]
                guard gap.isEmpty || gap == "-" else { break }
                end += 1
            }
            let span = index..<end
            let token = String(text[words[index].range.lowerBound..<words[end - 1].range.upperBound])
            if isCoded(token), !span.contains(where: covered.contains) {
                found.append(CodedTerm(text: token, words: span))
            }
            index = end
        }
        return found
    }

    /// Whether the code is a numbered form of its first word ("PHQ-9", "CURB-65"): that word
    /// may name it as an abbreviation does.
    func isNumbered(in words: [LexiconText.Word]) -> Bool {
        self.words.dropFirst().allSatisfy { words[$0].original.allSatisfy(\.isNumber) }
    }

    /// Letters with digits ("CHA2DS2-VASc", "PHQ-9"), or upper-case parts joined by a hyphen ("HAS-BLED").
    static func isCoded(_ token: String) -> Bool {
        guard token.utf8.count >= 4, token.first?.isLetter == true else { return false }
        let letters = token.filter(\.isLetter).count, digits = token.filter(\.isNumber).count
        if digits > 0 { return letters >= 2 && token.filter(\.isUppercase).count >= 2 }
        let parts = token.split(separator: "-")
        return parts.count >= 2 && parts.allSatisfy { $0.count >= 2 && $0.allSatisfy { $0.isUppercase || $0.isNumber } }
    }
}
