import EvidentSearch
import Foundation
import GRDB
import Logging

/// The library's full-text index (`<library>/index/`): documents as title, body (passages and
/// their headings) and keywords (MeSH terms and keywords), with tier and kind as facets and the
/// year as a numeric column. Kept up to date from the library's change log.
public enum LibraryIndex {
    /// BM25F fields and parameters, chosen by a small sweep on SciFact's training queries
    /// (k1 ∈ {0.9, 1.2, 1.5}, b ∈ {0.4, 0.6, 0.75}, title weight ∈ {1, 1.5, 2}; see README).
    public static let schema = IndexSchema(
        fields: [
            .init(name: "title", weight: 2.0, b: 0.6),
            .init(name: "body", weight: 1.0, b: 0.6),
            .init(name: "keywords", weight: 0.5, b: 0.3),
        ],
        numericColumns: ["year"],
        k1: 1.2)

    /// The index directory of a library.
    public static func directory(of library: Library) -> String {
        (library.directory as NSString).appendingPathComponent("index")
    }

    /// The index document for a stored document.
    static func indexDocument(rowid: Int64, _ document: Document) -> IndexDocument {
        var body = ""
        for passage in document.passages {
            if let heading = passage.heading { body += heading + "\n" }
            body += passage.text + "\n"
        }
        return IndexDocument(
            key: rowid,
            fields: [document.title ?? "", body, (document.meshTerms + document.keywords).joined(separator: "\n")],
            facets: ["tier": [document.tier.rawValue], "kind": [document.kind.rawValue]],
            numbers: [document.year.map { Int32(clamping: $0) }])
    }
}

/// Brings the index up to date with the library: re-indexes documents changed since the index's
/// last commit, drops deleted ones, and commits (merging segments when there are many).
public struct LibraryIndexer {
    /// What one update did.
    public struct Summary: Codable, Sendable {
        public var indexed: Int
        public var removed: Int
        public var seconds: Double
        public var segments: Int
        public var liveDocuments: Int
    }

    let library: Library
    let schema: IndexSchema
    /// Documents read from the library per page.
    var pageSize = 5_000
    /// Whether an update also rebuilds the library's vocabulary (``LibraryVocabulary``).
    public var buildsVocabulary = true
    /// The MeSH vocabulary library names are resolved against (nil: the installed one).
    public var mesh: Lexicon?

    /// Creates an indexer for `library` (the schema is fixed per index; a different one is for experiments).
    public init(library: Library, schema: IndexSchema = LibraryIndex.schema) {
        self.library = library
        self.schema = schema
    }

    /// Indexes every change since the last commit; a no-op when the index is current.
    ///
    /// An index this version cannot use (another format or schema, or damaged files) is rebuilt
    /// from the library, which is the durable copy of everything; a warning says so.
    @discardableResult
    public func update(progress: (Int, Int) -> Void = { _, _ in }) throws -> Summary {
        try WriterLock.withLock(library.directory, onWait: { holder in
            Logger(label: "evident.index").warning("waiting for another writer to finish with this library (\(holder))")
        }) {
            try updateLocked(progress: progress)
        }
    }

