import Foundation

/// How vocabulary names and question text are cut into words and normalised, so that a name
/// and the same words in a question meet: lower-case, diacritics folded, letters and digits only
/// (hyphens and punctuation separate words), a possessive "'s" dropped, and a plain plural "s"
/// removed ("Parkinson's Diseases" and "parkinson disease" both become `parkinson disease`).
public enum LexiconText {
    /// One word of a text: its normalised key and where it is.
    public struct Word: Sendable, Equatable {
        /// The normalised word.
        public var key: String
        /// The word as written.
        public var original: Substring
        /// Its position in the text.
        public var range: Range<String.Index>
    }

    /// The words of `text` in order.
    ///
    /// Works over UTF-8 bytes (it runs for every sentence an answer considers): ASCII letters and
    /// digits make words, other ASCII bytes separate them, and non-ASCII characters are read as
    /// letters (so "Sjögren" is one word; ``normalize(_:)`` folds it).
    public static func words(_ text: String) -> [Word] {
        var result: [Word] = []
        let utf8 = text.utf8
        var start: String.Index?
        var previousByte: UInt8 = 0x20
        var beforeStart: UInt8 = 0x20
        var index = utf8.startIndex
        func emit(_ end: String.Index) {
            guard let wordStart = start else { return }
            start = nil
            let original = text[wordStart..<end]
            // "Parkinson's": the "s" after an apostrophe is a possessive, not a word.
            if (original == "s" || original == "S") && (beforeStart == 0x27 || beforeStart == 0x99) { return }
            result.append(Word(key: normalize(original), original: original, range: wordStart..<end))
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            var next = utf8.index(after: index)
            let isWordCharacter: Bool
            if byte < 0x80 {
                isWordCharacter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            } else {
                // A whole multi-byte character at once; general punctuation and symbols separate.
                let second = next < utf8.endIndex ? utf8[next] : 0
                isWordCharacter = !isSymbol(byte, second)
                let extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
                for _ in 0..<extra where next < utf8.endIndex { next = utf8.index(after: next) }
            }
            if isWordCharacter {
                if start == nil { start = index; beforeStart = previousByte }
            } else {
                emit(index)
            }
            previousByte = utf8[utf8.index(before: next)]
            index = next
        }
        emit(utf8.endIndex)
        return result
    }

    /// True for non-letter characters by their first two UTF-8 bytes: Latin-1 punctuation and
    /// symbols (no-break space to ¿ except µ, ×, ÷), general punctuation, arrows, mathematical
    /// operators and other symbols (U+2000–U+2BFF), CJK punctuation.
    private static func isSymbol(_ first: UInt8, _ second: UInt8) -> Bool {
        switch first {
        case 0xC2: return second != 0xB5
        case 0xC3: return second == 0x97 || second == 0xB7
        case 0xE2: return true
        case 0xE3: return second == 0x80
        default: return first < 0xC0
        }
    }

    /// The normalised form of a name or phrase: its word keys joined by single spaces.
    public static func key(_ text: String) -> String {
        words(text).map(\.key).joined(separator: " ")
    }

    /// One word, normalised.
    static func normalize(_ word: Substring) -> String {
        var lower: String
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            lower = String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
        } else {
            lower = word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        }
        if lower.utf8.count > 4, lower.hasSuffix("s"), !lower.hasSuffix("ss"), !lower.hasSuffix("us"), !lower.hasSuffix("is") {
            lower.removeLast()
        }
        return lower.utf8.count >= 6 ? americanSpelling(lower) : lower
    }

    /// British spellings folded to American ones, the way MeSH writes them: "haemorrhage" →
    /// "hemorrhage", "oedema" → "edema", "paediatric" → "pediatric", "tumour" → "tumor",
    /// "sulphate" → "sulfate". Applied to both sides of every match, so a rare collision is harmless.
    static func americanSpelling(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 == 0x61 || $0 == 0x6F || $0 == 0x70 }) else { return word }
        var bytes = Array(word.utf8)
        // At the start only "oe" + consonant ("oedema", "oesophagus") and "aet" ("aetiology").
        if bytes.count > 3, bytes[1] == 0x65, (bytes[0] == 0x6F && !"aeiou".utf8.contains(bytes[2])) || (bytes[0] == 0x61 && bytes[2] == 0x74) {
            bytes.removeFirst()
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            // "ae" and "oe" inside a word (not at its start or end) lose their first letter.
            if (byte == 0x61 || byte == 0x6F) && next == 0x65 && index > 0 && index + 2 < bytes.count {
                index += 1
                continue
            }
            // "sulph" → "sulf".
            if byte == 0x70 && next == 0x68 && index >= 3 && bytes[index - 3] == 0x73 && bytes[index - 2] == 0x75 && bytes[index - 1] == 0x6C {
                out.append(0x66)
                index += 2
                continue
            }
            out.append(byte)
            index += 1
        }
        // "-our" at the end → "-or" ("tumour", "labour", "behaviour").
        if out.count >= 6, out.suffix(3) == [0x6F, 0x75, 0x72] { out.remove(at: out.count - 2) }
        bytes = out
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when `words` holds `phrase` (word keys) as a contiguous run; returns where it starts.
    static func find(_ phrase: [String], in words: [String]) -> Int? {
        guard let first = phrase.first, phrase.count <= words.count else { return nil }
        var start = 0
        while start + phrase.count <= words.count {
            if words[start] == first {
                var matched = true
                for offset in 1..<phrase.count where words[start + offset] != phrase[offset] { matched = false; break }
                if matched { return start }
            }
            start += 1
        }
        return nil
    }
}
