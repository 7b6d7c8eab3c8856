import Testing
@testable import Evident

@Suite("Questions whose patient is an animal", .serialized)
struct AnimalPatientTests {
    @Test("an animal someone keeps, as the patient", arguments: [
        ("can I give my dog ibuprofen for a limp", "dog"),
        ("my parrot keeps plucking its feathers", "parrot"),
        ("is chocolate toxic for dogs", "dogs"),
        ("our old cat has been drinking a lot", "cat"),
    ])
    func animalPatient(question: String, animal: String) {
        #expect(AnimalPatient.animal(in: question) == animal)
    }

    @Test("a person hurt by an animal, or an animal in a disease's name, is no animal patient", arguments: [
        "my dog bit me do I need a rabies shot",
        "cat scratch disease treatment",
        "I was scratched by my cat and the wound is red",
        "I feel like a guinea pig in this trial",
        "toxoplasmosis in pregnancy from cats",
    ])
    func humanPatient(question: String) {
        #expect(AnimalPatient.animal(in: question) == nil)
    }

    @Test("the answer says whom Evident answers for, and shows no human guideline lines")
    func answer() throws {
        let answer = try TestVocabulary.starter.composer.answer("can I give my dog ibuprofen for a limp")
        #expect(answer.message?.contains("asks about a dog") == true && answer.allStatements.isEmpty, "\(answer.message ?? "")")
    }
}
