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
    private var lists: [PostingList] = []
    private var writer: SegmentWriter
    private var scratch: [(term: Int32, position: UInt32)] = []
    /// One stem cache per analysis thread, so threads never wait on each other's lookups.
    private let workerStems: [StemCache] = (0..<max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))).map { _ in StemCache() }

    init(schema: IndexSchema, analyzer: Analyzer, stems: StemCache) {
        self.schema = schema
        self.analyzer = analyzer
        self.stems = stems
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

    /// Analyzes a document.
    func analyze(_ document: IndexDocument) -> AnalyzedDocument {
        Self.analyze(document, schema: schema, analyzer: analyzer, stems: stems)
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

    /// Analyzes and adds one document.
    func add(_ document: IndexDocument) {
        add(document, analyzed: analyze(document))
    }

    /// Adds documents, analyzing them on all cores first (postings are still appended in order).
    func add(_ documents: [IndexDocument]) {
        guard documents.count > 64 else {
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
        let fieldCount = schema.fields.count
        scratch.removeAll(keepingCapacity: true)
        for (term, position) in analyzed.terms { scratch.append((termId(term), position)) }
        let numbers = (0..<schema.numericColumns.count).map { column in
            (column < document.numbers.count ? document.numbers[column] : nil) ?? Int32.min
        }
        let doc = writer.addDocument(key: document.key, lengths: analyzed.lengths, numbers: numbers)
        scratch.sort { $0.term != $1.term ? $0.term < $1.term : $0.position < $1.position }
        var index = 0
        while index < scratch.count {
            let term = scratch[index].term
            var frequencies = [UInt16](repeating: 0, count: fieldCount)
            let listIndex = Int(term)
            lists[listIndex].documents.append(doc)
            while index < scratch.count && scratch[index].term == term {
                let position = scratch[index].position
                let field = Int(position >> SegmentFormat.fieldShift)
                if frequencies[field] < .max { frequencies[field] += 1 }
                lists[listIndex].positions.append(position)
                index += 1
            }
            lists[listIndex].frequencies.append(contentsOf: frequencies)
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
