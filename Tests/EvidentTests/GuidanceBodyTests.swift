import Testing
@testable import Evident

@Suite("Guideline bodies and numbered forms a question names")
struct GuidanceBodyTests {
    @Test("a source's short names: its capitalised parts and the initials of its long names", arguments: [
        ("ACC/AHA", ["ACC", "AHA"]),
        ("American Heart Association; American Stroke Association", ["AHA", "ASA"]),
        ("U.S. Preventive Services Task Force", ["USPSTF"]),
        ("National Institute for Health and Care Excellence (NICE)", ["NIHCE", "NICE"]),
        ("KDIGO", ["KDIGO"]),
    ])
    func shortNames(source: String, expected: [String]) {
        #expect(Publishers.abbreviations(ofSource: source) == Set(expected))
    }

    @Test("a body is read where the question names its guidance, written in capitals", arguments: [
        ("What blood pressure counts as stage 1 hypertension under the 2017 ACC/AHA guideline?", ["ACC", "AHA"]),
        ("KDIGO AKI definition - what creatinine rise counts?", ["KDIGO"]),
        ("What does GINA 2023 say about SABA-only treatment?", ["GINA"]),
        // An abbreviation of a disease (adrenocortical carcinoma) staged, or a word, is not a body.
        ("ACC staging and treatment options", []),
        ("is it nice to walk after a stroke? what do the guidelines say", []),
    ])
    func bodies(question: String, expected: [String]) {
        let publishers: Set<String> = ["ACC", "AHA", "KDIGO", "GINA", "NICE"]
        let words = LexiconText.words(question)
        let found = Publishers.positions(in: words) { publishers.contains($0) }.sorted().map { words[$0].original.uppercased() }
        #expect(found == expected)
    }

    @Test("a line on the asked stage or type answers; one on another stage only is the other case", arguments: [
        ("stage 1 hypertension blood pressure", "Stage 1 Hypertension: 130--139; or; 80--89", true as Bool?),
        ("stage 1 hypertension blood pressure", "Stage 2 Hypertension: >= 140; or; >= 90", false),
        ("stage I hypertension", "Stage 1 hypertension (130/80 mm Hg)", true),
        ("type 2 diabetes first-line drug", "In type 1 diabetes, insulin is started at diagnosis.", false),
        ("type 2 diabetes first-line drug", "Metformin is first-line in type 1 and type 2 diabetes.", true),
        ("CKD stage 3a dosing", "Reduce the dose in stage 3a and 3b.", true),
        ("type 2 diabetes first-line drug", "Metformin is first-line.", nil),
        ("gout flare treatment", "Stage 2 disease.", nil),
    ])
    func stages(question: String, line: String, verdict: Bool?) {
        #expect(NumberedModifiers(question: question).verdict(LexiconText.words(line)) == verdict)
    }
}

@Suite("The library vocabulary's currency")
struct LibraryVocabularyCurrencyTests {
    @Test("a library vocabulary is current for its library's change and the MeSH build it resolved names against, not for another")
    func currentForItsMeSH() throws {
        let library = TestVocabulary.starter.library
        let lexicon = try #require(try LibraryVocabulary.open(library))
        let sequence = try library.changeSequence()
        #expect(lexicon.isCurrent(sequence: sequence, mesh: TestVocabulary.mesh))
        #expect(!lexicon.isCurrent(sequence: sequence, mesh: nil))
        #expect(!lexicon.isCurrent(sequence: sequence + 1, mesh: TestVocabulary.mesh))
        // The guideline bodies of its sources are in it.
        #expect(lexicon.isPublisher("ACC") && lexicon.isPublisher("KDIGO"))
        #expect(!lexicon.isPublisher("XYZQ"))
    }
}
