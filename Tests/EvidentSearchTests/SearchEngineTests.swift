import Foundation
import Testing
@testable import EvidentSearch

/// A SciFact index shared by the engine tests (built once, read-only).
enum SciFactIndex {
    static let schema = IndexSchema(
        fields: [.init(name: "title", weight: 1.0, b: 0.4), .init(name: "body", weight: 1.0, b: 0.4)],
        numericColumns: ["bucket"], k1: 0.9)

    static func document(_ entry: (id: String, title: String, text: String)) -> IndexDocument {
        let key = Int64(entry.id)!
        return IndexDocument(key: key, fields: [entry.title, entry.text],
                             facets: ["parity": [key % 2 == 0 ? "even" : "odd"]], numbers: [Int32(key % 10)])
    }

    static let corpus: [(id: String, title: String, text: String)] = try! SearchTestData.scifactCorpus()

    static let queries: [String] = {
        let text = try! String(contentsOfFile: SearchTestData.path("scifact/queries.train.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            (try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["text"] as! String
        }
    }()

    /// Builds an index of `documents` in a new temporary directory, in `commits` commits.
    static func build(_ documents: [(id: String, title: String, text: String)], commits: Int = 1, segmentCapacity: Int = 200_000,
                      analysisThreads: Int? = nil) throws -> (IndexSnapshot, String) {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-index-\(UUID().uuidString)")
        let writer = try IndexWriter(directory: directory, schema: schema)
        writer.segmentCapacity = segmentCapacity
        if let analysisThreads { writer.analysisThreads = analysisThreads }
        let chunk = (documents.count + commits - 1) / commits
        var snapshot = writer.currentSnapshot
        for (index, start) in stride(from: 0, to: documents.count, by: chunk).enumerated() {
            for entry in documents[start..<min(documents.count, start + chunk)] { try writer.add(document(entry)) }
            snapshot = try writer.commit(sourceSequence: Int64(index + 1))
        }
        return (snapshot, directory)
    }

    static let shared: IndexSnapshot = try! build(corpus).0
}

@Suite("Search engine on SciFact")
struct SearchEngineTests {
    let index = SciFactIndex.shared

