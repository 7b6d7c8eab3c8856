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
        let utf8 = word.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            let folded = word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            return folded.utf8.withContiguousStorageIfAvailable { normalized(lowerCaseBytes: $0) } ?? normalized(lowerCaseBytes: Array(folded.utf8))
        }
        // ASCII (almost every word): lower-cased on the stack, one String made at the end.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
            var count = 0
            for byte in utf8 {
                buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                count += 1
            }
            return normalized(lowerCaseBytes: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// A lower-cased word's key: a plain plural "s" dropped, British spelling folded.
    private static func normalized<Bytes: RandomAccessCollection>(lowerCaseBytes word: Bytes) -> String where Bytes.Element == UInt8, Bytes.Index == Int {
        var count = word.count
        let start = word.startIndex
        if count > 4, word[start + count - 1] == 0x73 {
            let before = word[start + count - 2]
            if before != 0x73 && before != 0x75 && before != 0x69 { count -= 1 }  // not "-ss", "-us", "-is"
        }
        let kept = word[start..<(start + count)]
        guard count >= 6, kept.contains(where: { $0 == 0x61 || $0 == 0x6F || $0 == 0x70 }) else { return String(decoding: kept, as: UTF8.self) }
        return americanSpelling(kept)
    }

    /// British spellings folded to American ones, the way MeSH writes them: "haemorrhage" →
    /// "hemorrhage", "oedema" → "edema", "paediatric" → "pediatric", "tumour" → "tumor",
    /// "sulphate" → "sulfate". Applied to both sides of every match, so a rare collision is harmless.
    static func americanSpelling(_ word: String) -> String {
        americanSpelling(Array(word.utf8)[...])
    }

    /// ``americanSpelling(_:)`` over a lower-case word's bytes.
    private static func americanSpelling<Bytes: RandomAccessCollection>(_ word: Bytes) -> String where Bytes.Element == UInt8, Bytes.Index == Int {
        guard word.contains(where: { $0 == 0x61 || $0 == 0x6F || $0 == 0x70 }) else { return String(decoding: word, as: UTF8.self) }
        var first = word.startIndex
        let end = word.endIndex
        // At the start only "oe" + consonant ("oedema", "oesophagus") and "aet" ("aetiology").
        if end - first > 3, word[first + 1] == 0x65,
           (word[first] == 0x6F && !"aeiou".utf8.contains(word[first + 2])) || (word[first] == 0x61 && word[first + 2] == 0x74) {
            first += 1
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - first) { out in
            var written = 0
            var index = first
            while index < end {
                let byte = word[index]
                let next = index + 1 < end ? word[index + 1] : 0
                // "ae" and "oe" inside a word (not at its start or end) lose their first letter.
                if (byte == 0x61 || byte == 0x6F) && next == 0x65 && index > first && index + 2 < end {
                    index += 1
                    continue
                }
                // "sulph" → "sulf".
                if byte == 0x70 && next == 0x68 && index - first >= 3 && word[index - 3] == 0x73 && word[index - 2] == 0x75 && word[index - 1] == 0x6C {
                    out[written] = 0x66
                    written += 1
                    index += 2
                    continue
                }
                out[written] = byte
                written += 1
                index += 1
            }
            // "-our" at the end → "-or" ("tumour", "labour", "behaviour").
            if written >= 6, out[written - 3] == 0x6F, out[written - 2] == 0x75, out[written - 1] == 0x72 {
                out[written - 2] = 0x72
                written -= 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<written]), as: UTF8.self)
        }
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
