import Foundation

/// The infection an organism causes, for a question that names the organism where it means the
/// disease ("the doctor says pinworms" asks about Enterobiasis, "H. pylori treatment" about
/// Helicobacter Infections). Found by looking the organism's names, then its genus's, up in
/// the vocabulary as MeSH writes infections' entry terms ("Pinworm Infection", "Lice
/// Infestation", "Borrelia burgdorferi Infection"), so only an infection MeSH itself names
/// after the organism is ever inferred.
enum OrganismInfection {
    /// How MeSH names an infection after its organism (`{}`); keys fold plurals.
    static let phrasings = ["{} infection", "{} infestation", "{} disease"]

    /// Names of an organism tried per concept (its name first, then its commonest synonyms).
    static let namesTried = 8

    /// The MeSH disease named as the infection by `organism` or by its genus, if any.
    static func find(_ organism: Concept, vocabulary: Vocabulary) -> Concept? {
        // A kingdom ("virus": Viruses, "bacteria") is too broad to stand for one infection, and
        // its word has other senses (a computer virus).
        guard organism.isMeSH, organism.categories.contains(.organism), !organism.categories.contains(.disease), !organism.broader.isEmpty else { return nil }
        let genus = organism.broader.lazy.compactMap { vocabulary.concept(id: $0) }.first { $0.categories.contains(.organism) }
        for candidate in [organism] + (genus.map { [$0] } ?? []) {
            for name in ([candidate.name] + candidate.synonyms).prefix(namesTried) {
                for phrasing in phrasings {
                    let phrase = phrasing.replacingOccurrences(of: "{}", with: name)
                    if let concept = vocabulary.concept(named: phrase), concept.isMeSH, concept.categories.contains(.disease) { return concept }
                }
            }
        }
        return nil
    }
}
