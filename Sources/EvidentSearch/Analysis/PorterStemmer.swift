/// The Porter2 ("Snowball English") stemmer, as published at snowballstemmer.org and implemented
/// by the `snowballstemmer` 2.2 package, which the tests use as the reference.
///
/// Works on lower-case words; letters outside a–z count as consonants, as in the reference.
public enum PorterStemmer {
    /// Returns the stem of a lower-case word.
    public static func stem(_ word: String) -> String {
        if let exception = Run.exceptions1[word] { return exception }
        var stemmer = Run(Array(word.unicodeScalars.map(\.value)))
        return stemmer.stemmed()
    }

    private struct Run {
        var w: [UInt32]
        var p1 = 0
        var p2 = 0
        var yFound = false

        init(_ word: [UInt32]) { w = word }

        static let a: UInt32 = 97, e: UInt32 = 101, i: UInt32 = 105, o: UInt32 = 111, u: UInt32 = 117, y: UInt32 = 121
        static let upperY: UInt32 = 89, apostrophe: UInt32 = 39

        func isVowel(_ c: UInt32) -> Bool {
            c == Run.a || c == Run.e || c == Run.i || c == Run.o || c == Run.u || c == Run.y
        }

        func string() -> String {
            if w.allSatisfy({ $0 < 0x80 }) { return String(decoding: w.map { UInt8($0) }, as: UTF8.self) }
            var out = ""
            out.unicodeScalars.append(contentsOf: w.compactMap(Unicode.Scalar.init))
            return out
        }

        func endsWith(_ suffix: String) -> Bool { endsWith(Run.scalars(suffix)) }

        func endsWith(_ suffix: [UInt32]) -> Bool {
            guard suffix.count <= w.count else { return false }
            var index = w.count - suffix.count
            for value in suffix {
                if w[index] != value { return false }
                index += 1
            }
            return true
        }

        mutating func replaceSuffix(_ length: Int, with replacement: String) {
            w.removeLast(length)
            w.append(contentsOf: Run.scalars(replacement))
        }

        static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

        /// The longest of `suffixes` (pre-split to code points) that the word ends with.
        func longest(_ suffixes: [(text: String, scalars: [UInt32])]) -> String? {
            var best: (text: String, scalars: [UInt32])?
            for suffix in suffixes where (best == nil || suffix.scalars.count > best!.scalars.count) && endsWith(suffix.scalars) {
                best = suffix
            }
            return best?.text
        }

        static func table(_ suffixes: [String]) -> [(text: String, scalars: [UInt32])] { suffixes.map { ($0, scalars($0)) } }
        static let step0Suffixes = table(["'s'", "'s", "'"])
        static let step1aSuffixes = table(["sses", "ied", "ies", "s", "us", "ss"])
        static let step1bSuffixes = table(["eed", "eedly", "ed", "edly", "ing", "ingly"])
        static let step2Suffixes = table(step2Rules.map(\.0))
        static let step3Suffixes = table(step3Rules.map(\.0))
        static let step4Table = table(step4Suffixes)

        /// Stems the word (exceptional forms are handled by the caller).
        mutating func stemmed() -> String {
            if w.count < 3 { return string() }
            prelude()
            markRegions()
            step0()
            step1a()
            if w.count > 8 || w.count < 6 || !Run.exceptions2.contains(string()) {
                step1b()
                step1c()
                step2()
                step3()
                step4()
                step5()
            }
            if yFound { w = w.map { $0 == Run.upperY ? Run.y : $0 } }
            return string()
        }

        mutating func prelude() {
            if w.first == Run.apostrophe { w.removeFirst() }
            for index in w.indices where w[index] == Run.y && (index == 0 || isVowel(w[index - 1])) {
                w[index] = Run.upperY
                yFound = true
            }
        }

        /// Index just past the first non-vowel that follows a vowel, at or after `start`.
        func regionStart(from start: Int) -> Int {
            var index = start
            while index < w.count && !isVowel(w[index]) { index += 1 }
            while index < w.count && isVowel(w[index]) { index += 1 }
            return min(w.count, index + 1)
        }

        mutating func markRegions() {
            let text = string()
            if let prefix = ["gener", "commun", "arsen"].first(where: { text.hasPrefix($0) }) {
                p1 = prefix.count
            } else {
                p1 = regionStart(from: 0)
            }
            p2 = regionStart(from: p1)
            // regionStart returns count when no region; clamp semantics: region is empty.
            if p1 > w.count { p1 = w.count }
            if p2 > w.count { p2 = w.count }
        }

