import Foundation
import Testing
@testable import Evident

/// The engine the CLI (and later the server and MCP) stand on, over real NIH pages.
@Suite("Engine: one object behind ask, search, document and stats", .serialized)
struct EngineTests {
    /// Three real GARD pages, two of them rare diseases with a signs-and-symptoms table.
    static let pages = ["medquad/2_GARD_QA/0002043.xml", "medquad/2_GARD_QA/0000258.xml", "medquad/2_GARD_QA/0006056.xml"]

    static func engine(_ library: Library) throws -> Engine {
        try Engine(.init(libraryDirectory: library.directory, mesh: TestVocabulary.meshPath))
    }

    @Test("errors are typed: no library, empty or over-long question, unknown document; public messages name no path")
    func errors() throws {
        do {
            _ = try Engine(.init(libraryDirectory: "/nonexistent/evident-library"))
            Issue.record("a missing library opened")
        } catch {
            guard case .libraryUnavailable = error else { Issue.record("\(error)"); return }
            #expect(!error.publicMessage.contains("/"))
            #expect(error.description.contains("/nonexistent/evident-library"))
        }
        let library = try TestVocabulary.library("engine-errors", paths: Self.pages.map(TestData.path))
        defer { TestData.remove(library.directory) }
        let engine = try Self.engine(library)
        #expect(throws: EngineError.invalidRequest("the question is empty")) { try engine.ask(" \n ") }
        #expect(throws: EngineError.invalidRequest("the question is longer than 2000 characters")) {
            try engine.ask(String(repeating: "gout ", count: 401))
        }
        #expect(throws: EngineError.documentNotFound(id: "pmid:1")) { try engine.document(id: "pmid:1") }
        #expect(throws: EngineError.self) { try engine.search("", options: SearchOptions()) }
        #expect(throws: EngineError.self) { try engine.search("gout", options: SearchOptions(yearFrom: 2020, yearTo: 2010)) }
    }

    @Test("ask, search, document and stats come from the library; eight threads at once get the same answer")
    func operations() throws {
        let library = try TestVocabulary.library("engine-operations", paths: Self.pages.map(TestData.path))
        defer { TestData.remove(library.directory) }
        let engine = try Self.engine(library)
        #expect(engine.isReady)
        let answer = try engine.ask("What are the symptoms of ectrodactyly polydactyly?")
        #expect(answer.references.contains { $0.documentId == "medquad:GARD-0002043" })
        let found = try engine.search("polydactyly", options: SearchOptions(limit: 5))
        #expect(found.results.first?.id == "medquad:GARD-0002043")
        let view = try engine.document(id: "medquad:GARD-0002043")
        #expect(view.title == "Ectrodactyly polydactyly" && !view.passages.isEmpty)
        #expect(try engine.statistics().documents == 3)

        let question = "Is alpha-thalassemia inherited?"
        let expected = try engine.ask(question).allStatements.map(\.text)
        let answers = Locked<[[String]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let statements = (try? engine.ask(question).allStatements.map(\.text)) ?? ["failed"]
            answers.withLock { $0.append(statements) }
        }
        #expect(answers.withLock { $0 }.allSatisfy { $0 == expected })
    }

    @Test("a commit by another writer is answered from without reopening the engine")
    func picksUpNewCommits() throws {
        let library = try TestVocabulary.library("engine-reload", paths: [TestData.path(Self.pages[0])])
        defer { TestData.remove(library.directory) }
        let engine = try Self.engine(library)
        #expect(try engine.search("otofaciocervical", options: SearchOptions()).results.isEmpty)
        #expect(try engine.indexedDocuments() == 1)
        // Another writer (its own Library handle, as another process would have) adds a page.
        let writer = try Library(directory: library.directory, create: false)
        _ = try Ingestor(library: writer).run(IngestPlan.make(paths: [TestData.path("medquad/2_GARD_QA/0004649.xml")], format: nil))
        var indexer = LibraryIndexer(library: writer)
        indexer.mesh = TestVocabulary.mesh
        try indexer.update()
        Thread.sleep(forTimeInterval: Engine.refreshInterval + 0.2)
        #expect(try engine.search("otofaciocervical", options: SearchOptions()).results.first?.id == "medquad:GARD-0004649")
        #expect(try engine.indexedDocuments() == 2)
        let answer = try engine.ask("What are the symptoms of otofaciocervical syndrome?")
        #expect(answer.references.contains { $0.documentId == "medquad:GARD-0004649" })
    }
}

@Suite("Engine ingest: the CLI's and the service's one way to add sources")
struct EngineIngestTests {
    @Test("ingest stores, reports bad records by file, indexes, and the engine answers from the new commit")
    func ingest() throws {
        let directory = TestData.temporaryDirectory("engine-ingest")
        defer { TestData.remove(directory) }
        let engine = try Engine(.init(libraryDirectory: directory + "/library", mesh: TestVocabulary.meshPath, createLibrary: true))
        #expect(!engine.isReady)
        let broken = TestData.write("{\"not\": \"a source\"", to: "broken.json", in: directory)
        var issues: [ImportIssue] = []
        let report = try engine.ingest(EngineTests.pages.map(TestData.path) + [broken], onIssue: { issues.append($0) })
        #expect(report.added == 3 && report.index?.indexed == 3 && report.index?.liveDocuments == 3)
        #expect(report.failed == 1 && issues.count == 1)
        #expect(issues.allSatisfy { $0.description.contains("broken.json") })
        Thread.sleep(forTimeInterval: Engine.refreshInterval + 0.1)
        #expect(engine.isReady)
        #expect(try engine.search("polydactyly", options: SearchOptions(limit: 1)).results.first?.id == "medquad:GARD-0002043")
        #expect(throws: EngineError.self) { try engine.ingest([], batchSize: 0) }
    }
}
