import Foundation

/// A disease as it occurs in the population a question names: "hypertension" in a pregnant
/// woman is "gestational hypertension" (Hypertension, Pregnancy-Induced), "obesity" in a child
/// is "pediatric obesity", "arthritis" in a child "juvenile arthritis". Found by looking the
/// population's usual phrasings up in the vocabulary, and kept only when MeSH files the
/// result under the disease itself, so it is always a narrower form of what was asked.
enum QualifiedConcept {
    /// How names join a disease (`{}`) with each population.
    static let phrasings: [String: [String]] = [
        "pregnancy": ["gestational {}", "pregnancy-induced {}", "{} in pregnancy", "{} of pregnancy", "{}, pregnancy-induced", "{}, gestational"],
        "children": ["pediatric {}", "childhood {}", "juvenile {}", "{} in children", "{}, juvenile", "{} of childhood"],
        "adolescents": ["adolescent {}", "juvenile {}", "{} in adolescents"],
        "older adults": ["{} in the elderly", "{} in older adults", "senile {}"],
    ]

    /// The narrower concept for `base` in the question's populations, with the phrase that names
    /// it; `askedNamesIt` when the asked name already says the population ("High Blood Pressure
    /// in Pregnancy", a page's subject), which then stands for that concept.
    static func find(_ asked: Concept, qualifiers: [Qualifier], vocabulary: Vocabulary)
        -> (concept: Concept, phrase: String, population: String, askedNamesIt: Bool)? {
        // A library's own name ("Diabetes", an institute page's subject) stands for the MeSH
        // disease it names.
        let base = asked.isMeSH ? asked : asked.broader.lazy.compactMap { vocabulary.concept(id: $0) }.first { $0.isMeSH } ?? asked
        guard base.categories.contains(.disease) || base.categories.contains(.libraryName) else { return nil }
        let names = [base.name] + base.synonyms.prefix(4)
        let askedName = IntentCues.normalized(asked.name)
        for qualifier in qualifiers where qualifier.kind == .population {
            for phrasing in phrasings[qualifier.label] ?? [] {
                for name in names {
                    let phrase = phrasing.replacingOccurrences(of: "{}", with: name.lowercased())
                    guard let concept = vocabulary.concept(named: phrase),
                          concept.id != base.id, concept.isMeSH, concept.categories.contains(.disease),
                          // Under the disease in MeSH; a name only the library uses has no tree, and
                          // the phrase, built from its name, must then do.
                          concept.broader.contains(base.id) || !base.isMeSH
                    else { continue }
                    return (concept, phrase, qualifier.label, qualifier.matches(askedName))
                }
            }
        }
        return nil
    }
}
