/// Finds the parts of a summary's "Major Recommendations" that define its grades rather than
/// recommend anything: NGC ends the field with a "Definitions" heading (the levels, classes
/// or grades the recommendations cite), and some summaries give a rating scheme, an
/// abbreviation list or ACR's radiation levels under a heading of their own. ("Definition of
/// gastroparesis" is clinical content, not a grade definition, and is not matched.)
enum NGCDefinitions {
    /// Words of a heading that introduces a rating scheme.
    static let schemePhrases = [
        "level of evidence", "levels of evidence", "evidence level", "strength of recommendation",
        "strength of the recommendation", "strength of evidence", "strength of the evidence", "quality of evidence",
        "quality of the evidence", "evidence quality", "grades of recommendation", "grade of recommendation",
        "grading of recommendation", "grading system", "grading of quality", "grading the evidence", "grades of evidence",
        "rating scheme", "rating strength", "rating quality", "rating of potential", "classification of recommendation",
        "classification of evidence", "classes of evidence", "class of evidence", "classes of recommendation",
        "class of recommendation", "levels of recommendation", "grades mean", "levels of certainty", "abbreviations",
        "relative radiation level", "nomenclature linking", "strength of action terms", "grade definitions",
        "evidence definitions", "recommendation categories", "literature classification", "evidence classification",
        "evidence grading", "grading scheme", "definitions for", "definitions of",
    ]
    /// Headings that continue definitions already open but start none (NGC follows the grade
    /// definitions with what a "consensus statement" is).
    static let continuationPhrases = ["consensus statements"]

    /// True if a heading opens grade definitions: "Definitions" (NGC's heading for them, at
    /// the end of the field) or a rating scheme's title. Its section runs to the next heading
    /// of the same or a higher level that does not itself open or continue definitions.
    static func opensDefinitions(_ heading: String) -> Bool {
        let lowered = heading.lowercased()
        if lowered == "definitions" { return true }
        if lowered.containsBytes("rationale") || lowered.containsBytes("summary") || lowered.containsBytes("recommendations for") { return false }
        return schemePhrases.contains { lowered.containsBytes($0) }
    }

    /// True if a heading keeps open definitions open.
    static func continuesDefinitions(_ heading: String) -> Bool {
        opensDefinitions(heading) || continuationPhrases.contains { heading.lowercased().containsBytes($0) }
    }

    /// True for NGC's note that the definitions follow ("Definitions of the levels … are
    /// provided at the end of the "Major Recommendations" field.").
    static func isPointerToDefinitions(_ text: String) -> Bool {
        guard text.count < 600 else { return false }
        let lowered = text.lowercased()
        return lowered.containsBytes("at the end of the") && lowered.containsBytes("major recommendations")
    }
}
