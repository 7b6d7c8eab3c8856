import Foundation
import Testing
@testable import Evident

@Suite("Guideline Markdown importer")
struct GuidelineMarkdownImporterTests {
    // Fixture: a short guideline in the Markdown-with-header shape (wording adapted from the
    // ACR 2020 gout guideline summary that open-medicine ships).
    static let gout = """
        ---
        title: 2020 American College of Rheumatology Guideline for the Management of Gout
        organization: American College of Rheumatology
        year: 2020
        doi: 10.1002/art.41247
        tier: guideline
        ---
        # Flare Management in Gout

        ## First-Line Therapies

        Colchicine, NSAIDs, or glucocorticoids are **strongly recommended** as first-line
        therapy for gout flares (Strong, High).

        - Three NSAIDs are FDA-approved: *indomethacin*, naproxen, and sulindac.
        - See [the ACR site](https://rheumatology.org) for details.

        | Parameter | Recommendation |
        |---|---|
        | **Regimen** | 1.2 mg orally, then 0.6 mg 1 hour later |

        ```
        Flare --> colchicine
        ```

        ## Prophylaxis
        Anti-inflammatory prophylaxis is recommended for 3 to 6 months.
        """

    @Test("header fields become metadata and each heading a passage with its path")
    func parsesGuideline() throws {
        let document = try GuidelineMarkdownImporter.document(markdown: Self.gout, fileName: "gout.md")
        #expect(document.id == "doi:10.1002/art.41247")
        #expect(document.tier == .guideline)
        #expect(document.kind == .practiceGuideline)
        #expect(document.year == 2020)
        #expect(document.source == "American College of Rheumatology")
        #expect(document.url == "https://doi.org/10.1002/art.41247")
        let first = document.passages[0]
        #expect(first.heading == "Flare Management in Gout > First-Line Therapies")
        #expect(first.text == """
            Colchicine, NSAIDs, or glucocorticoids are strongly recommended as first-line therapy for gout flares (Strong, High).
            Three NSAIDs are FDA-approved: indomethacin, naproxen, and sulindac.
            See the ACR site for details.
            Regimen: 1.2 mg orally, then 0.6 mg 1 hour later
            """)
        #expect(document.passages[1].label == "DIAGRAM")
        #expect(document.passages[1].text == "Flare --> colchicine")
        #expect(document.passages[2].heading == "Flare Management in Gout > Prophylaxis")
    }

    @Test("Windows line endings (CRLF) read the same as Unix ones")
    func crlf() throws {
        let unix = try GuidelineMarkdownImporter.document(markdown: Self.gout, fileName: "gout.md")
        let windows = try GuidelineMarkdownImporter.document(markdown: Self.gout.replacingOccurrences(of: "\n", with: "\r\n"), fileName: "gout.md")
        #expect(windows == unix)
    }

    @Test("header problems name the field", arguments: [
        ("---\norganization: X\n---\n# A\ntext", "title", "missing or empty"),
        ("---\ntitle: T\nyear: soon\n---\n# A\ntext", "year", "'soon' is not a year"),
        ("---\ntitle: T\ntier: opinion\n---\n# A\ntext", "tier", "'opinion' is not guideline or research"),
        ("---\ntitle: T\ncolour: red\n---\n# A\ntext", "colour", "unknown field"),
    ])
    func headerProblems(markdown: String, field: String, message: String) throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let path = TestData.write(markdown, to: "g.md", in: directory)
        let collected = try TestData.read(GuidelineMarkdownImporter(), path)
        let failure = try #require(collected.failures.first)
        #expect(failure.record == "header field '\(field)'")
        #expect(failure.message.hasPrefix(message))
    }

    @Test("a non-UTF-8 file is an error naming the offset")
    func notUTF8() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let path = TestData.write(Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n# A\ntext".utf8), to: "latin1.md", in: directory)
        #expect(throws: ImportIssue(file: path, message: "not valid UTF-8 (first bad byte at offset 14)")) {
            try TestData.read(GuidelineMarkdownImporter(), path)
        }
    }
}

@Suite("open-medicine guideline pack")
struct OpenMedicineImporterTests {
    /// The guideline pack installed by `make setup` (pip install open-medicine into .venv).
    static var installedPack: String? {
        let venv = (TestData.repositoryRoot as NSString).appendingPathComponent(".venv/lib")
        guard let pythons = try? FileManager.default.contentsOfDirectory(atPath: venv) else { return nil }
        for python in pythons {
            let pack = "\(venv)/\(python)/site-packages/open_medicine/guidelines"
            if OpenMedicineImporter.isPack(directory: pack) { return pack }
        }
        return nil
    }

    @Test("imports every guideline of the real pack as one cited document")
    func realPack() throws {
        let pack = try #require(Self.installedPack, "open-medicine is not installed in .venv: run `make setup`")
        let collected = try TestData.read(OpenMedicineImporter(), pack)
        #expect(collected.failures.isEmpty)
        #expect(collected.documents.count >= 40)
        #expect(collected.documents.allSatisfy { $0.tier == .guideline && $0.kind == .guidelineSummary })
        #expect(collected.documents.allSatisfy { $0.year != nil && $0.source != nil && $0.passages.count >= 2 })
        let gout = try #require(collected.documents.first { $0.title?.contains("Gout") == true })
        #expect(gout.doi != nil)
        #expect(gout.id == "doi:\(gout.doi!)")
        #expect(gout.passages.contains { $0.text.contains("colchicine") })
    }

    @Test("a registry entry without content is reported; the others are imported")
    func missingContent() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        // Fixture: a two-entry pack in open-medicine's layout; the second entry has no folder.
        TestData.write("""
            [{"id": "demo_2024", "title": "Demo Guideline", "doi": "10.1000/demo", "year": 2024, "organization": "DEMO", "topics": ["demo"], "sections": ["b", "a"]},
             {"id": "absent_2020", "title": "Absent", "year": 2020, "organization": "X"}]
            """, to: "registry.json", in: directory)
        let content = (directory as NSString).appendingPathComponent("content/demo_2024")
        try FileManager.default.createDirectory(atPath: content, withIntermediateDirectories: true)
        TestData.write("# A\nSection a text.", to: "a.md", in: content)
        TestData.write("# B\nSection b text.", to: "b.md", in: content)
        let collected = try TestData.read(OpenMedicineImporter(), directory)
        #expect(collected.documents.map(\.id) == ["doi:10.1000/demo"])
        #expect(collected.documents[0].passages.map(\.text) == ["Section b text.", "Section a text."])
        #expect(collected.failures.map(\.record) == ["entry 2 (absent_2020)"])
    }
}
