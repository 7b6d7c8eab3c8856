import EvidentSearch
import Foundation
import Logging

/// Evident opened once: the library, its current index snapshot, the vocabulary and the aspect
/// model, behind ask, search, document, stats and ingest. The command line, the server and MCP are thin
/// layers over it.
///
/// Any number of threads may use one engine at once. When another process (`evident ingest`,
/// `evident index`) commits a new index, the engine notices the new manifest (checked at most
/// once per ``refreshInterval``) and answers from it, without restarting; snapshots in use stay
/// valid, since segment files are memory-mapped.
public final class Engine: Sendable {
    /// Where the library is and how answers are made.
    public struct Configuration: Sendable {
        /// The library directory.
        public var libraryDirectory: String
        /// A compiled MeSH vocabulary (nil: `$EVIDENT_MESH`, else the installed one).
        public var mesh: String?
        /// The closing disclaimer of answers (nil: `$EVIDENT_DISCLAIMER`, else the default sentence).
        public var disclaimer: String?
        /// Create the library when the directory holds none (for ingest).
        public var createLibrary: Bool

        /// Creates a configuration.
        public init(libraryDirectory: String, mesh: String? = nil, disclaimer: String? = nil, createLibrary: Bool = false) {
            self.libraryDirectory = libraryDirectory
            self.mesh = mesh
            self.disclaimer = disclaimer
            self.createLibrary = createLibrary
        }
    }

    /// The longest question accepted, in characters.
    public static let maximumQuestionLength = 2_000
    /// The longest search query accepted, in characters.
    public static let maximumQueryLength = 1_000
    /// How often, at most, the engine looks for a newer index commit.
    public static let refreshInterval: TimeInterval = 1

    public let configuration: Configuration
    public let library: Library
    private let opened = Locked<Opened?>(nil)
    private static let logger = Logger(label: "evident.engine")

    /// What one index commit gives: its snapshot and search, and the composer over it (made on
    /// the first question, so that search and document lookups never pay for the vocabulary).
    private struct Opened: Sendable {
        var snapshot: IndexSnapshot
        var search: LibrarySearch
        var generation: Int?
        var checkedAt: Date
        var composer: AnswerComposer?
        var warnings: [String] = []
    }

    /// Opens the library; the index, vocabulary and models are opened when first needed.
    public init(_ configuration: Configuration) throws(EngineError) {
        self.configuration = configuration
        do {
            library = try Library(directory: configuration.libraryDirectory, create: configuration.createLibrary)
        } catch {
            throw .libraryUnavailable(directory: configuration.libraryDirectory, reason: "\(error)")
        }
    }

    /// What is off for answers (no MeSH vocabulary, no library vocabulary), one sentence each.
    public func warnings() throws(EngineError) -> [String] { try current(composer: true).warnings }

    /// True once the library and a committed index are open and answering (a library never
    /// indexed is not ready).
    public var isReady: Bool { (try? current(composer: false))?.generation != nil }

    private func openCommit() throws(EngineError) -> Opened {
        do {
            let generation = try IndexManifest.committed(in: LibraryIndex.directory(of: library))?.generation
            let snapshot = try LibraryIndexer.open(library)
            return Opened(snapshot: snapshot, search: LibrarySearch(library: library, snapshot: snapshot), generation: generation, checkedAt: Date())
        } catch {
            throw .indexUnavailable(reason: "\(error)")
        }
    }

    /// The state of the newest committed index (re-opened when another process committed since
    /// the last look), with its composer when `composer` is true.
    private func current(composer needed: Bool) throws(EngineError) -> Opened {
        var state: Opened
        if let existing = opened.withLock({ $0 }) {
            state = existing
            if Date().timeIntervalSince(state.checkedAt) >= Self.refreshInterval {
                let generation = try? IndexManifest.committed(in: LibraryIndex.directory(of: library))?.generation
                if generation != state.generation {
                    do {
                        state = try openCommit()
                        Self.logger.info("index commit \(generation.map(String.init) ?? "none") picked up")
                    } catch {
                        // A commit caught half-way: keep answering from the snapshot in hand.
                        Self.logger.warning("cannot open the new index commit yet: \(error)")
                        state.checkedAt = Date()
                    }
                } else {
                    state.checkedAt = Date()
                }
            }
        } else {
            state = try openCommit()
        }
        if needed && state.composer == nil {
            do {
                var (composer, warnings) = try AnswerComposer.open(library: library, mesh: configuration.mesh, snapshot: state.snapshot)
                if let disclaimer = configuration.disclaimer ?? ProcessInfo.processInfo.environment["EVIDENT_DISCLAIMER"] { composer.disclaimer = disclaimer }
                state.composer = composer
                state.warnings = warnings
            } catch {
                throw .indexUnavailable(reason: "\(error)")
            }
        }
        let final = state
        opened.withLock { current in
            // Keep the newer of two states opened at once by different threads.
            if current == nil || (current?.generation ?? -1) <= (final.generation ?? -1) { current = final }
        }
        return final
    }

