import Foundation
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
