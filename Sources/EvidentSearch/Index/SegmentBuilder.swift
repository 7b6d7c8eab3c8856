import Foundation

/// Builds one segment in memory from documents, then writes it.
///
/// Terms get integer ids as they are first seen; each id owns a flat posting list, so adding a
/// document is a few array appends per distinct term.
final class SegmentBuilder {
    let schema: IndexSchema
    let analyzer: Analyzer
    let stems: StemCache
    private var termIds: [String: Int32] = [:]
    private var termTexts: [String] = []
    /// Word (before stemming) → term id, for documents analyzed on this thread.
    private var wordTermIds: [String: Int32] = [:]
    private var lists: [PostingList] = []
    private var writer: SegmentWriter
    /// One document's (term id << 32 | position) pairs.
    private var scratch: [UInt64] = []
    /// One stem cache per analysis thread, so threads never wait on each other's lookups.
    private let workerStems: [StemCache]

    /// A builder whose batches are analyzed on `analysisThreads` threads.
    init(schema: IndexSchema, analyzer: Analyzer, stems: StemCache, analysisThreads: Int) {
        self.schema = schema
        self.analyzer = analyzer
        self.stems = stems
        workerStems = (0..<max(1, analysisThreads)).map { _ in StemCache() }
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

    /// One document after analysis: its terms with encoded positions ((field << 24) + position).
    struct AnalyzedDocument {
        var terms: [(term: String, position: UInt32)] = []
        var lengths: [UInt32]
    }

    /// Analyzes a document (pure: safe to run on several threads at once).
    static func analyze(_ document: IndexDocument, schema: IndexSchema, analyzer: Analyzer, stems: StemCache) -> AnalyzedDocument {
        let fieldCount = schema.fields.count
        var analyzed = AnalyzedDocument(lengths: [UInt32](repeating: 0, count: fieldCount))
        for field in 0..<fieldCount where field < document.fields.count {
            let base = UInt32(field) << SegmentFormat.fieldShift
            analyzer.analyze(document.fields[field], cache: stems) { term, position in
                guard position < 1 << SegmentFormat.fieldShift else { return }
                analyzed.terms.append((term, base + UInt32(position)))
                analyzed.lengths[field] += 1
            }
        }
        return analyzed
    }

    /// Analyzes and adds one document on this thread. Each distinct word is stemmed and looked
    /// up once per segment; later occurrences cost one lookup of the word.
    func add(_ document: IndexDocument) {
        let fieldCount = schema.fields.count
        var lengths = [UInt32](repeating: 0, count: fieldCount)
        scratch.removeAll(keepingCapacity: true)
        for field in 0..<fieldCount where field < document.fields.count {
            let base = UInt32(field) << SegmentFormat.fieldShift
            analyzer.forEachWord(in: document.fields[field]) { word, alphabetic, position in
                guard position < 1 << SegmentFormat.fieldShift else { return }
                let id: Int32
                if let known = wordTermIds[word] {
                    id = known
                } else {
                    id = termId(analyzer.term(word, alphabetic: alphabetic))
                    wordTermIds[word] = id
                }
                scratch.append(UInt64(UInt32(id)) << 32 | UInt64(base + UInt32(position)))
                lengths[field] += 1
            }
        }
        addPostings(document, lengths: lengths)
    }

    /// Adds documents, analyzing them on all cores first (postings are still appended in order).
    func add(_ documents: [IndexDocument]) {
        guard documents.count > 64, workerStems.count > 1 else {
            for document in documents { add(document) }
            return
        }
        let results = UnsafeMutableBufferPointer<AnalyzedDocument?>.allocate(capacity: documents.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let output = results
        let workers = workerStems.count
        let (schema, analyzer, caches) = (self.schema, self.analyzer, workerStems)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < documents.count {
                output[index] = Self.analyze(documents[index], schema: schema, analyzer: analyzer, stems: caches[worker])
                index += workers
            }
        }
        for (index, document) in documents.enumerated() { add(document, analyzed: results[index]!) }
    }

    private func add(_ document: IndexDocument, analyzed: AnalyzedDocument) {
        scratch.removeAll(keepingCapacity: true)
        for (term, position) in analyzed.terms { scratch.append(UInt64(UInt32(termId(term))) << 32 | UInt64(position)) }
        addPostings(document, lengths: analyzed.lengths)
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
