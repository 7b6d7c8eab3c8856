import Foundation
import GRDB
import Testing
@testable import Evident

@Suite("Library store")
struct LibraryTests {
    func sample(_ id: String = "pmid:1", version: Int = 1, revised: String? = "2020-01-01", text: String = "Some text.") -> Document {
        Document(id: id, tier: .research, kind: .journalArticle, title: "Title", authors: ["Doe J"], year: 2020,
                 pmid: "1", version: version, revised: revised, passages: [Passage(label: "RESULTS", text: text)])
    }

    @Test("re-ingesting updates in place, leaves identical records alone and never duplicates")
    func upsertSemantics() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        #expect(try outcomes(library.apply([.upsert(sample(), origin: nil)])) == ["added"])
        #expect(try outcomes(library.apply([.upsert(sample(), origin: nil)])) == ["unchanged"])
        #expect(try outcomes(library.apply([.upsert(sample(text: "Revised text."), origin: nil)])) == ["updated"])
        let stored = try #require(try library.document(id: "pmid:1"))
        #expect(stored.document.passages.map(\.text) == ["Revised text."])
        #expect(try library.statistics().documents == 1)
        #expect(try library.statistics().passages == 1)
    }

    @Test("a newer PubMed version replaces the older; an older one never overwrites the newer")
    func versions() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        _ = try library.apply([.upsert(sample(version: 1, text: "v1"), origin: nil)])
        #expect(try outcomes(library.apply([.upsert(sample(version: 2, text: "v2"), origin: nil)])) == ["updated"])
        #expect(try outcomes(library.apply([.upsert(sample(version: 1, text: "v1 again"), origin: nil)])) == ["unchanged"])
        #expect(try library.document(id: "pmid:1")?.document.passages.first?.text == "v2")
        // Same version, later revision date wins; earlier loses.
        #expect(try outcomes(library.apply([.upsert(sample(version: 2, revised: "2021-05-01", text: "v2 revised"), origin: nil)])) == ["updated"])
        #expect(try outcomes(library.apply([.upsert(sample(version: 2, revised: "2019-01-01", text: "v2 stale"), origin: nil)])) == ["unchanged"])
        #expect(try library.document(id: "pmid:1")?.document.passages.first?.text == "v2 revised")
    }

    @Test("deletions leave a tombstone and remove passages; re-adding revives the document")
    func deletions() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        _ = try library.apply([.upsert(sample(), origin: nil), .upsert(sample("pmid:2"), origin: nil)])
        #expect(try outcomes(library.apply([.delete("pmid:1"), .delete("pmid:404")])) == ["deleted", "notPresent"])
        #expect(try library.document(id: "pmid:1") == nil)
        let stats = try library.statistics()
        #expect(stats.documents == 1)
        #expect(stats.deletedDocuments == 1)
        #expect(stats.passages == 1)
        #expect(try outcomes(library.apply([.upsert(sample(), origin: nil)])) == ["added"])
        #expect(try library.statistics().documents == 2)
    }

    @Test("a guideline's citations follow its writes, updates and deletion")
    func citations() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let library = try Library(directory: directory, create: true)
        var guideline = Document(id: "ngc:1", tier: .guideline, kind: .practiceGuideline, title: "G", pmid: "100",
                                 passages: [Passage(label: "recommendations", text: "Do it (Level B).")],
                                 status: "current release", released: "2016 May 10", citedPMIDs: ["1", "2", "10"])
        let cited = Document(id: "pmid:2", tier: .research, kind: .journalArticle, title: "Cited trial", pmid: "2", passages: [Passage(text: "Results.")])
        _ = try library.apply([.upsert(guideline, origin: nil), .upsert(cited, origin: nil)])
        #expect(try library.document(id: "ngc:1")?.document == guideline)
        #expect(try library.citedRecords(of: "ngc:1").map(\.pmid) == ["1", "2", "10"])
        #expect(try library.citedRecords(of: "ngc:1").map(\.documentId) == [nil, "pmid:2", nil])
        #expect(try library.citedRecords(of: "ngc:1").map(\.title) == [nil, "Cited trial", nil])
        #expect(try library.citingGuidelines(pmids: ["2", "10", "3"]) == ["2": ["ngc:1"], "10": ["ngc:1"]])
        #expect(try outcomes(library.apply([.upsert(guideline, origin: nil)])) == ["unchanged"])
        guideline.citedPMIDs = ["2", "3"]
        #expect(try outcomes(library.apply([.upsert(guideline, origin: nil)])) == ["updated"], "citations are content")
        #expect(try library.citingGuidelines(pmids: ["1", "3"]) == ["3": ["ngc:1"]])
        _ = try library.apply([.delete("ngc:1")])
        #expect(try library.citingGuidelines(pmids: ["2", "3"]).isEmpty)
        #expect(try library.citedRecords(of: "ngc:1").isEmpty)
    }

    @Test("a library written before schema v2 opens, migrates and reads as before")
    func migrationFromV1() throws {
        let directory = TestData.temporaryDirectory()
        defer { TestData.remove(directory) }
        let queue = try DatabaseQueue(path: Library.databasePath(in: directory))
        try LibrarySchema.migrator.migrate(queue, upTo: "v1: documents, passages, ingestion log")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO document (id, tier, kind, title, authors, meshTerms, keywords, publicationTypes, version, contentHash, changeSeq, ingestedAt)
                VALUES ('pmid:1', 'research', 'journal article', 'Old', '[]', '[]', '[]', '[]', 1, 'x', 1, '2026-01-01')
                """)
        }
        try queue.close()
        let library = try Library(directory: directory, create: false)
        let stored = try #require(try library.document(id: "pmid:1"))
        #expect(stored.document.title == "Old")
        #expect(stored.document.status == nil && stored.document.released == nil && stored.document.citedPMIDs.isEmpty)
    }

    @Test("documents without the v2 fields keep the content hash they had before v2")
    func hashStable() {
        // The hash of `sample()` as v1 computed it (status, released, citations unset).
        var hasher = ContentHasher()
        let document = sample()
        for field in [document.id, document.tier.rawValue, document.kind.rawValue, document.title] { hasher.add(field) }
        hasher.add(document.authors)
        hasher.add(document.source)
        hasher.add(document.year)
        for field in [document.pmid, document.doi, document.pmcid, document.url] { hasher.add(field) }
        for list in [document.meshTerms, document.keywords, document.publicationTypes] { hasher.add(list) }
        hasher.add(document.version)
        hasher.add(document.revised)
        hasher.add(String(document.passages.count))
        for passage in document.passages { hasher.add(passage.label); hasher.add(passage.heading); hasher.add(passage.text) }
        #expect(ContentHasher.hash(document) == hasher.hex)
    }

    @Test("a library that does not exist is not created by readers")
    func missingLibrary() {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("missing-\(UUID())")
        #expect(throws: Library.OpenError.self) { try Library(directory: directory, create: false) }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test("library location follows --library, then EVIDENT_LIBRARY, then XDG_DATA_HOME, then HOME")
    func location() {
        #expect(LibraryLocation.resolve(explicit: "/x/lib", environment: ["EVIDENT_LIBRARY": "/y"]) == "/x/lib")
        #expect(LibraryLocation.resolve(explicit: nil, environment: ["EVIDENT_LIBRARY": "/y", "XDG_DATA_HOME": "/z"]) == "/y")
        #expect(LibraryLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/z", "HOME": "/h"]) == "/z/evident")
        #expect(LibraryLocation.resolve(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/evident")
    }

    private func outcomes(_ values: [Library.Outcome]) -> [String] { values.map { "\($0)" } }
}
