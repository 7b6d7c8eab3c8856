import Foundation

/// The short names of the organisations whose guidelines the library holds ("ACC", "AHA",
/// "KDIGO", "NICE"): a question that names one ("stage 1 hypertension under the 2017 ACC/AHA
/// guideline") asks what that body says, and its letters are no abbreviation of a disease
/// (adrenocortical carcinoma, autoimmune hemolytic anemia).
enum Publishers {
    /// Words that are no part of an organisation's initials.
    static let minorWords: Set<String> = ["of", "and", "the", "for", "in", "on", "to", "at", "&"]

    /// The short names a document's source goes by: each capitalised part of it ("ACC/AHA",
    /// "KDIGO"), and the initials of each multi-word name in it ("American Heart Association":
    /// AHA; "U.S. Preventive Services Task Force": USPSTF; "National Institute for Health and
    /// Care Excellence (NICE)": NICE and NIHCE).
    static func abbreviations(ofSource source: String) -> Set<String> {
        var result = Set<String>()
        for part in source.split(whereSeparator: { "/;,()".contains($0) }) {
            let words = part.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters.subtracting(CharacterSet(charactersIn: "."))) }
                .filter { !$0.isEmpty }
            if words.count == 1, let word = words.first, isShortName(word) {
                result.insert(word.uppercased())
            } else if words.count >= 2 {
                let initials = words.filter { !minorWords.contains($0.lowercased()) }
                    .map { word in word.contains(".") ? word.filter(\.isLetter) : String(word.prefix(1)) }
                    .joined().uppercased()
                if initials.count >= 2, initials.count <= 10, initials.allSatisfy(\.isLetter) { result.insert(initials) }
            }
        }
        return result
    }

    /// A word that can be an organisation's short name: 2 to 10 capital letters (digits and
    /// "&" allowed after the first).
    static func isShortName(_ word: String) -> Bool {
        guard let first = word.first, first.isUppercase, first.isLetter, (2...10).contains(word.count) else { return false }
        return word.allSatisfy { ($0.isLetter && $0.isUppercase) || $0.isNumber || $0 == "&" }
    }

    /// Words near which a capitalised short name is the body that issues guidance. (Not
    /// "stage": "ACC staging" stages adrenocortical carcinoma.)
    static let guidanceCues: Set<String> = [
        "guideline", "guidelines", "guidance", "recommendation", "recommendations", "recommend", "recommends", "recommended",
        "criteria", "classification", "definition", "definitions", "consensus", "statement", "says", "say",
        "according", "per", "under", "update", "report",
    ]

    /// The positions of `words` that name a publisher `isPublisher` knows: capitalised as
    /// written, and either joined to another such name ("ACC/AHA") or within four words of a
    /// word of guidance ("KDIGO AKI definition") or a year ("GINA 2023").
    static func positions(in words: [LexiconText.Word], isPublisher: (String) -> Bool) -> Set<Int> {
        let candidates = words.indices.filter { index in
            let original = String(words[index].original)
            return isShortName(original) && isPublisher(original.uppercased())
        }
        guard !candidates.isEmpty else { return [] }
        let candidateSet = Set(candidates)
        var result = Set<Int>()
        for index in candidates {
            let joined = [index - 1, index + 1].contains { neighbour in
                guard candidateSet.contains(neighbour) else { return false }
                let (left, right) = neighbour < index ? (words[neighbour], words[index]) : (words[index], words[neighbour])
                let between = left.original.base[left.range.upperBound..<right.range.lowerBound]
                return between == "/" || between == "-" || between == " / "
            }
            let near = words[max(0, index - 4)..<min(words.count, index + 5)].contains { word in
                guidanceCues.contains(word.key) || (word.key.count == 4 && word.key.allSatisfy(\.isNumber) && ["19", "20"].contains(String(word.key.prefix(2))))
            }
            if joined || near { result.insert(index) }
        }
        return result
    }
}
