/// Text in sources that is not evidence: site furniture, links, calculator notices, funding
/// lines, a grade standing alone, headings fused to the next sentence, methods in place of
/// findings. Each check is on the exact text, so a statement stays an exact quote.
enum SourceNoise {
    /// Phrases that mark a line as site or document furniture rather than evidence.
    static let furniture = [
        "http", "www.", "Watch the video", "watch the video", "Click here", "click here", "OpenMedicine Calculator",
        "available via MCP", "calculate_", "These resources", "this fact sheet", "This fact sheet", "Human Phenotype Ontology",
        "number of the fraction", "frequency of a sign or symptom", "a frequency of 25/25", "MedlinePlus", "ClinicalTrials.gov",
        "Orphanet", "GeneReviews", "Medical Dictionary", "Copyright", "All rights reserved", "is supported by", "was supported by",
        "were supported by", "funded by", "Funded by", "grant from", "Grant ", "conflict of interest", "Conflict of interest",
        "declare no", "Trial registration", "TRIAL REGISTRATION", "Registration:", "NCT0", "PROSPERO", "Source:", "Adapted from",
        "Reprinted", "Table ", "Figure ", "See also", "see also", "Contact us", "For more information", "for more information",
        "Learn more", "learn more", "National Guideline Clearinghouse", "NGC", "press release", "on our Web site", "on our web site",
        "on our website", "on our Web page", "on this Web site", "on this website",
    ]

    /// True when a unit's text is furniture, not evidence.
    static func isFurniture<S: StringProtocol>(_ text: S) -> Bool {
        // A pointer in parentheses ("… daily, for a 5-day course (see Table 3 in the original
        // guideline document) [I, A]") is an aside of a statement, not what it says.
        if text.containsBytes("(see ") || text.containsBytes("(See ") { return namesFurniture(withoutPointerAsides(String(text))) }
        return namesFurniture(text)
    }

    /// True when the text contains a furniture phrase or only points elsewhere.
    private static func namesFurniture<S: StringProtocol>(_ text: S) -> Bool {
        furniture.contains { text.containsBytes($0) } || pointsElsewhere(text)
    }

