import Testing
@testable import Evident

@Suite("Age bands: the age a question gives against the bands a line states", .serialized)
struct AgeBandTests {
    // Lines as the library's guidelines write them (USPSTF, ACC/AHA, open-medicine).
    @Test("a line's age bands are read, and durations, risks and calendar years are not", arguments: [
        ("Four Major Statin Benefit Groups › Group 4: Primary Prevention (Ages 40--75, No ASCVD, No Diabetes)", [40...75]),
        ("Prevention in Adults 76 Years and Older", [76...AgeBands.oldest]),
        ("Universal lipids screening in adults aged 40 to 75 years.", [40...75]),
        ("The harms of screening for colorectal cancer in adults aged 50 to 75 years are small.", [50...75]),
        ("Screen for obesity in children 6 years or older.", [6...AgeBands.oldest]),
        ("Children younger than 5 years should not receive it.", [0...4]),
        ("in persons 55 to 74 years with a 30 pack-year smoking history", [55...74]),
        ("women between 50 and 74 years of age", [50...74]),
        ("Patients aged ≥65 years: start at 2.5 mg.", [65...AgeBands.oldest]),
        ("The decision to start screening mammography in women prior to age 50 years should be an individual one.", [0...49]),
        ("Screen for colorectal cancer starting at age 50 years and continuing until age 75 years.", [50...AgeBands.oldest, 0...75]),
        ("Children aged 6 to 59 months should receive vitamin A.", []),
        ("Continue bisphosphonate therapy for 3 to 5 years.", []),
        ("10-year ASCVD risk >= 20%: High-intensity statin to reduce LDL-C by >= 50%", []),
        ("LDL-C 70--189 mg/dL and 10-year ASCVD risk >= 7.5%", []),
        ("Trials published between 2010 and 2015 were included.", []),
        ("In older patients, continue for 5 to 10 years.", []),
    ])
    func bands(line: String, expected: [ClosedRange<Int>]) {
        #expect(AgeBands.bands(in: line) == expected)
    }

    @Test("a closed band holding the asked age answers it narrowly, an open one broadly; only other bands do not; no band says nothing")
    func verdict() {
        let ages = AgeBands(question: "statin for primary prevention in a 76 year old")
        #expect(ages.asked == [76])
        #expect(ages.verdict("Group 4: Primary Prevention (Ages 40--75, No ASCVD, No Diabetes)") == .other)
        #expect(ages.verdict("Initiating Statin Therapy for Primary Prevention in Adults 76 Years and Older") == .narrow)
        let eighty = AgeBands(question: "should an 80 year old have colon cancer screening")
        #expect(eighty.verdict("The decision to screen for colorectal cancer in adults aged 76 to 85 years should be an individual one") == .narrow)
        #expect(eighty.verdict("screening in average-risk individuals >50 years of age") == .broad)
        #expect(ages.verdict("High-intensity statin to reduce LDL-C by >= 50% (Class I, Level of Evidence A).") == nil)
        #expect(AgeBands(question: "statin for primary prevention").verdict("Ages 40--75") == nil, "a question without an age weighs no band")
    }

    /// The USPSTF statin statement, the 2013 ACC/AHA cholesterol guideline, NICE's lipid
    /// modification guideline and the open-medicine pack (its "Ages 40–75" statin benefit group).
    static let statins: (library: Library, composer: AnswerComposer) = {
        let library = try! TestVocabulary.library("statins", paths: ["11104", "10477", "10501"].map { TestData.path("ngc/summaries/ngc-\($0).xml.gz") } + [TestVocabulary.openMedicinePack])
        return (library, try! TestVocabulary.composer(library))
    }()

    @Test("a 76-year-old's statin question is answered by the line on adults 76 and older, not by the 40–75 benefit group")
    func answersForTheAskedAge() throws {
        let answer = try Self.statins.composer.answer("statin for primary prevention in a 76 year old", explain: true)
        let lead = try #require(answer.guidelines.summary.first)
        #expect(lead.text.contains("76 years and older"), "\(lead.text)")
        // Lines for a band that leaves the age out are shown, if at all, marked and never first.
        let otherBand = answer.allStatements.filter { ($0.label ?? "").contains("Ages 40--75") }
        #expect(otherBand.allSatisfy { $0.explain?.parts.contains { $0.name == "another age band" } == true })
        #expect(!answer.guidelines.summary.contains { ($0.label ?? "").contains("Ages 40--75") })
        try AnswerCompositionTests.checkInvariants(answer, library: Self.statins.library)
    }
}
