import Foundation
import Testing
@testable import Evident

@Suite("Recommendation strength")
struct RecommendationStrengthTests {
    // Sentences from the NGC summaries (the summary's id in each case name).
    @Test("grades in the source's own words", arguments: [
        ("AAN ngc:10963, two levels", "OnabotulinumtoxinA (onaBoNT-A) and incobotulinumtoxinA (incoBoNT-A) injections should be considered (Level B), and aboBoNT-A may be considered (Level C), as treatment options for blepharospasm.", ["Level B", "Level C"]),
        ("USPSTF ngc:10904", "The USPSTF recommends biennial screening mammography for women aged 50 to 74 years. (B recommendation)", ["B recommendation"]),
        ("VA/DoD ngc:10612", "The guideline panel recommends against the long-term use of opioid medications for the management of patients with CMI. (Strong Against)", ["Strong Against"]),
        ("BTS ngc:10323, bracketed letter", "Despite increasing prevalence of chronic kidney disease (CKD), it is often under-recognized and under-treated. [A]", ["A"]),
        ("SIGN-style ngc:10707", "R3 - Adults with PTSD should be offered trauma-focussed cognitive behavioural interventions or eye movement desensitization and reprocessing. (Grade A)", ["Grade A"]),
        ("AHA ngc:10288, class and level", "Women with chronic primary or secondary hypertension or previous pregnancy-related hypertension should take low-dose aspirin from the 12th week of gestation until delivery (Class I; Level of Evidence A).", ["Class I; Level of Evidence A"]),
        ("GRADE ngc:10216", "The guideline developers recommend using anti–TNF-α drugs in combination with thiopurines over thiopurine monotherapy to induce remission in patients who have moderately severe CD (Strong Recommendation, High-Quality Evidence)", ["Strong Recommendation, High-Quality Evidence"]),
        ("ASH ngc:11004, certainty", "Recommendation: For persons with haemophilia, the Guideline Panel suggests that the integrated care model be used over non-integrated care models (conditional recommendation, moderate certainty in the evidence).", ["conditional recommendation, moderate certainty in the evidence"]),
        ("AASLD ngc:10903, key-value pairs in brackets", "The AASLD recommends pegylated interferon (Peg-IFN), entecavir, or tenofovir as preferred initial therapy for adults with immune-active CHB. (Quality/Certainty of Evidence: Low, Strength of Recommendation: Strong)", ["Quality/Certainty of Evidence: Low, Strength of Recommendation: Strong"]),
        ("AAOS ngc:7580, unbracketed", "For patients treated non-operatively, the work group is unable to recommend for or against the use of immediate functional bracing for patients with acute Achilles tendon rupture. Strength of Recommendation: Inconclusive", ["Strength of Recommendation: Inconclusive"]),
        ("APA ngc:10779, code after the verb", "Statement 1. The American Psychiatric Association (APA) recommends (1C) that the initial psychiatric evaluation of a patient include review of the patient's mood.", ["1C"]),
        ("AAO-HNS ngc:10226, grade sentence", "Clinicians should distinguish diffuse acute otitis externa (AOE) from other causes of otalgia, otorrhea, and inflammation of the external ear canal. Recommendation based on observational studies with a preponderance of benefit over risk.", ["Recommendation based on observational studies with a preponderance of benefit over risk"]),
        ("CCHMC, evidence levels after citations", "It is recommended that patients be evaluated for CMV (Local Consensus, 2013 [5]; Kotton et al., 2013 [5a]).", ["5", "5a"]),
        ("not a grade: intravenous", "Typical dosages of cefazolin are 1 to 2 grams given intravenously (IV) within 60 minutes.", []),
        ("not a grade: cross-reference", "Consider insulin (see recommendations below) or a sulfonylurea. [new 2015]", []),
        ("not a grade: clinical class", "Hydralazine/nitrates is indicated for those patients (NYHA class III-IV heart failure, EF <40%), who are already taking ACE inhibitors.", []),
        ("not a grade: PICO letters mid-sentence", "In patients with extraperitoneal rectal injuries (P), should distal rectal washout be performed (I) versus not?", []),
    ])
    func grades(name: String, sentence: String, expected: [String]) {
        let grades = RecommendationStrength.grades(in: sentence)
        #expect(grades.map(\.text) == expected, "\(name)")
        for grade in grades {
            #expect(sentence[grade.range].contains(grade.text), "\(name): the range holds the grade")
        }
        #expect(RecommendationStrength.grade(in: sentence)?.text == expected.first, "\(name)")
    }

    @Test("the range covers the brackets")
    func range() throws {
        let sentence = "OnaBoNT-A should not be offered as a treatment for EM (Level A)."
        let grade = try #require(RecommendationStrength.grade(in: sentence))
        #expect(sentence[grade.range] == "(Level A)")
    }

    @Test("a guideline's definitions passages give each grade its definition", arguments: [
        ("AAN ngc:10963", "10963", "Level B", "Level B", "Probably effective, ineffective or harmful (or probably useful/predictive or not useful/predictive) for the given condition in the specified population."),
        ("AAN ngc:10963, evidence class", "10963", "Class I", "Class I", "A randomized, controlled clinical trial of the intervention of interest with masked or objective outcome assessment"),
        ("USPSTF ngc:10904", "10904", "B recommendation", "B", "The USPSTF recommends the service. There is high certainty that the net benefit is moderate"),
        ("USPSTF ngc:10904, I statement", "10904", "I statement", "I Statement", "The USPSTF concludes that the current evidence is insufficient to assess the balance of benefits and harms of the service."),
        ("VA/DoD ngc:10612", "10612", "Weak For", "Weak For", "or \"The guideline panel suggests offering this option …\""),
        ("APA ngc:8093", "8093", "I", "I", "Recommended with substantial clinical confidence."),
        ("CCHMC ngc:10314", "10314", "Local Consensus, 2013 [5]", "5", "Local Consensus"),
    ])
    func definitions(name: String, id: String, grade: String, key: String, definition: String) throws {
        let document = try #require(try TestData.read(NGCImporter(), NGCImporterTests.path(id)).documents.first)
        let definitions = RecommendationStrength.definitions(from: document.passages)
        let found = RecommendationStrength.lookup(grade, in: definitions)
        #expect(found.first?.grade == key, "\(name): \(found.map(\.grade))")
        #expect(found.first?.definition.hasPrefix(definition) == true, "\(name): \(found.first?.definition ?? "nothing")")
    }