    @Test("MaxScore results equal exhaustive scoring for every training query (k = 10 and 100)")
    func prunedEqualsExhaustive() {
        #expect(SciFactIndex.queries.count == 809)
        var differing: [String] = []
        for query in SciFactIndex.queries {
            let parsed = QueryParser(analyzer: index.analyzer).parse(query)
            for limit in [10, 100] where index.search(parsed, limit: limit) != index.searchExhaustive(parsed, limit: limit) {
                differing.append("\(limit): \(query)")
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test("pruning stays exact under filters, required and excluded terms")
    func prunedEqualsExhaustiveWithConstraints() {
        let filter = SearchFilter(facets: ["parity": ["even"]], ranges: ["bucket": 2...6])
        for query in SciFactIndex.queries.prefix(200) {
            let parsed = QueryParser(analyzer: index.analyzer).parse(query)
            #expect(index.search(parsed, limit: 10, filter: filter) == index.searchExhaustive(parsed, limit: 10, filter: filter))
        }
        let constrained = QueryParser(analyzer: index.analyzer).parse("+cancer risk -mice \"breast cancer\"")
        #expect(index.search(constrained, limit: 20) == index.searchExhaustive(constrained, limit: 20))
        #expect(!index.search(constrained, limit: 20).isEmpty)
    }

    @Test("filters keep only matching documents")
    func filters() {
        let hits = index.search("cancer", limit: 50, filter: SearchFilter(facets: ["parity": ["even"]], ranges: ["bucket": 2...6]))
        #expect(hits.count == 50)
        #expect(hits.allSatisfy { $0.key % 2 == 0 && (2...6).contains($0.key % 10) })
        #expect(index.search("cancer", limit: 5, filter: SearchFilter(facets: ["parity": ["none"]])).isEmpty)
    }

    @Test("phrases, required and excluded terms constrain the results")
    func operators() throws {
        // Hyphens separate words for the analyzer ("white-matter" is the phrase "white matter").
        let texts = Dictionary(uniqueKeysWithValues: SciFactIndex.corpus.map { (Int64($0.id)!, ($0.title + " " + $0.text).lowercased().replacingOccurrences(of: "-", with: " ")) })
        let phrase = index.search("\"white matter\"", limit: 100)
        #expect(!phrase.isEmpty)
        #expect(phrase.allSatisfy { texts[$0.key]!.contains("white matter") })
        let required = index.search("+diabetes insulin", limit: 100)
        #expect(required.allSatisfy { texts[$0.key]!.contains("diabet") })
        let excluded = index.search("insulin -diabetes", limit: 100)
        #expect(!excluded.isEmpty)
        #expect(excluded.allSatisfy { !texts[$0.key]!.contains("diabetes") })
        #expect(index.search("-diabetes", limit: 10).isEmpty)
    }

    @Test("an index built in several commits and segments ranks exactly like one built at once")
    func incrementalEqualsBatch() throws {
        let (parts, directory) = try SciFactIndex.build(SciFactIndex.corpus, commits: 3, segmentCapacity: 1_000)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(parts.segmentCount >= 4)
        for query in SciFactIndex.queries.prefix(100) {
            let expected = index.search(query, limit: 10)
            let actual = parts.search(query, limit: 10)
            #expect(actual.map(\.key) == expected.map(\.key))
            #expect(zip(actual, expected).allSatisfy { abs($0.score - $1.score) < 1e-9 })
        }
    }

    @Test("analyzing on one thread (word cache) and on several (stem caches) writes the same segment bytes")
    func analysisThreadsAgree() throws {
        let (one, oneDirectory) = try SciFactIndex.build(SciFactIndex.corpus, analysisThreads: 1)
        let (four, fourDirectory) = try SciFactIndex.build(SciFactIndex.corpus, analysisThreads: 4)
        defer {
            try? FileManager.default.removeItem(atPath: oneDirectory)
            try? FileManager.default.removeItem(atPath: fourDirectory)
        }
        #expect(one.segmentCount == 1 && four.segmentCount == 1)
        let files = [one, four].map { snapshot in
            FileManager.default.contents(atPath: (snapshot.directory as NSString).appendingPathComponent(snapshot.manifest.segments[0].name))
        }
        #expect(files[0] != nil && files[0] == files[1])
    }

    @Test("deletes are honoured, merges drop them, and reopening reads the committed state")
    func deletesAndMerges() throws {
        let (_, directory) = try SciFactIndex.build(SciFactIndex.corpus, commits: 2, segmentCapacity: 1_500)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try IndexWriter(directory: directory, schema: SciFactIndex.schema)
        let top = writer.currentSnapshot.search("white matter development", limit: 5).map(\.key)
        writer.delete(keys: top)
        var snapshot = try writer.commit(sourceSequence: 3)
        #expect(snapshot.liveDocuments == SciFactIndex.corpus.count - 5)
        #expect(Set(snapshot.search("white matter development", limit: 100).map(\.key)).isDisjoint(with: top))

        // Force a merge of everything: the result equals a fresh index of the live documents.
        writer.maximumSegments = 1
        writer.delete(keys: [Int64(SciFactIndex.corpus[0].id)!])
        snapshot = try writer.commit(sourceSequence: 4)
        #expect(snapshot.segmentCount == 1)
        let removed = Set(top + [Int64(SciFactIndex.corpus[0].id)!])
        let (fresh, freshDirectory) = try SciFactIndex.build(SciFactIndex.corpus.filter { !removed.contains(Int64($0.id)!) })
        defer { try? FileManager.default.removeItem(atPath: freshDirectory) }
        for query in SciFactIndex.queries.prefix(50) {
            #expect(snapshot.search(query, limit: 10) == fresh.search(query, limit: 10))
        }
        let reopened = try IndexSnapshot(directory: directory, schema: SciFactIndex.schema)
        #expect(reopened.manifest.sourceSequence == 4)
        #expect(reopened.search("white matter", limit: 10) == snapshot.search("white matter", limit: 10))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.filter { $0.hasSuffix(".seg") }.count == 1, "old segment files are removed: \(files)")
    }

    @Test("segment invariants: postings increase within bounds, counts match, the dictionary holds exactly its terms")
    func segmentInvariants() throws {
        let (snapshot, directory) = try SciFactIndex.build(SciFactIndex.corpus, commits: 2, segmentCapacity: 1_500)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(snapshot.segmentCount == 4)
        for segment in snapshot.segments {
            var dictionary = segment.dictionaryCursor()
            var terms = 0
            var previousTerm: [UInt8]?
            while dictionary.next() {
                terms += 1
                if let previousTerm { #expect(previousTerm.lexicographicallyPrecedes(dictionary.term)) }
                previousTerm = dictionary.term
                var cursor = segment.cursor(dictionary.info)
                var count = 0
                var last: Int64 = -1
                var postings: [(document: UInt32, frequencies: [UInt16])] = []
                while cursor.document != PostingCursor.exhausted {
                    postings.append((cursor.document, (0..<2).map { cursor.frequency($0) }))
                    guard Int(cursor.document) < segment.documentCount, Int64(cursor.document) > last else {
                        Issue.record("\(segment.name): term \(String(decoding: dictionary.term, as: UTF8.self)): posting \(count) is document \(cursor.document) after \(last)")
                        return
                    }
                    last = Int64(cursor.document)
                    let positions = cursor.positions()
                    #expect(positions.count == (0..<2).reduce(0) { $0 + Int(cursor.frequency($1)) })
                    cursor.next()
                    count += 1
                }
                #expect(count == Int(dictionary.info.docFrequency))
                expectSeeksFind(postings, cursor: segment.cursor(dictionary.info), term: dictionary.term)
                expectMarkedWalkFinds(postings, cursor: segment.cursor(dictionary.info), term: dictionary.term, documentCount: segment.documentCount)
            }
            #expect(terms == segment.termTotal)
        }
    }

    /// Advancing to just past every other posting lands on the next one with its frequencies
    /// (skipping within and across blocks), and advancing past the last exhausts the cursor.
    private func expectSeeksFind(_ postings: [(document: UInt32, frequencies: [UInt16])], cursor: PostingCursor, term: [UInt8]) {
        var cursor = cursor
        for index in stride(from: 1, to: postings.count, by: 2) {
            cursor.advance(to: postings[index - 1].document + 1)
            guard cursor.document == postings[index].document, (0..<2).map({ cursor.frequency($0) }) == postings[index].frequencies else {
                Issue.record("term \(String(decoding: term, as: UTF8.self)): advancing past posting \(index - 1) found document \(cursor.document), not \(postings[index].document)")
                return
            }
        }
        if let last = postings.last { cursor.advance(to: last.document + 1) }
        #expect(cursor.document == PostingCursor.exhausted)
    }

    /// Walking to marked documents only (every third document, in the middle of the segment)
    /// finds exactly the marked postings with their frequencies, then stops at the range's end.
    private func expectMarkedWalkFinds(_ postings: [(document: UInt32, frequencies: [UInt16])], cursor: PostingCursor, term: [UInt8], documentCount: Int) {
        let start = UInt32(documentCount / 4)
        let end = UInt32(documentCount * 3 / 4)
        var marks = [UInt64](repeating: 0, count: documentCount / 64 + 1)
        for document in stride(from: 0, to: Int(end - start), by: 3) { marks[document >> 6] |= 1 << UInt64(document & 63) }
        let expected = postings.filter { $0.document >= start && $0.document < end && ($0.document - start) % 3 == 0 }
        var cursor = cursor
        cursor.advance(to: start)
        var found: [(document: UInt32, frequencies: [UInt16])] = []
        marks.withUnsafeBufferPointer { marks in
            guard let marks = marks.baseAddress else { return }
            cursor.firstMarked(marks, from: start, before: end)
            while cursor.document < end {
                found.append((cursor.document, (0..<2).map { cursor.frequency($0) }))
                cursor.nextMarked(marks, from: start, before: end)
            }
        }
        #expect(found.map(\.document) == expected.map(\.document), "term \(String(decoding: term, as: UTF8.self))")
        #expect(found.map(\.frequencies) == expected.map(\.frequencies), "term \(String(decoding: term, as: UTF8.self))")
        #expect(cursor.document == postings.first { $0.document >= end }?.document ?? PostingCursor.exhausted)
    }

    @Test("one snapshot serves many concurrent searches")
    func concurrentSearches() async {
        let queries = Array(SciFactIndex.queries.prefix(64))
        let expected = queries.map { index.search($0, limit: 10) }
        let snapshot = index
        let results = await withTaskGroup(of: (Int, [SearchHit]).self) { group in
            for (position, query) in queries.enumerated() {
                group.addTask { (position, snapshot.search(query, limit: 10)) }
            }
            var collected = [[SearchHit]](repeating: [], count: queries.count)
            for await (position, hits) in group { collected[position] = hits }
            return collected
        }
        #expect(results == expected)
    }
}
