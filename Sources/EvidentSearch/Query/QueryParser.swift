/// Parses query text: free words, `"quoted phrases"`, `+required` and `-excluded` words or
/// phrases (`+"heart failure"`, `-"case report"`).
public struct QueryParser: Sendable {
    public let analyzer: Analyzer
    let stems: StemCache?

    /// Creates a parser using the index's analyzer (and, optionally, a shared stem cache).
    public init(analyzer: Analyzer, stems: StemCache? = nil) {
        self.analyzer = analyzer
        self.stems = stems
    }

    /// Parses `text` into a ``SearchQuery``.
    public func parse(_ text: String) -> SearchQuery {
        var query = SearchQuery()
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if Self.isSpace(character) { index = text.index(after: index); continue }
            var modifier: Character?
            if character == "+" || character == "-" {
                let next = text.index(after: index)
                // A leading +/- counts only if it directly precedes a word or a quote.
                if next < text.endIndex, !Self.isSpace(text[next]) {
                    modifier = character
                    index = next
                }
            }
            if index < text.endIndex, text[index] == "\"" {
                let start = text.index(after: index)
                let end = text[start...].firstIndex(of: "\"") ?? text.endIndex
                let tokens = analyzer.tokens(String(text[start..<end]), cache: stems)
                index = end < text.endIndex ? text.index(after: end) : end
                guard !tokens.isEmpty else { continue }
                if tokens.count == 1 {
                    add(tokens[0].term, modifier: modifier ?? "+", to: &query)
                    continue
                }
                let phrase = SearchQuery.Phrase(terms: tokens.map(\.term), offsets: tokens.map { $0.position - tokens[0].position })
                if modifier == "-" { query.excludedPhrases.append(phrase) } else { query.phrases.append(phrase) }
                continue
            }
            let end = text[index...].firstIndex(where: Self.isSpace) ?? text.endIndex
            for term in analyzer.terms(String(text[index..<end]), cache: stems) { add(term, modifier: modifier, to: &query) }
            index = end
        }
        return query
    }

    /// Whitespace, with a fast path for ASCII (Character.isWhitespace looks Unicode tables up).
    private static func isSpace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return character.isWhitespace
    }

    private func add(_ term: String, modifier: Character?, to query: inout SearchQuery) {
        switch modifier {
        case "+": query.required.append(term)
        case "-": query.excluded.append(term)
        default: query.should.append(term)
        }
    }
}
