import Foundation
import Testing
@testable import EvidentSearch

@Suite("Porter2 stemmer")
struct PorterStemmerTests {
    @Test("equals the snowballstemmer 2.2 reference on every word of SciFact and MedQuAD")
    func matchesReference() throws {
        var vocabulary = Set<String>()
        let corpus = try SearchTestData.scifactCorpus()
        for document in corpus {
            for word in (document.title + " " + document.text).lowercased().split(whereSeparator: { !($0.isLetter && $0.isASCII) && $0 != "'" }) {
                vocabulary.insert(String(word).trimmingCharacters(in: CharacterSet(charactersIn: "'")))
            }
        }
        let medquad = try FileManager.default.contentsOfDirectory(atPath: SearchTestData.path("medquad/6_NINDS_QA"))
        for file in medquad.prefix(200) {
            let text = try String(contentsOfFile: SearchTestData.path("medquad/6_NINDS_QA/\(file)"), encoding: .utf8)
            for word in text.lowercased().split(whereSeparator: { !($0.isLetter && $0.isASCII) }) { vocabulary.insert(String(word)) }
        }
        vocabulary.remove("")
        let words = vocabulary.sorted()
        #expect(words.count > 30_000)
        let script = "import sys, snowballstemmer; s = snowballstemmer.stemmer('english'); print('\\n'.join(s.stemWords(sys.stdin.read().split('\\n'))))"
        var output = try SearchTestData.runPython(script, input: words.joined(separator: "\n"))
        if output.hasSuffix("\n") { output.removeLast() }
        let expected = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(expected.count == words.count)
        var mismatches: [String] = []
        for (word, stem) in zip(words, expected) where PorterStemmer.stem(word) != stem {
            mismatches.append("\(word): expected \(stem), got \(PorterStemmer.stem(word))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(words.count) differ, e.g. \(mismatches.prefix(20))")
    }

    @Test("the published examples", arguments: [
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
        ("knack", "knack"), ("knightly", "knight"), ("generously", "generous"), ("skies", "sky"),
        ("dying", "die"), ("cries", "cri"), ("ties", "tie"), ("hopping", "hop"), ("hoping", "hope"),
        ("communication", "communic"), ("generalization", "general"), ("caresses", "caress"),
    ])
    func examples(word: String, stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }
}

@Suite("Analyzer")
struct AnalyzerTests {
    let analyzer = Analyzer()

    @Test("biomedical tokens stay useful", arguments: [
        ("IL-6 levels", ["il6", "il", "6", "level"]),
        ("COVID-19 vaccination", ["covid19", "covid", "19", "vaccin"]),
        ("5-HT2A receptor", ["5ht2a", "5", "ht2a", "receptor"]),
        ("CN VII palsy", ["cn", "vii", "palsi"]),
        ("0.5 mg", ["0.5", "mg"]),
        ("TNF-α and IL-1β", ["tnf", "alpha", "il1beta", "il", "1beta"]),
        ("TNF-alpha", ["tnf", "alpha"]),
        ("double-blind trial", ["doubl", "blind", "trial"]),
        ("Sjögren's syndrome", ["sjogren", "syndrom"]),
        ("e.g. the patients' outcomes", ["e", "g", "patient", "outcom"]),
        ("HbA1c < 7.0%", ["hba1c", "7.0"]),
        ("well-", ["well"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(analyzer.terms(text) == expected)
    }

    @Test("positions count stop words so phrases keep their gaps")
    func positions() {
        let tokens = analyzer.tokens("causes of the disease")
        #expect(tokens.map(\.term) == ["caus", "diseas"])
        #expect(tokens.map(\.position) == [0, 3])
    }

    @Test("a joined hyphenated form shares the first part's position")
    func joinedPositions() {
        let tokens = analyzer.tokens("serum IL-6 levels")
        #expect(tokens.map(\.term) == ["serum", "il6", "il", "6", "level"])
        #expect(tokens.map(\.position) == [0, 1, 1, 2, 3])
    }

    @Test("case and diacritics fold; Greek letters and their names match")
    func folding() {
        #expect(analyzer.terms("ÉTUDE Étude étude") == ["etud", "etud", "etud"])
        #expect(analyzer.terms("β-blockers") == analyzer.terms("beta-blockers"))
        #expect(analyzer.terms("µg") == ["mug"])
    }
}