    /// The text without its parenthesised pointers ("(see Table 3 …)").
    static func withoutPointerAsides(_ text: String) -> String {
        var result = "", depth = 0, skipping = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if !skipping, character == "(", text[text.index(after: index)...].prefix(4).lowercased() == "see " { skipping = true; depth = 0 }
            if skipping {
                if character == "(" { depth += 1 } else if character == ")" { depth -= 1; if depth == 0 { skipping = false } }
            } else {
                result.append(character)
            }
            index = text.index(after: index)
        }
        return result
    }

    /// Openings of sentences that send the reader to another part of the source.
    static let pointerOpenings = ["Refer to the original", "Refer to the \"", "Refer to the “", "Refer to the '", "Refer to Appendix", "Refer to Section",
                                  "See the original", "See the \"", "See the “", "See the '", "See Appendix", "See Section", "Note: See", "Note: Refer"]
    /// Verbs that place something in the original document ("… is provided in the original guideline document").
    static let placedIn = [" provided in ", " included in ", " available in ", " presented in ", " described in ", " listed in ",
                           " summarized in ", " summarised in ", " found in ", " given in ", " consult the original"]

    /// True when a sentence only points to another part of its source ("Refer to the original
    /// guideline document for …", "An algorithm … is provided in the original guideline document").
    static func pointsElsewhere<S: StringProtocol>(_ text: S) -> Bool {
        if pointerOpenings.contains(where: { text.hasPrefix($0) }) { return true }
        return text.containsBytes("original guideline") && placedIn.contains { text.containsBytes($0) }
    }

    /// Openings of sentences that describe what a study did rather than what it found.
    static let methodOpenings = [
        "We conducted", "We performed", "We enrolled", "We recruited", "We randomly", "We randomized", "We analyzed", "We analysed",
        "We searched", "We used", "We studied", "We investigated", "We examined", "We assessed", "We evaluated", "We aimed",
        "We sought", "We hypothesized", "We hypothesised", "We compared", "We measured", "We identified", "We included",
        "We retrospectively", "We prospectively", "We designed", "We developed", "We describe", "We report", "We present",
        "This study aimed", "This study was", "The aim", "The purpose", "The objective", "Our aim", "Our objective",
        "To assess", "To determine", "To evaluate", "To investigate", "To examine", "To compare", "To describe", "To identify",
        "To explore", "To test", "To review", "In this study", "In this paper", "In this article", "Data were", "Patients were",
        "Participants were", "A total of", "Between ", "From January", "This retrospective", "This prospective", "A retrospective",
        "A prospective", "A cross-sectional", "A randomized", "A randomised", "Medical records", "The records",
        "The current study", "The present study", "This study assess", "This study examine", "This study evaluate",
        "This study investigate", "This study compare", "This paper", "This article",
    ]

    /// Words that show a sentence reports a finding.
    static let findingCues = [
        "found", "showed", "shown", "demonstrated", "associated", "reduced", "increased", "decreased", "improved", "significant",
        "no difference", "did not", "was not", "were not", "higher", "lower", "risk", "odds", "hazard", "%", "effective",
        "suggest", "indicate", "conclude", "than", "compared",
    ]

    /// Words that show a finding is from animals or cells, not patients.
    static let preclinicalCues = WordStartCues([
        "rat ", "rats ", "mice ", "mouse ", "murine ", "rodent", "in vitro", "zebrafish", "marmoset", "drosophila", "cell line",
        "cultured cells", "animal model", "porcine ", "xenograft",
    ])

    /// True when normalised text reports work on animals or cells.
    static func isPreclinical(_ normalized: String) -> Bool { preclinicalCues.matches(normalized) }

    /// True when a research sentence states methods and no finding.
    static func isMethods<S: StringProtocol>(_ text: S) -> Bool {
        guard methodOpenings.contains(where: { text.hasPrefix($0) }) else { return false }
        return !findingCues.contains { text.containsBytes($0) } || text.hasPrefix("To ") || text.hasPrefix("The aim") || text.hasPrefix("The purpose")
    }

    /// Abstract labels (upper-cased) over what was known before a study: its background.
    static let backgroundLabels: Set<String> = ["BACKGROUND", "CONTEXT", "INTRODUCTION", "IMPORTANCE", "RATIONALE", "BACKGROUND AND AIMS"]

    /// Phrases (normalised) by which an abstract's background says what is not known yet.
    static let gapCues = [
        " is unknown ", " are unknown ", " remains unknown ", " remain unknown ", " is not known ", " are not known ", " little is known ",
        " is unclear ", " are unclear ", " remains unclear ", " remain unclear ", " poorly understood ", " not well understood ",
        " has not been established ", " have not been established ", " has not been studied ", " have not been studied ",
    ]

    /// True when a research sentence (normalised by ``IntentCues/normalized(_:)``) says what is
    /// not known: an abstract's reason for its study, not a finding.
    static func statesAGap(_ normalized: String) -> Bool {
        gapCues.contains { normalized.containsBytes($0) }
    }

    /// Words that open a guideline's account of one study ("A retrospective study evaluated …",
    /// "One trial found …"), before the word that names the study.
    static let studyArticles: Set<String> = ["a", "an", "one", "another", "two", "three", "four", "several", "the", "this", "that", "these", "in", "of"]
    /// Words that name a study.
    static let studyWords: Set<String> = ["study", "studies", "trial", "trials", "analysis", "cohort", "survey", "series", "meta-analysis", "review"]

    /// True when a guideline's sentence tells of a study rather than what to do: it opens with a
    /// study ("A case-control study demonstrated that …", "Two randomized trials compared …")
    /// or states a study's methods.
    static func describesAStudy<S: StringProtocol>(_ text: S) -> Bool {
        // Cheap test first: the sentence opens with a word that may start a study's name or methods.
        guard let space = text.prefix(12).firstIndex(of: " ") else { return false }
        let first = text[..<space].lowercased()
        if methodFirstWords.contains(first), isMethods(text) { return true }
        guard studyArticles.contains(first), first != "in", first != "of" else { return false }
        // The study's name ends within five words: "A large, multicenter, randomized controlled trial".
        let opening = text[space...].prefix(70).split(separator: " ").prefix(5).map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        return opening.contains { studyWords.contains($0) }
    }

    /// The first words of ``methodOpenings``, lower-cased.
    static let methodFirstWords = Set(methodOpenings.map { String($0.prefix { $0 != " " }).lowercased() })

    /// Section labels whose text is never a statement: methods of abstracts, definitions of
    /// grades, diagrams, institute furniture, a guideline's disclaimers ("qualifying statements":
    /// "The authors, editors, and publisher … neither represent nor guarantee …").
    static let skippedLabels: Set<String> = [
        "DIAGRAM", "definitions", "research", "support groups", "METHODS", "METHOD", "OBJECTIVE", "OBJECTIVES", "AIM", "AIMS",
        "PURPOSE", "DESIGN", "SETTING", "SETTINGS", "PARTICIPANTS", "PATIENTS", "SUBJECTS", "MATERIALS AND METHODS",
        "STUDY DESIGN", "DESIGN, SETTING, AND PARTICIPANTS", "MAIN OUTCOME MEASURES", "MAIN OUTCOMES AND MEASURES",
        "INTERVENTIONS", "INTERVENTION", "EXPOSURES", "MEASUREMENTS", "MEASURES", "EXPOSURE MEASURES", "OUTCOME MEASURES", "OUTCOME MEASURE", "TRIAL REGISTRATION", "FUNDING", "target population",
        "interventions", "clinical algorithm", "qualifying statements",
    ]

    /// True when a passage label (or inline label) marks text that is never a statement.
    static func isSkippedLabel<S: StringProtocol>(_ label: S?) -> Bool {
        guard let label else { return false }
        return skippedLabels.contains(String(label)) || skippedLabels.contains(label.uppercased())
    }

    /// Pronouns that make a sentence lean on the one before it.
    static let anaphoricOpenings: Set<String> = ["this", "these", "they", "it", "its", "such", "those", "their", "both", "he", "she", "them"]

    /// True when the first word leans on the previous sentence ("These studies…", "It is…").
    static func opensWithPronoun<S: StringProtocol>(_ text: S) -> Bool {
        anaphoricOpenings.contains(text.drop { !$0.isLetter }.prefix { $0.isLetter }.lowercased())
    }

    /// Openings by which a page refers to its own subject ("This condition is inherited in …").
    static let subjectReferences = ["This condition ", "This disorder ", "This disease ", "This syndrome "]

    /// True when a sentence opens by naming its page's subject as "this condition": on a page
    /// about one condition it leans on the page's title, not on the sentence before.
    static func opensWithPageSubject<S: StringProtocol>(_ text: S) -> Bool {
        subjectReferences.contains { text.hasPrefix($0) }
    }

    /// Openings that continue an argument ("As a result, …").
    static let continuations = ["as a result", "in addition", "in contrast", "on the other hand", "for this reason", "in this case", "in such cases", "in these"]

    /// Openings that presuppose a list given before ("Other tests used to diagnose DVT include…"):
    /// such a sentence may be shown, but cannot answer a question first.
    static let continuingOpenings: Set<String> = ["other", "another", "additional", "further", "also"]

    /// True when the first word presupposes what came before ("Other causes include…").
    static func continuesAList<S: StringProtocol>(_ text: S) -> Bool {
        continuingOpenings.contains(text.drop { !$0.isLetter }.prefix { $0.isLetter }.lowercased())
    }

    /// True when a sentence only makes sense after the one before it: it opens with a pronoun or
    /// a continuation, or points back early on ("may trigger these headaches").
    static func leansOnPreviousSentence<S: StringProtocol>(_ text: S) -> Bool {
        if opensWithPronoun(text) { return true }
        let opening = IntentCues.normalized(String(text.prefix(80)))
        if continuations.contains(where: { opening.hasPrefix(" " + $0) }) { return true }
        let firstWords = opening.split(separator: " ").prefix(8)
        return firstWords.contains { $0 == "these" || $0 == "those" || $0 == "such" } || firstWords.dropFirst().contains("this") && !firstWords.contains("study")
    }

    /// Words that typically open a sentence, used to find where a fused heading ends.
    static let sentenceOpeners: Set<String> = [
        "The", "A", "An", "With", "Most", "Many", "Some", "If", "In", "For", "There", "It", "Your", "You", "People",
        "Doctors", "When", "Although", "About", "Only", "Other", "Anyone", "Each", "Several", "Treatment", "Researchers",
        "Scientists", "Symptoms", "Physicians", "Patients", "Medications", "Surgery", "Children", "Adults",
    ]

    /// Small words a heading may contain ("Prevention and Treatment").
    static let headingJoiners: Set<String> = ["and", "of", "for", "the", "to", "in", "with", "or", "a", "an", "on"]

    /// Splits a heading fused to the start of a sentence by the source ("Common Treatments The
    /// most common treatments …"): returns the heading and the sentence, both pieces of the text.
    static func fusedHeading(_ sentence: Substring) -> (heading: Substring, rest: Substring)? {
        let words = sentence.split(separator: " ", maxSplits: 8, omittingEmptySubsequences: true)
        guard words.count > 3 else { return nil }
        for split in 1..<min(7, words.count - 1) {
            let heading = words[..<split]
            guard heading.first?.first?.isUppercase == true, heading.last?.first?.isUppercase == true,
                  heading.allSatisfy({ $0.first?.isUppercase == true || headingJoiners.contains(String($0)) }),
                  !heading.contains(where: { $0.contains(where: { ".,:;()".contains($0) }) }) else { continue }
            let opener = words[split]
            guard sentenceOpeners.contains(String(opener)), words[split + 1].first?.isLowercase == true else { continue }
            return (sentence[heading.first!.startIndex..<heading.last!.endIndex], sentence[opener.startIndex...])
        }
        return nil
    }

    /// Leading connectives that may be trimmed from a statement ("However, …").
    static let connectives = ["However, ", "In conclusion, ", "In summary, ", "Thus, ", "Therefore, ", "Overall, ", "Finally, ",
                              "Moreover, ", "Furthermore, ", "Additionally, ", "Also, ", "Conclusions: ", "Conclusion: ", "In addition, ",
                              "Taken together, ", "Collectively, ", "Importantly, ", "Notably, "]

    /// The text without a leading connective (still a piece of it).
    static func withoutConnective(_ text: Substring) -> Substring {
        for connective in connectives where text.hasPrefix(connective) {
            let rest = text.dropFirst(connective.count)
            if let first = rest.first, first.isUppercase || first.isNumber { return rest }
            if let first = rest.first, first.isLowercase { return rest }
        }
        return text
    }
}
