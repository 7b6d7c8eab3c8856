/// Matching a question's word against the words of a line in any of its forms: "resolved"
/// meets "resolution", "tocolytic" meets "tocolysis", "referred" meets "referral", "bleed"
/// meets "bleeding", "dose" meets "doses".
///
/// A word of five letters or more matches a line's word that starts with its first
/// `length - 3` letters (at least five, at most seven); a shorter word matches itself and its
/// plural only ("age" does not meet "agent").
struct WordForms {
    /// The shortest stem compared by prefix.
    static let shortestStem = 5
    /// The longest stem compared by prefix ("thrombolysis" meets "thrombolytic" on "thrombo").
    static let longestStem = 7

    /// The stem a question word is compared by.
    static func stem(_ key: String) -> String {
        let count = key.count
        guard count >= shortestStem else { return key }
        return String(key.prefix(min(longestStem, max(shortestStem, count - 3))))
    }

    /// The forms of a line's words that question words are looked up by: each word's own key,
    /// its prefixes of five to seven letters, and a short word without its plural ending.
    static func lineForms<S: Sequence>(_ keys: S) -> Set<Substring> where S.Element == String {
        var forms = Set<Substring>()
        for key in keys {
            let count = key.count
            forms.insert(Substring(key))
            if count > shortestStem {
                for length in shortestStem...min(longestStem, count - 1) { forms.insert(key.prefix(length)) }
            }
            if count <= shortestStem + 1 {
                if key.hasSuffix("es") { forms.insert(key.dropLast(2)) }
                if key.hasSuffix("s") { forms.insert(key.dropLast()) }
            }
        }
        return forms
    }

    /// How many of the question's stems (``stem(_:)``) a line's forms contain.
    static func count(_ stems: [String], in forms: Set<Substring>) -> Int {
        stems.filter { forms.contains(Substring($0)) }.count
    }
}