    @Test("the AAN levels are filed under their letters and their names")
    func aanLevels() throws {
        let document = try #require(try TestData.read(NGCImporter(), NGCImporterTests.path("10963")).documents.first)
        let definitions = RecommendationStrength.definitions(from: document.passages)
        #expect(definitions["Level B"] == definitions["B"])
        #expect(definitions["Level B"]?.hasPrefix("Probably effective, ineffective or harmful") == true)
        #expect(Set(definitions.keys).isSuperset(of: ["A", "B", "C", "U", "Class I", "Class II", "Class III", "Class IV"]))
    }

    /// Grade-like markers, found generously and independently of the parser: a bracket holding a
    /// grade word or a bare code at a clause end (cross-references left out), a "key: value"
    /// grade, or an AAO-HNS grade sentence. It also flags clinical uses ("NYHA class III",
    /// "high-grade dysplasia"); by hand, about seven in ten of what the parser leaves are those.
    static func hasGradeLikeMarker(_ sentence: String) -> Bool {
        let lowered = sentence.lowercased()
        for (open, close) in RecommendationStrength.bracketPairs(in: sentence) {
            let content = sentence[sentence.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            let words = content.lowercased()
            guard content.count <= 200, !["see ", "table", "figure", "this recommendation", "appendix"].contains(where: { words.contains($0) }) else { continue }
            let cues = ["level", "grade", "class", "strength", "quality of", "quality evidence", "-quality", "evidence", "recommend", "strong",
                        "weak", "conditional", "consensus", "gpp", "practice point", "expert opinion", "certainty", "loe", "principle", "standard",
                        "good practice", "option"]
            if cues.contains(where: { words.contains($0) }) { return true }
            if RecommendationStrength.isCode(content), RecommendationStrength.isClauseEnd(sentence[sentence.index(after: close)...]) { return true }
        }
        for key in RecommendationStrength.keys where lowered.contains(key + ":") || lowered.contains(key + " =") || lowered.contains(key + "=") { return true }
        return ["recommendation based on", "option based on", "recommendation (against) based on", "recommendation against based on"].contains { lowered.contains($0) }
    }

    @Test("the parser recognises at least 95% of the grade-like markers in the 1,416 summaries' recommendations")
    func archiveRecognition() {
        var sentences = 0, marked = 0, recognised = 0, outside = 0
        for document in NGCImporterTests.archive.documents {
            for passage in document.passages where passage.label == "recommendations" {
                for line in passage.text.split(separator: "\n") {
                    // A sentence that only gives a grade ("(B recommendation)") belongs to the one before.
                    var merged: [String] = []
                    for sentence in SentenceSplitter.sentences(String(line)) {
                        if !merged.isEmpty, NGCGradeLines.isGradeRemark(String(sentence)) { merged[merged.count - 1] += " " + sentence } else { merged.append(String(sentence)) }
                    }
                    for sentence in merged {
                        sentences += 1
                        let found = RecommendationStrength.grade(in: sentence) != nil
                        if Self.hasGradeLikeMarker(sentence) {
                            marked += 1
                            if found { recognised += 1 }
                        } else if found {
                            outside += 1
                        }
                    }
                }
            }
        }
        let summary = "\(sentences) sentences, \(marked) with a grade-like marker, \(recognised) recognised, \(outside) more recognised outside the markers"
        #expect(sentences > 100_000, "\(summary)")
        #expect(Double(recognised) >= 0.95 * Double(marked), "\(summary)")
        #expect(Double(marked) >= 0.10 * Double(sentences), "\(summary)")
    }
}


@Suite("Grade ranks")
struct GradeRankTests {
    @Test("grades as guidelines write them rank strong, moderate or weak; numbering and unreadable grades have no rank", arguments: [
        ("Class I, LOE A", GradeRank.strong), ("COR 1, LOE C-EO", .strong), ("Level A", .strong), ("1B", .strong), ("IA", .strong),
        ("Strong recommendation, Low quality of evidence", .strong), ("Grade: strong recommendation, moderate-quality evidence", .strong),
        ("Class IIa, LOE B-R", .moderate), ("COR 2a, LOE C-LD", .moderate), ("Level B", .moderate), ("B", .moderate),
        ("Moderate Quality Evidence", .moderate),
        ("Class IIb, Level C", .weak), ("Level C", .weak), ("2C", .weak), ("Conditional, Moderate", .weak), ("WEAK", .weak),
        ("Evidence Quality: Grade D; Option based on expert opinion, case reports, and reasoning from first principles", .weak),
    ])
    func ranks(grade: String, rank: GradeRank) {
        #expect(GradeRank(grade: grade) == rank, "\(grade)")
    }

    @Test("no rank", arguments: ["Recommendation 1.2.5", "Evidence Quality: Grade X; Recommendation", "Inconclusive", "Class III, Level C"])
    func unranked(grade: String) {
        #expect(GradeRank(grade: grade) == nil, "\(grade)")
    }
}