    /// Answers a question (at most ``maximumQuestionLength`` characters), optionally from one
    /// tier only and from the documents `filter` accepts; `explain` adds why each statement was chosen.
    public func ask(_ question: String, tier: Tier? = nil, filter: AnswerFilter = AnswerFilter(), explain: Bool = false) throws(EngineError) -> Answer {
        let trimmed = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidRequest("the question is empty") }
        guard trimmed.count <= Self.maximumQuestionLength else {
            throw .invalidRequest("the question is longer than \(Self.maximumQuestionLength) characters")
        }
        try Self.checkYears(from: filter.yearFrom, to: filter.yearTo)
        do {
            guard let composer = try current(composer: true).composer else { throw EngineError.failed("no composer") }
            return try composer.answer(trimmed, tier: tier, filter: filter, explain: explain)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .failed("\(error)")
        }
    }

    /// How a question is understood (its concepts, asked attribute and qualifiers), without
    /// answering it: what `ask --live` builds its PubMed query from.
    public func understand(_ question: String) throws(EngineError) -> StructuredQuery {
        guard let composer = try current(composer: true).composer else { throw .failed("no composer") }
        return QuestionUnderstanding(vocabulary: composer.vocabulary, snapshot: composer.snapshot).understand(question)
    }

    /// Makes the next request look for a newer index commit at once (this process just wrote one).
    func lookForNewCommit() {
        opened.withLock { $0?.checkedAt = .distantPast }
    }

    /// A year range that ends before it starts is a wrong request.
    private static func checkYears(from: Int?, to: Int?) throws(EngineError) {
        if let from, let to, from > to { throw .invalidRequest("yearFrom is after yearTo") }
    }

    /// Results of one search, as `evident search --json` prints them.
    public struct SearchResponse: Codable, Sendable {
        public var query: String
        public var results: [SearchResult]
        public var elapsedMs: Double
    }

    /// Searches the library: ranked documents with their best passage.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(EngineError) -> SearchResponse {
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .invalidRequest("the query is empty") }
        guard query.count <= Self.maximumQueryLength else { throw .invalidRequest("the query is longer than \(Self.maximumQueryLength) characters") }
        guard options.limit > 0, options.limit <= 1_000 else { throw .invalidRequest("limit must be between 1 and 1000") }
        try Self.checkYears(from: options.yearFrom, to: options.yearTo)
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let results = try current(composer: false).search.search(query, options: options)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            return SearchResponse(query: query, results: results, elapsedMs: (elapsed * 100).rounded() / 100)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .failed("\(error)")
        }
    }

    /// A stored document with its passages and the records it cites.
    public func document(id: String) throws(EngineError) -> DocumentView {
        do {
            guard let stored = try library.document(id: id) else { throw EngineError.documentNotFound(id: id) }
            let cited = stored.document.citedPMIDs.isEmpty ? [] : try library.citedRecords(of: stored.document.id)
            return DocumentView(stored, cited: cited)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .failed("\(error)")
        }
    }

    /// A page of the library's catalogue: documents after `cursor` (nil: from the start), at most
    /// `limit`, and the cursor of the next page (nil at the end).
    public func documents(after cursor: Int64? = nil, limit: Int = 100) throws(EngineError) -> (documents: [Library.DocumentSummary], next: Int64?) {
        guard (1...1_000).contains(limit) else { throw .invalidRequest("limit must be between 1 and 1000") }
        do {
            let page = try library.documentSummaries(after: cursor ?? 0, limit: limit)
            return (page, page.count == limit ? page.last?.rowid : nil)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// Counts of the library's contents.
    public func statistics() throws(EngineError) -> LibraryStatistics {
        do {
            return try library.statistics()
        } catch {
            throw .failed("\(error)")
        }
    }

    /// Documents in the index the engine answers from.
    public func indexedDocuments() throws(EngineError) -> Int { try current(composer: false).snapshot.liveDocuments }
}
