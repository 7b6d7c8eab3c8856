import EvidentSearch
import Foundation

/// Corrects a question's unknown words against the vocabulary's words, weighted by how often
/// the library uses each candidate ("diabetis" → "diabetes", "pnuemonia" → "pneumonia").
///
/// A word is a candidate for correction when the library's index has never seen it, or has seen
/// it in a few documents while a close word is far more common ("migrane");
/// suggestions are words of the vocabulary's names within a small edit distance (one edit up to
/// eight letters, two beyond; a swap of neighbours counts as one), and the one the library uses
/// most wins.
public struct SpellingCorrector: Sendable {
    let vocabulary: Vocabulary
    let snapshot: IndexSnapshot

    /// Creates a corrector over a vocabulary and the index whose frequencies weigh candidates.
    public init(vocabulary: Vocabulary, snapshot: IndexSnapshot) {
        self.vocabulary = vocabulary
        self.snapshot = snapshot
    }

    /// How often the library uses a word (documents containing its stem).
    func frequency(_ word: String) -> Int {
        guard let term = snapshot.analyzer.terms(word, cache: snapshot.stems).first else { return 0 }
        return snapshot.documentFrequency(term: term)
    }

    /// The correction for `word` (lower-case letters), or nil when it is known or nothing is close.
    /// With `rareWords`, a word the library has seen in a few documents may be corrected too
    /// ("migrane", misspelt in some documents, when "migraine" is far more common).
    public func correction(for word: String, rareWords: Bool = false) -> String? {
        let length = word.utf8.count
        guard length >= 5, length <= 40, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        let own = frequency(word)
        guard own == 0 || (rareWords && own <= Self.rareMisspelling) else { return nil }
        let limit = length <= 8 ? 1 : 2
        var best: (word: String, distance: Int, frequency: Int, count: UInt32)?
        let target = Array(word.utf8)
        for lexicon in [vocabulary.library, vocabulary.mesh].compactMap({ $0 }) {
            for candidateLength in max(1, length - limit)...(length + limit) {
                lexicon.forEachSpellingWord(length: candidateLength) { bytes, count in
                    guard let distance = Self.distance(target, bytes, limit: limit), distance > 0 else { return }
                    if let current = best, distance > current.distance { return }
                    let candidate = String(decoding: bytes, as: UTF8.self)
                    let used = frequency(candidate)
                    guard used > 0 else { return }
                    if let current = best, distance == current.distance, (used, count) <= (current.frequency, current.count) { return }
                    best = (candidate, distance, used, count)
                }
            }
        }
        guard let best else {
            // A misspelt plural whose singular is close to a word ("attaks": "attak" is one edit
            // from "attack") is that word's plural.
            if own == 0, length >= 6, word.hasSuffix("s"), !word.hasSuffix("ss"), let singular = correction(for: String(word.dropLast())) {
                return singular + "s"
            }
            return nil
        }
        guard own == 0 || (best.distance == 1 && best.frequency >= max(Self.commonWord, own * Self.commonnessRatio)) else { return nil }
        return best.word
    }

    /// A word in at most this many documents (its stem's: "migrane" shares "migran" with
    /// "larva migrans") may be a misspelling of a common word one edit away.
    static let rareMisspelling = 10
    /// How much more often (in documents) that word must be used than the word itself, and in
    /// at least how many documents.
    static let commonnessRatio = 20, commonWord = 30

    /// Optimal-string-alignment distance (adjacent swaps cost one) if it is at most `limit`.
    static func distance(_ a: [UInt8], _ b: UnsafeRawBufferPointer, limit: Int) -> Int? {
        let n = a.count, m = b.count
        guard abs(n - m) <= limit else { return nil }
        // Cheap filter: letters that differ in count.
        var histogram = [Int](repeating: 0, count: 26)
        for byte in a where byte >= 0x61 && byte <= 0x7A { histogram[Int(byte - 0x61)] += 1 }
        for byte in b where byte >= 0x61 && byte <= 0x7A { histogram[Int(byte - 0x61)] -= 1 }
        var surplus = 0, deficit = 0
        for value in histogram { if value > 0 { surplus += value } else { deficit -= value } }
        guard max(surplus, deficit) <= limit * 2 else { return nil }
        var previous2 = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[m] <= limit ? previous[m] : nil
    }
}
