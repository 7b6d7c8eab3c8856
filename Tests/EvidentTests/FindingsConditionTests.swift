import Testing
@testable import Evident

/// A message that tells findings without naming a condition.
@Suite("Findings told without a condition", .serialized)
struct FindingsConditionTests {
    static var composer: AnswerComposer { TestVocabulary.starter.composer }

    static func reading(_ message: String) -> FindingsCondition.Reading? {
        let query = QuestionUnderstanding(vocabulary: composer.vocabulary, snapshot: composer.snapshot).understand(message)
        return FindingsCondition(library: composer.library, snapshot: composer.snapshot, vocabulary: composer.vocabulary).reading(of: query)
    }

    static let kawasaki = "My 2 year old son has had a fever of 39 for five days. His eyes are red, his lips are cracked and today his hands and feet look swollen. The urgent care said it is just a virus. Should I be worried about something more serious?"

    @Test("a child's fever, red eyes, cracked lips and swollen hands and feet are read as Kawasaki disease, with the page's own list")
    func kawasaki() throws {
        let reading = try #require(Self.reading(Self.kawasaki))
        #expect(reading.documentTitle.localizedCaseInsensitiveContains("Kawasaki"), "\(reading.documentTitle)")
        #expect(reading.findings.count >= 4)
        let answer = try Self.composer.answer(Self.kawasaki)
        #expect(answer.message == nil, "\(answer.message ?? "")")
        #expect(answer.notes.first?.hasPrefix("Read as a question on Kawasaki") == true, "\(answer.notes)")
        #expect(answer.allStatements.contains { (($0.label ?? "") + $0.text + ($0.items ?? []).joined()).localizedCaseInsensitiveContains("cracked lips") })
        try AnswerCompositionTests.checkInvariants(answer, library: TestVocabulary.starter.library)
    }

    @Test("body parts alone, or a named condition, or a non-medical question are not read as a condition", arguments: [
        "my arms, legs, neck and back hurt all the time",
        "My knees, wrists and fingers are stiff and swollen every morning for an hour. What could this be?",
        "What are the symptoms of Kawasaki disease in a child with fever, red eyes, cracked lips and swollen hands?",
        "how do I change a flat tire on my car",
    ])
    func noReading(message: String) {
        #expect(Self.reading(message) == nil)
    }
}
