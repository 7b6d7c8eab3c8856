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

    init(schema: IndexSchema, analyzer: Analyzer, stems: StemCache) {
        self.schema = schema
        self.analyzer = analyzer
        self.stems = stems
        writer = SegmentWriter(fieldCount: schema.fields.count, numericCount: schema.numericColumns.count)
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

    /// Analyzes and adds one document.
    func add(_ document: IndexDocument) {
        let fieldCount = schema.fields.count
        var lengths = [UInt32](repeating: 0, count: fieldCount)
        scratch.removeAll(keepingCapacity: true)
        for field in 0..<fieldCount where field < document.fields.count {
            let base = UInt32(field) << SegmentFormat.fieldShift
            analyzer.analyze(document.fields[field], cache: stems) { term, position in
                guard position < 1 << SegmentFormat.fieldShift else { return }
                scratch.append((termId(term), base + UInt32(position)))
                lengths[field] += 1
            }
        }
        let numbers = (0..<schema.numericColumns.count).map { column in
            (column < document.numbers.count ? document.numbers[column] : nil) ?? Int32.min
        }
        let doc = writer.addDocument(key: document.key, lengths: lengths, numbers: numbers)
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
