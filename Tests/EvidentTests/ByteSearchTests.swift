import Foundation
import Testing
@testable import Evident

@Suite("Byte search")
struct ByteSearchTests {
    @Test("counts non-overlapping occurrences exactly as Foundation's components(separatedBy:) splits")
    func matchesFoundation() throws {
        // Real sentences: every MedQuAD answer of one NIH page, plus edge cases.
        let page = try String(contentsOfFile: TestData.path("medquad/1_CancerGov_QA/0000001_1.xml"), encoding: .utf8)
        let samples = page.components(separatedBy: ". ") + ["", " - ", "a - b - c - d", "- - -", "http", "ahttpb", "é - é", "αβγ - δ"]
        for sample in samples {
            for needle in [" - ", "http", "the", "é", "cancer", "zzz"] {
                #expect(sample.occurrences(of: needle) == sample.components(separatedBy: needle).count - 1, "\(needle) in \(sample.prefix(40))")
                #expect(sample[...].containsBytes(needle) == sample.contains(needle))
            }
        }
    }
}
