/// A question whose patient is an animal ("can I give my dog ibuprofen", "my cat keeps
/// vomiting"): a library of human guidelines and research does not answer it, whatever words it
/// shares with them ("Dog Diseases" are zoonoses in MeSH).
enum AnimalPatient {
    /// Animals people keep, as a question names them.
    static let animals: Set<String> = [
        "dog", "dogs", "puppy", "puppies", "cat", "cats", "kitten", "kittens", "horse", "horses", "pony", "ponies", "rabbit", "rabbits",
        "hamster", "hamsters", "gerbil", "ferret", "parrot", "parrots", "budgie", "budgies", "bird", "birds", "cow", "cows", "cattle",
        "sheep", "goat", "goats", "pig", "pigs", "tortoise", "lizard", "chicken", "chickens", "hen", "hens",
    ]
    /// Words that make an animal someone's own.
    static let possessives: Set<String> = ["my", "our", "his", "her", "their", "your"]
    /// Words that tell what an animal did to a person ("my dog bit me"): the person is the patient.
    static let toAPerson: Set<String> = ["bit", "bite", "bites", "bitten", "biting", "scratch", "scratched", "scratches", "licked", "attacked", "kicked", "pecked"]

    /// The animal the question asks about as its patient, if any.
    static func animal(in question: String) -> String? {
        let words = LexiconText.words(question).map { $0.original.lowercased() }
        guard !words.contains(where: toAPerson.contains) else { return nil }
        for (index, word) in words.enumerated() where animals.contains(word) && index > 0 {
            // "my dog", "my old dog", "for dogs"
            let before = words[max(0, index - 2)..<index]
            if before.contains(where: possessives.contains) || ["for", "in"].contains(words[index - 1]) && word.hasSuffix("s") {
                // "guinea pig" is a figure of speech, "hot dog" food.
                if ["guinea", "hot"].contains(words[index - 1]) { continue }
                return word
            }
        }
        return nil
    }
}
