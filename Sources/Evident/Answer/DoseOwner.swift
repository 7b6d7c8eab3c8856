/// Whose dose a line gives: the drug named nearest before its first dose. "NSAIDs: Low-dose
/// (e.g., naproxen 250 mg twice daily); Alternative if colchicine not tolerated" gives
/// naproxen's dose, so it is no answer to "colchicine dose", although it names colchicine.
enum DoseOwner {
    /// Words of a unit that make the number before them a dose ("mg/kg" is read as the words
    /// "mg" and "kg": ``LexiconText/words(_:)`` splits at the slash).
    static let doseUnits: Set<String> = ["mg", "g", "mcg", "ug", "µg", "microgram", "micrograms", "milligram", "milligrams",
                                         "units", "unit", "iu", "ml", "mmol", "meq", "gram", "grams"]

    /// The word position of the first dose in `words` (a number followed by a dose unit), if any.
    static func firstDose(in words: [LexiconText.Word]) -> Int? {
        guard words.count >= 2 else { return nil }
        for index in 0..<(words.count - 1) where words[index].key.first?.isNumber == true && doseUnits.contains(words[index + 1].key) {
            return index
        }
        return nil
    }

    /// True when the drug named nearest before the line's first dose is another drug than the
    /// asked one: `drugs` are the line's drug sightings, `isAsked` says whether a sighting's
    /// words name the asked drug. A drug in an earlier clause ("LMWH or UFH for 5–10 days; 150 mg orally twice daily" under
    /// "Dabigatran") does not own the dose: the line's label names whose it is.
    static func givesAnotherDrugsDose(_ words: [LexiconText.Word], in text: String, drugs: [Range<Int>], isAsked: (Range<Int>) -> Bool) -> Bool {
        guard let dose = firstDose(in: words),
              let nearest = drugs.filter({ $0.upperBound <= dose && $0.upperBound > 0 }).max(by: { $0.upperBound < $1.upperBound }) else { return false }
        let between = text[words[nearest.upperBound - 1].range.upperBound..<words[dose].range.lowerBound]
        if between.contains(";") || between.contains(". ") { return false }
        return !isAsked(nearest)
    }
}