        func inR1(_ suffixLength: Int) -> Bool { w.count - suffixLength >= p1 }
        func inR2(_ suffixLength: Int) -> Bool { w.count - suffixLength >= p2 }

        mutating func step0() {
            if let suffix = longest(Run.step0Suffixes) { w.removeLast(suffix.count) }
        }

        mutating func step1a() {
            guard let suffix = longest(Run.step1aSuffixes) else { return }
            switch suffix {
            case "sses": replaceSuffix(4, with: "ss")
            case "ied", "ies": replaceSuffix(3, with: w.count - 3 > 1 ? "i" : "ie")
            case "s":
                // Delete if a vowel occurs before the letter that precedes the s.
                if w.count >= 3 && w[0..<(w.count - 2)].contains(where: isVowel) { w.removeLast() }
            default: break  // us, ss
            }
        }

        /// A short syllable ends the word: non-vowel (not w, x, Y) after a vowel after a non-vowel,
        /// or a vowel at the start followed by a non-vowel.
        func endsWithShortSyllable() -> Bool {
            let n = w.count
            if n >= 3 {
                let (c0, c1, c2) = (w[n - 3], w[n - 2], w[n - 1])
                if !isVowel(c0) && isVowel(c1) && !isVowel(c2) && c2 != 119 && c2 != 120 && c2 != Run.upperY { return true }
            }
            if n == 2 { return isVowel(w[0]) && !isVowel(w[1]) }
            return false
        }

        mutating func step1b() {
            guard let suffix = longest(Run.step1bSuffixes) else { return }
            let length = suffix.count
            if suffix == "eed" || suffix == "eedly" {
                if inR1(length) { replaceSuffix(length, with: "ee") }
                return
            }
            guard w[0..<(w.count - length)].contains(where: isVowel) else { return }
            w.removeLast(length)
            if endsWith("at") || endsWith("bl") || endsWith("iz") {
                w.append(Run.e)
            } else if let last = w.last, w.count >= 2, last == w[w.count - 2],
                      [98, 100, 102, 103, 109, 110, 112, 114, 116].contains(last) {  // bb dd ff gg mm nn pp rr tt
                w.removeLast()
            } else if p1 >= w.count && endsWithShortSyllable() {
                w.append(Run.e)
            }
        }

        mutating func step1c() {
            guard let last = w.last, last == Run.y || last == Run.upperY, w.count > 2, !isVowel(w[w.count - 2]) else { return }
            w[w.count - 1] = Run.i
        }

        static let step2Rules: [(String, String)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
            ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
            ("fulli", "ful"), ("lessli", "less"), ("ogi", "og"), ("li", ""),
        ]

        mutating func step2() {
            guard let suffix = longest(Run.step2Suffixes), inR1(suffix.count) else { return }
            let length = suffix.count
            switch suffix {
            case "ogi":
                if w.count > 3 && w[w.count - 4] == 108 { replaceSuffix(3, with: "og") }  // preceded by l
            case "li":
                if w.count > 2 && Run.validLiEnding.contains(w[w.count - 3]) { w.removeLast(2) }
            default:
                replaceSuffix(length, with: Run.step2Rules.first { $0.0 == suffix }!.1)
            }
        }

        /// c d e g h k m n r t
        static let validLiEnding: Set<UInt32> = [99, 100, 101, 103, 104, 107, 109, 110, 114, 116]

        static let step3Rules: [(String, String)] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
            ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
        ]

        mutating func step3() {
            guard let suffix = longest(Run.step3Suffixes), inR1(suffix.count) else { return }
            if suffix == "ative" {
                if inR2(5) { w.removeLast(5) }
                return
            }
            replaceSuffix(suffix.count, with: Run.step3Rules.first { $0.0 == suffix }!.1)
        }

        static let step4Suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"]

        mutating func step4() {
            guard let suffix = longest(Run.step4Table), inR2(suffix.count) else { return }
            if suffix == "ion" {
                if w.count > 3, w[w.count - 4] == 115 || w[w.count - 4] == 116 { w.removeLast(3) }  // s or t
                return
            }
            w.removeLast(suffix.count)
        }

        mutating func step5() {
            guard let last = w.last else { return }
            if last == Run.e {
                if inR2(1) {
                    w.removeLast()
                } else if inR1(1) {
                    w.removeLast()
                    let short = endsWithShortSyllable()
                    w.append(Run.e)
                    if !short { w.removeLast() }
                }
            } else if last == 108, inR2(1), w.count >= 2, w[w.count - 2] == 108 {
                w.removeLast()
            }
        }

        static let exceptions1: [String: String] = [
            "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
            "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
            "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos",
            "bias": "bias", "andes": "andes",
        ]

        static let exceptions2: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]
    }
}
