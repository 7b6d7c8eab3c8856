import Foundation

/// Turns text into index terms: tokenizes over UTF-8 bytes, folds case and diacritics, spells out
/// Greek letters, keeps biomedical tokens useful, drops stop words and stems (Porter2).
///
/// Tokens: runs of letters and digits; hyphenated words are split into their parts
/// (`double-blind` → `double`, `blind`), and when a part has a digit the joined form is indexed
/// too, at the first part's position, so `IL-6` matches `IL6`, `IL-6` and `IL 6` alike
/// (`il6` + `il`, `6`; `COVID-19` → `covid19` + `covid`, `19`; `5-HT2A` → `5ht2a` + `5`, `ht2a`).
/// `0.5` stays `0.5`, and `α`/`β` become `alpha`/`beta` (`TNF-α` → `tnf`, `alpha`). Positions count
/// stop words, so phrase matching sees the gaps they leave.
public struct Analyzer: Sendable {
    /// Words dropped from indexing and queries.
    public var stopWords: Set<String> { didSet { longestStopWord = stopWords.map(\.utf8.count).max() ?? 0 } }
    /// Words longer than this are never stop words (saves hashing most words).
    private var longestStopWord: Int
    /// Whether to stem alphabetic terms with Porter2.
    public var stems: Bool

    /// The English stop words Lucene's standard analyzer uses (the usual BM25 baseline setting).
    public static let englishStopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    ]

    /// Creates an analyzer.
    public init(stopWords: Set<String> = Analyzer.englishStopWords, stems: Bool = true) {
        self.stopWords = stopWords
        self.stems = stems
        longestStopWord = stopWords.map(\.utf8.count).max() ?? 0
    }

    /// One analyzed term and its position in the text.
    public struct Token: Equatable, Sendable {
        public var term: String
        public var position: Int
    }

    /// The analyzed terms of `text`, in order, with their positions.
    public func tokens(_ text: String, cache: StemCache? = nil) -> [Token] {
        var out: [Token] = []
        analyze(text, cache: cache) { out.append(Token(term: $0, position: $1)) }
        return out
    }

    /// The analyzed terms of `text`, in order.
    public func terms(_ text: String, cache: StemCache? = nil) -> [String] {
        tokens(text, cache: cache).map(\.term)
    }

    /// Calls `body(term, position)` for every analyzed term in `text`.
    public func analyze(_ text: String, cache: StemCache? = nil, _ body: (String, Int) -> Void) {
        forEachWord(in: text) { word, alphabetic, position in
            body(term(word, alphabetic: alphabetic, cache: cache), position)
        }
    }

    /// Calls `body(word, alphabetic, position)` for every word of `text` that is not a stop
    /// word, before stemming: ``term(_:alphabetic:cache:)`` makes the word its term (for
    /// callers that cache whole words).
    public func forEachWord(in text: String, _ body: (String, Bool, Int) -> Void) {
        var position = 0
        RawTokenizer.forEachWord(in: text) { word, alphabetic, samePosition in
            if samePosition { position -= 1 }
            defer { position += 1 }
            if word.utf8.count <= longestStopWord && stopWords.contains(word) { return }
            body(word, alphabetic, position)
        }
    }

    /// The term a word from ``forEachWord(in:_:)`` stands for (its stem when it is alphabetic).
    @inline(__always)
    public func term(_ word: String, alphabetic: Bool, cache: StemCache? = nil) -> String {
        stems && alphabetic ? (cache?.stem(word) ?? PorterStemmer.stem(word)) : word
    }

}

/// A word → stem cache (stemming is the analyzer's costliest step), safe to share between
/// threads, holding at most `capacity` words (it starts over when full).
public final class StemCache: @unchecked Sendable {
    private var stems: [String: String] = [:]
    private let lock = NSLock()
    private let capacity: Int

    /// Creates an empty cache.
    public init(capacity: Int = 1 << 20) { self.capacity = capacity }

    /// The Porter2 stem of `word`, computed once.
    public func stem(_ word: String) -> String {
        lock.lock()
        if let stem = stems[word] {
            lock.unlock()
            return stem
        }
        lock.unlock()
        let stem = PorterStemmer.stem(word)
        lock.lock()
        if stems.count >= capacity { stems.removeAll(keepingCapacity: true) }
        stems[word] = stem
        lock.unlock()
        return stem
    }
}

