/// The checks a passage's unit passes before it can be a statement at all: not site furniture or
/// boilerplate, not a question, not a fragment, not under a methods label, not a grade standing
/// alone (and, in research, not methods in place of findings). Scoring comes after.
struct StatementGate {
    /// A unit that may be a statement: its text and label as a statement shows them.
    struct Admitted {
        /// The statement text (a fused heading and a leading connective split off).
        var text: Substring
        /// The label shown before it (row header, inline label or fused heading).
        var rowHeader: Substring?
        var wordCount: Int
        /// The recommendation grades written in the text.
        var grades: [RecommendationStrength.Grade]
        /// The lead-in and items, as one text.
        var itemsText: String
    }

    /// What the gate decided about a unit.
    enum Verdict {
        case admitted(Admitted)
        case rejected(String)
    }

    let tier: Tier
    /// The library's lexicon, which knows the sentences its sites repeat across subjects.
    let libraryLexicon: Lexicon?

    /// Whether `unit` of a passage in a document of `kind` may be a statement. A sentence the
    /// library's sites repeat across subjects is site boilerplate, unless `ownAnswer`: the passage
    /// is its page's answer to the asked question about the page's subject, and the repeated
    /// sentence ("This condition is inherited in an autosomal recessive pattern") is that answer.
    func verdict(on unit: EvidenceUnit, in kind: DocumentKind, ownAnswer: Bool = false) -> Verdict {
        var text = unit.text
        var rowHeader = unit.rowHeader
        if unit.kind == .sentence, kind == .agencyPage, let fused = SourceNoise.fusedHeading(text) {
            rowHeader = fused.heading
            text = fused.rest
        }
        text = SourceNoise.withoutConnective(text)
        let wordCount = text.wordCount
        let itemsText = unit.items.joined(separator: " ")
        // An inline list is judged by its lead-in and items (its line may carry site furniture around them).
        let judged = unit.kind == .inlineList ? String(text) + " " + itemsText : String(unit.quote)
        if SourceNoise.isFurniture(judged) || text.hasSuffix("?") || (text.hasSuffix(":") && unit.items.isEmpty) { return .rejected("furniture or a question") }
        if !ownAnswer, libraryLexicon?.isBoilerplate(unit.quote) == true { return .rejected("site boilerplate") }
        switch unit.kind {
        case .sentence: if wordCount < 5 || wordCount > 90 || text.first?.isLowercase == true || text.occurrences(of: " - ") >= 3 { return .rejected("not a sentence that stands alone") }
        case .listItem, .tableRow: if wordCount < 2 || wordCount > 90 { return .rejected("fragment") }
        case .inlineList: if unit.items.count < 2 { return .rejected("list of fewer than two items") }
        }
        if SourceNoise.isSkippedLabel(rowHeader) { return .rejected("methods or registration label") }
        if tier == .research && SourceNoise.isMethods(text) { return .rejected("methods, not findings") }
        let grades = text.containsBytes("(") || text.containsBytes("[") || text.containsBytes(":") ? RecommendationStrength.grades(in: String(text)) : []
        // A grade over a list grades its items ("(Strong recommendation …)" over the regimens).
        if unit.items.isEmpty, let grade = grades.first, Self.isGradeOnly(String(text), grade) { return .rejected("a grade alone") }
        return .admitted(Admitted(text: text, rowHeader: rowHeader, wordCount: wordCount, grades: grades, itemsText: itemsText))
    }

    /// True when some unit of a page's answer to its own question may be a statement: the
    /// passage says something an answer could quote (a page of links and site furniture does not).
    func admitsSomething(ofOwnAnswer text: String, in kind: DocumentKind) -> Bool {
        EvidenceUnits.units(of: text).contains {
            if case .admitted = verdict(on: $0, in: kind, ownAnswer: true) { return true }
            return false
        }
    }

    /// True when a text is little more than its grade ("(Class I, Level of Evidence: B)").
    static func isGradeOnly(_ text: String, _ grade: RecommendationStrength.Grade) -> Bool {
        var rest = text
        rest.removeSubrange(grade.range)
        return rest.filter { $0.isLetter || $0 == " " }.wordCount < 3
    }
}
