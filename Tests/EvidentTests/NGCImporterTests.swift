import Foundation
import Testing
@testable import Evident

@Suite("NGC guideline summaries")
struct NGCImporterTests {
    static let folder = TestData.path("ngc/summaries")

    static func path(_ id: String) -> String { (folder as NSString).appendingPathComponent("ngc-\(id).xml.gz") }

    static func read(_ id: String) throws -> Document {
        let collected = try TestData.read(NGCImporter(), path(id))
        #expect(collected.failures.isEmpty && collected.warnings.isEmpty, "\(collected.failures) \(collected.warnings)")
        return try #require(collected.documents.first)
    }

    /// Everything the importer yields for the whole archive (read once; about 1,500 files).
    static let archive: TestData.Collected = {
        var all = TestData.Collected()
        for file in try! FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let collected = try! TestData.read(NGCImporter(), (folder as NSString).appendingPathComponent(file))
            all.documents += collected.documents
            all.failures += collected.failures
            all.skipped += collected.skipped
            all.warnings += collected.warnings
        }
        return all
    }()

    @Test("the AAN botulinum neurotoxin guideline: metadata and the blepharospasm recommendation word for word")
    func aanBlepharospasm() throws {
        let document = try Self.read("10963")
        #expect(document.id == "ngc:10963")
        #expect(document.tier == .guideline)
        #expect(document.kind == .practiceGuideline)
        #expect(document.title == "Practice guideline update summary: botulinum neurotoxin for the treatment of blepharospasm, cervical dystonia, adult spasticity, and headache: report of the Guideline Development Subcommittee of the American Academy of Neurology.")
        #expect(document.authors == ["American Academy of Neurology"])
        #expect(document.source == "American Academy of Neurology")
        #expect(document.year == 2016)
        #expect(document.released == "2016 May 10")
        #expect(document.status == "current release; updates previous versions")
        #expect(document.pmid == "27164716")
        #expect(document.url == "https://www.aan.com/Guidelines/")
        #expect(document.keywords == ["Blepharospasm", "Cervical dystonia (CD)", "Adult spasticity", "Headache"])
        let blepharospasm = try #require(document.passages.first { $0.heading == "Blepharospasm > Recommendations" })
        #expect(blepharospasm.label == "recommendations")
        #expect(blepharospasm.text == "OnabotulinumtoxinA (onaBoNT-A) and incobotulinumtoxinA (incoBoNT-A) injections should be considered (Level B), and aboBoNT-A may be considered (Level C), as treatment options for blepharospasm.")
        let upperLimb = try #require(document.passages.first { $0.heading == "Spasticity in Adults > Upper Extremity Spasticity > Recommendations" })
        #expect(upperLimb.text.split(separator: "\n").count == 3)
        let levels = try #require(document.passages.first { $0.heading == "Definitions > Classification of Recommendations" })
        #expect(levels.label == "definitions")
        #expect(levels.text.contains("B = Probably effective, ineffective or harmful (or probably useful/predictive or not useful/predictive) for the given condition in the specified population."))
        #expect(document.passages.first?.label == "definitions", "NGC's note that the definitions follow is not a statement")
        #expect(Set(document.passages.map { $0.label ?? "" }) == ["recommendations", "definitions", "target population", "interventions", "benefits", "harms", "qualifying statements"])
    }

    @Test("a USPSTF statement keeps its summary, its grades and the grade definitions")
    func uspstfBreastCancerScreening() throws {
        let document = try Self.read("10904")
        #expect(document.title == "Screening for breast cancer: U.S. Preventive Services Task Force recommendation statement.")
        #expect(document.source == "U.S. Preventive Services Task Force")
        #expect(document.pmid == "26757170")
        #expect(document.released == "2016 Feb 16")
        let summary = try #require(document.passages.first { $0.heading == "Summary of Recommendations and Evidence" })
        let lines = summary.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "The USPSTF recommends biennial screening mammography for women aged 50 to 74 years. (B recommendation)")
        #expect(lines.contains("The USPSTF concludes that the current evidence is insufficient to assess the benefits and harms of digital breast tomosynthesis (DBT) as a primary screening method for breast cancer. (I statement)"))
        #expect(document.passages.contains { $0.heading == "Clinical Considerations > How Often to Screen" && $0.label == "recommendations" })
        let grades = try #require(document.passages.first { $0.heading == "Definitions > What the U.S. Preventive Services Task Force (USPSTF) Grades Mean and Suggestions for Practice" })
        #expect(grades.label == "definitions")
        #expect(grades.text.contains("B: Grade Definitions: The USPSTF recommends the service. There is high certainty that the net benefit is moderate or there is moderate certainty that the net benefit is moderate to substantial. Suggestions for Practice: Offer/provide this service."))
    }

    @Test("a NICE guideline keeps its sections, list lead-ins, year markers and wording definitions")
    func niceDiabeticFoot() throws {
        let document = try Self.read("10790")
        #expect(document.title == "Diabetic foot problems: prevention and management.")
        #expect(document.source == "National Institute for Health and Care Excellence (NICE)")
        #expect(document.released == "2011 Mar (revised 2015 Aug 26)")
        #expect(document.year == 2015, "the year of the latest revision")
        #expect(document.status == "current release; updates a previous version; revised 2015 Aug 26")
        let ulcer = try #require(document.passages.first { $0.heading == "Diabetic Foot Ulcer > Treatment" })
        #expect(ulcer.text.hasPrefix("""
            Offer 1 or more of the following as standard care for treating diabetic foot ulcers:
            Offer 1 or more of the following as standard care for treating diabetic foot ulcers: Offloading
            Offer 1 or more of the following as standard care for treating diabetic foot ulcers: Control of foot infection
            """))
        #expect(document.passages.contains { $0.label == "recommendations" && $0.text.contains("Each hospital should have a care pathway for people with diabetic foot problems who need inpatient care. [2011]") })
        let consider = try #require(document.passages.first { $0.heading == "Definitions > Strength of Recommendations > Interventions That Could Be Used" })
        #expect(consider.label == "definitions")
        #expect(consider.text.hasPrefix("The GDG uses 'consider' when confident that an intervention will do more good than harm for most patients"))
    }

    @Test("a grade written on a line of its own stays with its recommendation", arguments: [
        ("AAO-HNS ngc:10226, grade sentence", "10226", "Statement 1. Differential Diagnosis",
         "Clinicians should distinguish diffuse acute otitis externa (AOE) from other causes of otalgia, otorrhea, and inflammation of the external ear canal. Recommendation based on observational studies with a preponderance of benefit over risk."),
        ("AAOS ngc:7581, grade paragraph in a list item", "7581", nil,
         "The use of injectable viscosupplementation is an option when treating patients with glenohumeral joint osteoarthritis. Strength of the Recommendation: Weak"),
    ] as [(String, String, String?, String)])
    func gradeLines(name: String, id: String, heading: String?, line: String) throws {
        let document = try Self.read(id)
        let passage = try #require(document.passages.first { $0.heading == heading && $0.label == "recommendations" && $0.text.contains(line) }, "\(name)")
        #expect(passage.text.split(separator: "\n").contains { $0 == line }, "\(name)")
    }

    @Test("a summary's citations: its own PMID apart, the PubMed records it cites in order")
    func citations() throws {
        let document = try Self.read("11012")
        #expect(document.citedPMIDs.contains("18832500"))
        #expect(document.citedPMIDs == document.citedPMIDs.sorted { ($0.count, $0) < ($1.count, $1) })
        #expect(!document.citedPMIDs.contains(document.pmid ?? "-"))
        #expect(Set(document.citedPMIDs).count == document.citedPMIDs.count)
    }

    @Test("all 1,416 full summaries: a title, a year, recommendations, and no markup left; exactly the 100 stubs skipped")
    func wholeArchive() throws {
        let archive = Self.archive
        #expect(archive.failures.isEmpty, "\(archive.failures.prefix(5))")
        #expect(archive.documents.count == 1_416)
        // The stubs are the files without a "Major Recommendations" field (counted from the raw XML).
        var stubs: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder) {
            let path = (Self.folder as NSString).appendingPathComponent(file)
            if !ByteText(try ChunkReader(path: path).readAll()).contains("Name=\"Major Recommendations\"") { stubs.insert(NGCImporter.documentID(path: path)) }
        }
        #expect(stubs.count == 100)
        #expect(Set(archive.skipped.compactMap(\.record)) == stubs)
        for document in archive.documents {
            #expect(document.title?.isEmpty == false, "\(document.id)")
            #expect(document.year != nil, "\(document.id)")
            #expect(document.passages.contains { $0.label == "recommendations" }, "\(document.id)")
            for text in [document.title ?? ""] + document.passages.flatMap({ [$0.heading ?? "", $0.text] }) {
                #expect(Self.markup(in: text).isEmpty, "\(document.id): \(Self.markup(in: text))")
            }
        }
    }

    /// Tags and character references left in a text. A `<` that the summaries themselves
    /// wrote as text (`&lt;C&gt;ABCDE`, `&lt;T3 stage`, `I<sup>2</sup>&lt;50%`) is not markup:
    /// those are the only ones the archive has, and none names an HTML element.
    static func markup(in text: String) -> [String] {
        let literal = ["<C>ABCDE", "<T3", "<D 25", "<grade 3", "<age 60", "<F2", "<I2"]
        var found: [String] = []
        var rest = Substring(text)
        while let index = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            let tail = rest[index...]
            let next = tail.dropFirst().first
            if tail.first == "<", let next, next.isLetter || next == "/", !literal.contains(where: { tail.hasPrefix($0) }) {
                found.append(String(tail.prefix(20)))
            }
            if tail.first == "&" {
                let name = tail.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "#" }
                if !name.isEmpty, tail.dropFirst(1 + name.count).first == ";" { found.append(String(tail.prefix(name.count + 2))) }
            }
            rest = tail.dropFirst()
        }
        return found
    }

    @Test("ingesting the archive twice: the second run changes nothing; ids and PMIDs find the guideline")
    func ingestTwice() throws {
        let directory = TestData.temporaryDirectory("ngc")
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        let plan = IngestPlan.make(paths: [Self.folder], format: nil)
        #expect(plan.jobs.count == 1_516)
        #expect(plan.jobs.allSatisfy { $0.format == .ngc })
        let first = try Ingestor(library: library).run(plan)
        #expect(first.counts.added == 1_416)
        #expect(first.counts.skipped == 100)
        #expect(first.counts.failed == 0)
        let second = try Ingestor(library: library).run(plan)
        #expect(second.counts.added == 0)
        #expect(second.counts.updated == 0)
        #expect(second.counts.unchanged == 1_416)

        let byId = try #require(try library.document(id: "ngc:10963"))
        #expect(byId.document == (try Self.read("10963")), "what is stored reads back as imported")
        #expect(try library.document(id: "pmid:27164716")?.document.id == "ngc:10963")
        #expect(try library.document(id: "27164716")?.document.id == "ngc:10963")
        let citing = try #require(try library.document(id: "ngc:11012"))
        #expect(try library.citedRecords(of: "ngc:11012").map(\.pmid) == citing.document.citedPMIDs)
        #expect(try library.citingGuidelines(pmids: ["18832500", "1"]) == ["18832500": ["ngc:11012"]])
    }

    @Test("cited records carry the titles of those in the library; a PubMed record comes before a guideline with its PMID")
    func citedRecordsWithTitles() throws {
        let directory = TestData.temporaryDirectory("ngc-cited")
        defer { TestData.remove(directory) }
        // Fixtures: a real PubMed record given the PMID of a record ngc:11012 cites, and one given
        // the PMID of ngc:10963 itself.
        let sample = String(decoding: TestData.bytes(TestData.path("pubmed-samples/biopython/pubmed1.xml")), as: UTF8.self)
        let cited = TestData.write(sample.replacingOccurrences(of: "12091962", with: "18832500"), to: "cited.xml", in: directory)
        let own = TestData.write(sample.replacingOccurrences(of: "12091962", with: "27164716"), to: "own.xml", in: directory)
        let library = try Library(directory: (directory as NSString).appendingPathComponent("library"), create: true)
        _ = try Ingestor(library: library).run(IngestPlan.make(paths: [Self.path("11012"), Self.path("10963"), cited], format: nil))
        let records = try library.citedRecords(of: "ngc:11012")
        #expect(records.map(\.pmid) == (try library.document(id: "ngc:11012"))?.document.citedPMIDs)
        let known = try #require(records.first { $0.pmid == "18832500" })
        #expect(known.documentId == "pmid:18832500")
        #expect(known.title != nil)
        #expect(known.title == (try library.document(id: "pmid:18832500"))?.document.title)
        #expect(records.filter { $0.title == nil }.count == records.count - 1)
        #expect(try library.citedRecords(of: "ngc:10963").isEmpty)

        #expect(try library.document(id: "pmid:27164716")?.document.id == "ngc:10963")
        _ = try Ingestor(library: library).run(IngestPlan.make(paths: [own], format: nil))
        #expect(try library.document(id: "pmid:27164716")?.document.id == "pmid:27164716", "the PubMed record itself wins")
    }

    @Test("a bad summary is reported with its file and field; the valid ones around it are stored")
    func malformedSummaries() throws {
        let inputs = TestData.temporaryDirectory("ngc-bad")
        defer { TestData.remove(inputs) }
        let xml = String(decoding: try ChunkReader(path: Self.path("10963")).readAll(), as: UTF8.self)
        let recommendations = try #require(xml.range(of: #"<Field FieldID="151" OrdBy="310" ID="421" Name="Major Recommendations" Type="text">"#))
        func editingRecommendations(_ edit: (String) -> String) -> String {
            String(xml[..<recommendations.upperBound]) + edit(String(xml[recommendations.upperBound...]))
        }
        let fixtures: [(name: String, text: String)] = [
            ("ngc-90001.xml", xml),
            ("ngc-90002.xml", String(xml.prefix(xml.count / 2))),
            ("ngc-90003.xml", editingRecommendations { $0.replacingOccurrences(of: "Blepharospasm&lt;/span&gt;&lt;/strong&gt;", with: "Blepharospasm&lt;/span&gt;") }),
            ("ngc-90004.xml", editingRecommendations { $0.replacingOccurrences(of: "first-line treatment of blepharospasm", with: "first&amp;frobnicate;line treatment of blepharospasm") }),
            ("ngc-90005.xml", editingRecommendations { text in
                let value = text.range(of: "<FieldValue Value=\"")!
                let end = text[value.upperBound...].range(of: "\" />")!
                return String(text[..<value.upperBound]) + String(text[end.lowerBound...])
            }),
        ]
        for fixture in fixtures { TestData.write(fixture.text, to: fixture.name, in: inputs) }
        let file = { (name: String) in (inputs as NSString).appendingPathComponent(name) }

        let directory = TestData.temporaryDirectory("ngc-bad-library")
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        var heard: [ImportIssue] = []
        let summary = try Ingestor(library: library).run(IngestPlan.make(paths: [inputs], format: nil), onIssue: { heard.append($0) })
        #expect(summary.counts.added == 3)
        #expect(summary.counts.failed == 2)
        let broken = try #require(heard.first { $0.file == file("ngc-90002.xml") })
        #expect(broken.message.hasPrefix("XML error at line"))
        let empty = try #require(heard.first { $0.file == file("ngc-90005.xml") })
        #expect(empty.record == "field 'Major Recommendations'")
        #expect(empty.message == "empty: the field has no recommendation text")
        let unbalanced = try #require(summary.warnings.first { $0.file == file("ngc-90003.xml") })
        #expect(unbalanced.record == "field 'Major Recommendations'")
        #expect(unbalanced.message.hasPrefix("unbalanced HTML (text kept): unclosed element <strong>"))
        let entity = try #require(summary.warnings.first { $0.file == file("ngc-90004.xml") })
        #expect(entity.record == "field 'Major Recommendations'")
        #expect(entity.message == "unknown entity &frobnicate; (kept as written)")
        #expect(summary.warnings.count == 2)

        #expect(try library.document(id: "ngc:90001") != nil)
        let kept = try #require(try library.document(id: "ngc:90004"))
        #expect(kept.document.passages.contains { $0.text.contains("first&frobnicate;line treatment of blepharospasm") })
        let repaired = try #require(try library.document(id: "ngc:90003"))
        #expect(repaired.document.passages.contains { $0.heading == "Blepharospasm > Recommendations" })
    }
}
