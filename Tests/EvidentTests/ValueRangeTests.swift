import Testing
@testable import Evident

@Suite("Values a line gives for a measure")
struct ValueRangeTests {
    @Test("a line meets a question's value when the range it gives for the measure holds it", arguments: [
        (9.0, ["inr"], "Asymptomatic patients with an INR of ≥8.0 should receive 1–5 mg of oral vitamin K (1B).", true),
        (9.0, ["inr"], "Patients with an INR >5.0 but <8.0 should have 1–2 doses of warfarin withheld.", false),
        // The usual range is no answer for a value far above it.
        (9.0, ["inr"], "Continue heparin until the INR is >2.0 for at least 24 hours.", false),
        (9.0, ["inr"], "Bioprosthetic mitral valve: warfarin (target INR 2.5) for three months.", false),
        (9.0, ["inr"], "Monitor the INR closely.", false),
        (40.0, ["creatinine clearance", "crcl"], "CrCl 30 to 50 mL/min: 110 mg twice daily.", true),
        (40.0, ["creatinine clearance", "crcl"], "CrCl <30 mL/min: not recommended.", false),
        (40.0, ["creatinine clearance", "crcl"], "Creatinine clearance between 30 and 50 mL/min: reduce the dose.", true),
        (150.0, ["blood pressure"], "Treat if blood pressure ≥ 140/90 mm Hg.", true),
    ])
    func holds(value: Double, names: [String], line: String, expected: Bool) {
        #expect(ValueRange.holds(value, names: names, in: line) == expected)
    }

    @Test("a question's value qualifier matches by range, others by their words")
    func qualifierMatches() throws {
        let inr = try #require(Qualifier.detect(in: "warfarin INR 9 no bleeding what to do").first { $0.kind == .value })
        #expect(inr.number == 9)
        let line = "Asymptomatic patients with an INR of ≥8.0 should receive 1–5 mg of oral vitamin K (1B)."
        #expect(inr.matches(raw: line, normalized: IntentCues.normalized(line)))
        let target = "Patients with a bioprosthetic valve should receive warfarin (target INR 2.5)."
        #expect(!inr.matches(raw: target, normalized: IntentCues.normalized(target)))
        #expect(inr.matches(IntentCues.normalized(target)), "the measure's name alone still shows it where no value is weighed")
    }

    @Test("'generalized' and 'general' are no question about genes; 'which gene' is")
    func geneCue() {
        #expect(QuestionUnderstanding.intent(IntentCues.normalized("best med for generalized anxiety, ssri or snri?"), fallback: "").0 != .genetics)
        #expect(QuestionUnderstanding.intent(IntentCues.normalized("which gene is mutated in Marfan syndrome"), fallback: "").0 == .genetics)
    }
}