    private func updateLocked(progress: (Int, Int) -> Void) throws -> Summary {
        let started = Date()
        let directory = LibraryIndex.directory(of: library)
        let writer: IndexWriter
        do {
            writer = try IndexWriter(directory: directory, schema: schema)
        } catch let error as IndexError {
            guard case .corrupt = error else { throw error }
            Logger(label: "evident.index").warning("rebuilding the index from the library: \(error)")
            try FileManager.default.removeItem(atPath: directory)
            writer = try IndexWriter(directory: directory, schema: schema)
        }
        let since = writer.sourceSequence
        let (pending, latest) = try library.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE changeSeq > ?", arguments: [since]) ?? 0,
             try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(changeSeq), 0) FROM document") ?? 0)
        }
        guard pending > 0 else {
            let snapshot = writer.currentSnapshot
            try buildVocabularyIfMissing()
            return Summary(indexed: 0, removed: 0, seconds: Date().timeIntervalSince(started), segments: snapshot.segmentCount, liveDocuments: snapshot.liveDocuments)
        }
        // The vocabulary reads the library, not the index: it is rebuilt on a second core while
        // this thread indexes (each alone keeps one core busy).
        let vocabulary = buildsVocabulary ? startVocabularyBuild() : nil
        var cursor = since
        var indexed = 0
        var removed = 0
        var done = 0
        while true {
            let page = try library.changes(after: cursor, upTo: latest, limit: pageSize)
            guard let last = page.last else { break }
            writer.delete(keys: page.map(\.rowid))
            for change in page {
                if let document = change.document {
                    try writer.add(LibraryIndex.indexDocument(rowid: change.rowid, document))
                    indexed += 1
                } else {
                    removed += 1
                }
            }
            done += page.count
            progress(done, pending)
            cursor = last.sequence
        }
        let snapshot = try writer.commit(sourceSequence: latest)
        try vocabulary?.wait()
        return Summary(indexed: indexed, removed: removed, seconds: Date().timeIntervalSince(started), segments: snapshot.segmentCount, liveDocuments: snapshot.liveDocuments)
    }

    /// Builds the library's vocabulary (``LibraryVocabulary``) when it has none for the library as it is.
    private func buildVocabularyIfMissing() throws {
        guard buildsVocabulary else { return }
        let meshLexicon = try mesh ?? EvidentResources.meshLexicon(explicit: nil)
        if let existing = try? LibraryVocabulary.open(library), existing.isCurrent(sequence: try library.changeSequence(), mesh: meshLexicon) { return }
        try Self.buildVocabulary(library: library, mesh: meshLexicon)
    }

    /// Rebuilds the library's vocabulary against `mesh`, else the installed MeSH vocabulary.
    private static func buildVocabulary(library: Library, mesh: Lexicon?) throws {
        try LibraryVocabulary.build(library: library, mesh: try mesh ?? EvidentResources.meshLexicon(explicit: nil))
    }

    /// A vocabulary build running on its own thread; `wait()` joins it and rethrows its error.
    private final class BackgroundBuild: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var error: Error?
        private var joined = false

        init(_ work: @escaping @Sendable () throws -> Void) {
            let thread = Thread { [self] in
                do { try work() } catch { self.error = error }
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// Waits for the build (once) and rethrows what it threw.
        func wait() throws {
            if !joined { done.wait(); joined = true }
            if let error { throw error }
        }

        deinit { if !joined { done.wait() } }
    }

    /// Starts rebuilding the library's vocabulary in the background; joined before the update
    /// returns, even when indexing fails.
    private func startVocabularyBuild() -> BackgroundBuild {
        let library = library
        let mesh = mesh
        return BackgroundBuild { try Self.buildVocabulary(library: library, mesh: mesh) }
    }

    /// Opens the committed index for searching (an empty index if none has been built).
    public static func open(_ library: Library, schema: IndexSchema = LibraryIndex.schema) throws -> IndexSnapshot {
        do {
            return try IndexSnapshot(directory: LibraryIndex.directory(of: library), schema: schema)
        } catch let error as IndexError {
            guard case .corrupt = error else { throw error }
            throw EvidentError("\(error); run `evident index` to rebuild the index from the library")
        }
    }
}

extension Library {
    /// One changed document: its row id, change sequence, and its current content (nil if deleted).
    struct ChangedDocument {
        var rowid: Int64
        var sequence: Int64
        var document: Document?
    }

    /// Documents changed after `sequence` (up to `upTo`), in change order, with their passages.
    func changes(after sequence: Int64, upTo latest: Int64, limit: Int) throws -> [ChangedDocument] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM document WHERE changeSeq > ? AND changeSeq <= ? ORDER BY changeSeq LIMIT ?
                """, arguments: [sequence, latest, limit])
            guard let lastRow = rows.last else { return [] }
            let last: Int64 = lastRow["changeSeq"]
            var passages: [Int64: [Passage]] = [:]
            let live = rows.filter { ($0["deleted"] as Int) == 0 }.map { $0["rowid"] as Int64 }
            if !live.isEmpty {
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT documentRowid, label, heading, text FROM passage
                    WHERE documentRowid IN (SELECT rowid FROM document WHERE changeSeq > ? AND changeSeq <= ? AND deleted = 0)
                    ORDER BY documentRowid, ordinal
                    """, arguments: [sequence, last])
                while let row = try cursor.next() {
                    passages[row["documentRowid"], default: []].append(Passage(label: row["label"], heading: row["heading"], text: row["text"]))
                }
            }
            return rows.map { row in
                let rowid: Int64 = row["rowid"]
                let deleted: Int = row["deleted"]
                return ChangedDocument(rowid: rowid, sequence: row["changeSeq"], document: deleted == 0 ? Library.document(from: row, passages: passages[rowid] ?? []) : nil)
            }
        }
    }
}
