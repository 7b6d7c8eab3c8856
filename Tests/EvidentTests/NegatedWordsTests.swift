import Testing
@testable import Evident

@Suite("A question's words said only in their negation")
struct NegatedWordsTests {
    // Questions and lines as the library's guidelines write them (USPSTF AAA, IDSA UTI, NICE).
    @Test("a line that says an asked word only negated, or an asked negated word only bare, is the other case", arguments: [
        ("abdominal aortic aneurysm screening for a 68 year old man who smoked", "Screening in Men Aged 65 to 75 Years Who Have Never Smoked", true),
        ("abdominal aortic aneurysm screening for a 68 year old man who smoked", "the lower prevalence in male never-smokers versus male ever-smokers", false),
        ("lung cancer screening for a 60 year old smoker", "Screening is not recommended for nonsmokers.", true),
        ("first line abx uncomplicated uti women", "Complicated UTI: treat for 7 to 14 days.", true),
        ("first line abx uncomplicated uti women", "Uncomplicated and complicated UTI differ in their organisms.", false),
        ("hypertension treatment", "No treatment is needed for white-coat hypertension.", false),
        ("never smoked lung cancer screening", "Adults who have never smoked are not screened.", false),
    ])
    func negation(question: String, line: String, expected: Bool) {
        #expect(NegatedWords(question: question).saysOnlyTheNegation(LexiconText.words(line)) == expected)
    }
}
