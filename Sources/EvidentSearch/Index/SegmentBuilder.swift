import Foundation

/// Builds one segment in memory from documents, then writes it.
///
/// Terms get integer ids as they are first seen; each id owns a flat posting list, so adding a
/// document is a few array appends per distinct term. Words map to term ids through a table, so
/// each distinct word is stemmed and its term looked up once per segment.
final class SegmentBuilder {
    let schema: IndexSchema
    let analyzer: Analyzer
    private var termIds: [String: Int32] = [:]
    private var termTexts: [String] = []
    /// Word (before stemming) → term id.
    private var wordTermIds: [String: Int32] = [:]
    private var lists: [PostingList] = []
    private var writer: SegmentWriter
    /// One document's (term id << 32 | position) pairs.
    private var scratch: [UInt64] = []
    /// Threads that tokenize batches of documents.
    private let analysisThreads: Int

    /// A builder whose batches are tokenized on `analysisThreads` threads.
    init(schema: IndexSchema, analyzer: Analyzer, analysisThreads: Int) {
        self.schema = schema
        self.analyzer = analyzer
        self.analysisThreads = max(1, analysisThreads)
        writer = SegmentWriter(schema: schema)
    }

    /// Documents added so far.
    var documentCount: Int { writer.keys.count }

    private func termId(_ term: String) -> Int32 {
        if let id = termIds[term] { return id }
        let id = Int32(termTexts.count)
        termIds[term] = id
        termTexts.append(term)
        lists.append(PostingList())
        return id
    }

    /// The term id of a word from ``Analyzer/forEachWord(in:_:)`` (stemmed on first sight).
    @inline(__always)
    private func termId(word: String, alphabetic: Bool) -> Int32 {
        if let id = wordTermIds[word] { return id }
        let id = termId(analyzer.term(word, alphabetic: alphabetic))
        wordTermIds[word] = id
        return id
    }

    /// Records one occurrence of a word at an encoded position for the document being added.
    @inline(__always)
    private func appendToScratch(_ word: String, alphabetic: Bool, position: UInt32) {
        scratch.append(UInt64(UInt32(termId(word: word, alphabetic: alphabetic))) << 32 | UInt64(position))
    }

    /// One document's words (not yet stemmed) with encoded positions ((field << 24) + position).
    struct TokenizedDocument {
        var words: [(word: String, alphabetic: Bool, position: UInt32)] = []
        var lengths: [UInt32]
    }

    /// Tokenizes a document (pure: safe to run on several threads at once).
    static func tokenize(_ document: IndexDocument, schema: IndexSchema, analyzer: Analyzer) -> TokenizedDocument {
        var tokenized = TokenizedDocument(lengths: [UInt32](repeating: 0, count: schema.fields.count))
        forEachWord(of: document, schema: schema, analyzer: analyzer) { word, alphabetic, position, field in
            tokenized.words.append((word, alphabetic, position))
            tokenized.lengths[field] += 1
        }
        return tokenized
    }

    /// Calls `body(word, alphabetic, encoded position, field)` for every indexed word of `document`.
    @inline(__always)
    private static func forEachWord(of document: IndexDocument, schema: IndexSchema, analyzer: Analyzer,
                                    _ body: (String, Bool, UInt32, Int) -> Void) {
        for field in 0..<schema.fields.count where field < document.fields.count {
            let base = UInt32(field) << SegmentFormat.fieldShift
            analyzer.forEachWord(in: document.fields[field]) { word, alphabetic, position in
                guard position < 1 << SegmentFormat.fieldShift else { return }
                body(word, alphabetic, base + UInt32(position), field)
            }
        }
    }

    /// Tokenizes and adds one document on this thread.
    func add(_ document: IndexDocument) {
        var lengths = [UInt32](repeating: 0, count: schema.fields.count)
        scratch.removeAll(keepingCapacity: true)
        Self.forEachWord(of: document, schema: schema, analyzer: analyzer) { word, alphabetic, position, field in
            appendToScratch(word, alphabetic: alphabetic, position: position)
            lengths[field] += 1
        }
        addPostings(document, lengths: lengths)
    }

    /// Adds documents, tokenizing them on ``analysisThreads`` threads first (words become terms
    /// and postings on this thread, in order).
    func add(_ documents: [IndexDocument]) {
        guard documents.count > 64, analysisThreads > 1 else {
            for document in documents { add(document) }
            return
        }
        let results = UnsafeMutableBufferPointer<TokenizedDocument?>.allocate(capacity: documents.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let output = results
        let workers = analysisThreads
        let (schema, analyzer) = (self.schema, self.analyzer)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < documents.count {
                output[index] = Self.tokenize(documents[index], schema: schema, analyzer: analyzer)
                index += workers
            }
        }
        for (index, document) in documents.enumerated() {
            let tokenized = results[index]!
            scratch.removeAll(keepingCapacity: true)
            for (word, alphabetic, position) in tokenized.words { appendToScratch(word, alphabetic: alphabetic, position: position) }
            addPostings(document, lengths: tokenized.lengths)
        }
    }

    /// Adds the document whose (term, position) pairs are in `scratch`.
    private func addPostings(_ document: IndexDocument, lengths: [UInt32]) {
        let fieldCount = schema.fields.count
        let numbers = (0..<schema.numericColumns.count).map { column in
            (column < document.numbers.count ? document.numbers[column] : nil) ?? Int32.min
        }
        let doc = writer.addDocument(key: document.key, lengths: lengths, numbers: numbers)
        // (term, position) packed in one integer sorts without a comparison closure.
        scratch.sort()
        lists.withUnsafeMutableBufferPointer { lists in
            var index = 0
            while index < scratch.count {
                let term = Int(scratch[index] >> 32)
                var frequencies: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
                lists[term].documents.append(doc)
                while index < scratch.count && Int(scratch[index] >> 32) == term {
                    let position = UInt32(truncatingIfNeeded: scratch[index])
                    switch position >> SegmentFormat.fieldShift {
                    case 0: frequencies.0 &+= frequencies.0 < .max ? 1 : 0
                    case 1: frequencies.1 &+= frequencies.1 < .max ? 1 : 0
                    case 2: frequencies.2 &+= frequencies.2 < .max ? 1 : 0
                    default: frequencies.3 &+= frequencies.3 < .max ? 1 : 0
                    }
                    lists[term].positions.append(position)
                    index += 1
                }
                lists[term].frequencies.append(frequencies.0)
                if fieldCount > 1 { lists[term].frequencies.append(frequencies.1) }
                if fieldCount > 2 { lists[term].frequencies.append(frequencies.2) }
                if fieldCount > 3 { lists[term].frequencies.append(frequencies.3) }
            }
        }
        for (name, values) in document.facets {
            for value in Set(values) {
                let id = Int(termId(SegmentFormat.facetTerm(name, value)))
                lists[id].documents.append(doc)
                lists[id].frequencies.append(contentsOf: repeatElement(0, count: fieldCount))
            }
        }
    }

    /// Writes the segment file; returns its document count.
    func write(to path: String) throws {
        let order = termTexts.indices.sorted { termTexts[$0].utf8.lexicographicallyPrecedes(termTexts[$1].utf8) }
        let lists = self.lists
        let texts = termTexts
        try writer.write(to: path, terms: order.lazy.map { (term: Array(texts[$0].utf8), postings: lists[$0]) })
    }
}