/// Cuts text into raw lower-case tokens over its UTF-8 bytes.
enum RawTokenizer {
    /// Greek letters spelled out, as biomedical text writes them either way (`α`, `alpha`).
    static let greek: [UInt32: String] = {
        let names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
                     "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"]
        var table: [UInt32: String] = [0xB5: "mu"]  // micro sign
        for (offset, name) in names.enumerated() {
            table[0x3B1 + UInt32(offset)] = name  // α..ω (ς at 0x3C2 is final sigma)
            if offset != 17 { table[0x391 + UInt32(offset)] = name }  // Α..Ω (no capital final sigma)
        }
        return table
    }()

    /// Calls `body(word, isAlphabetic, atPreviousPosition)` for every word of `text`, in order.
    static func forEachWord(in text: String, _ body: (String, Bool, Bool) -> Void) {
        var words = WordSplitter()
        forEachToken(in: text) { token in words.split(token, body) }
    }

    /// Calls `body` with the bytes of each raw token (letters, digits and inner `-` `.` `'`).
    static func forEachToken(in text: String, _ body: (ArraySlice<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var token: [UInt8] = []
            token.reserveCapacity(64)
            var hasNonASCII = false
            var index = 0

            func flush() {
                // Trim joiners left dangling at the ends ("well-", "-based", "e.g.").
                while let last = token.last, last == 0x2D || last == 0x2E || last == 0x27 { token.removeLast() }
                var start = 0
                while start < token.count, token[start] == 0x2D || token[start] == 0x2E || token[start] == 0x27 { start += 1 }
                if start < token.count {
                    if hasNonASCII {
                        body(ArraySlice(fold(String(decoding: token[start...], as: UTF8.self)).utf8))
                    } else {
                        body(token[start...])
                    }
                }
                token.removeAll(keepingCapacity: true)
                hasNonASCII = false
            }

            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                        token.append(byte)
                    } else if byte >= 0x41 && byte <= 0x5A {
                        token.append(byte + 32)
                    } else if (byte == 0x2D || byte == 0x2E || byte == 0x27) && !token.isEmpty {
                        token.append(byte)  // joiner; kept only if a letter or digit follows
                    } else {
                        flush()
                    }
                    index += 1
                    continue
                }
                // Non-ASCII: decode one scalar.
                var scalarValue: UInt32 = 0
                var width = 1
                if byte & 0xE0 == 0xC0, index + 1 < bytes.count {
                    scalarValue = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F); width = 2
                } else if byte & 0xF0 == 0xE0, index + 2 < bytes.count {
                    scalarValue = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F); width = 3
                } else if byte & 0xF8 == 0xF0, index + 3 < bytes.count {
                    scalarValue = UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F); width = 4
                }
                index += width
                if let name = greek[scalarValue] {
                    token.append(contentsOf: name.utf8)
                    continue
                }
                if scalarValue == 0x2019 || scalarValue == 0x2018 {  // curly apostrophes
                    if !token.isEmpty { token.append(0x27) }
                    continue
                }
                if scalarValue == 0x2010 || scalarValue == 0x2011 {  // Unicode hyphens
                    if !token.isEmpty { token.append(0x2D) }
                    continue
                }
                guard let scalar = Unicode.Scalar(scalarValue), scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                    flush()
                    continue
                }
                token.append(contentsOf: bytes[(index - width)..<index])
                hasNonASCII = true
            }
            flush()
        }
    }

    /// Lower-cases and strips diacritics from a token with non-ASCII letters ("Sjögren" → "sjogren").
    static func fold(_ token: String) -> String {
        token.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
    }
}

/// Turns a raw token's bytes into words: drops apostrophes (keeping a final possessive `'s` for
/// the stemmer), keeps periods only between digits, splits hyphenated words into their parts, and
/// when a part has a digit also emits the joined form (`il-6` → `il6`, then `il`, `6`; the parts
/// share the joined form's position: the first part is marked as at the previous position).
struct WordSplitter {
    private var cleaned: [UInt8] = []
    private var word: [UInt8] = []

    mutating func split(_ raw: ArraySlice<UInt8>, _ body: (String, Bool, Bool) -> Void) {
        cleaned.removeAll(keepingCapacity: true)
        let possessive = raw.count > 2 && raw.last == 0x73 && raw[raw.endIndex - 2] == 0x27
        let end = possessive ? raw.endIndex - 2 : raw.endIndex
        var simple = true
        for index in raw.startIndex..<end {
            let byte = raw[index]
            if byte == 0x27 { continue }
            if byte == 0x2D || byte == 0x2E { simple = false }
            cleaned.append(byte)
        }
        if simple {
            if possessive { cleaned.append(0x27); cleaned.append(0x73) }
            emit(cleaned[...], body)
            return
        }
        // Pieces between periods that are not decimal points.
        var start = 0
        var index = 0
        while index <= cleaned.count {
            if index == cleaned.count || (cleaned[index] == 0x2E && !(index > 0 && isDigit(cleaned[index - 1]) && index + 1 < cleaned.count && isDigit(cleaned[index + 1]))) {
                if index > start { piece(start..<index, last: index == cleaned.count, possessive: possessive, body) }
                start = index + 1
            }
            index += 1
        }
    }

    private mutating func piece(_ range: Range<Int>, last: Bool, possessive: Bool, _ body: (String, Bool, Bool) -> Void) {
        let suffix = possessive && last
        guard cleaned[range].contains(0x2D) else {
            word.removeAll(keepingCapacity: true)
            word.append(contentsOf: cleaned[range])
            if suffix { word.append(0x27); word.append(0x73) }
            emit(word[...], body)
            return
        }
        let parts = cleaned[range].split(separator: 0x2D)
        var joined = false
        if parts.count > 1 && cleaned[range].contains(where: isDigit) {
            word.removeAll(keepingCapacity: true)
            for byte in cleaned[range] where byte != 0x2D { word.append(byte) }
            joined = emit(word[...], body)
        }
        for (index, part) in parts.enumerated() {
            word.removeAll(keepingCapacity: true)
            word.append(contentsOf: part)
            if suffix && index == parts.count - 1 { word.append(0x27); word.append(0x73) }
            emit(word[...], body, samePosition: joined && index == 0)
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Emits a word; returns whether it was emitted (empty and over-long words are dropped).
    @discardableResult
    private func emit(_ word: ArraySlice<UInt8>, _ body: (String, Bool, Bool) -> Void, samePosition: Bool = false) -> Bool {
        guard !word.isEmpty, word.count <= 64 else { return false }
        let alphabetic = word.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x27 || $0 >= 0x80 }
        body(String(decoding: word, as: UTF8.self), alphabetic, samePosition)
        return true
    }
}
