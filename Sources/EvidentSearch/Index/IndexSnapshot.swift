import Foundation

/// An immutable view of the index at one commit: its segments (memory-mapped), their deletions
/// and the collection statistics. Built once, then searched by any number of tasks at once
/// without locks; a writer's commit produces a new snapshot that is swapped in whole.
public final class IndexSnapshot: Sendable {
    public let directory: String
    public let manifest: IndexManifest
    let segments: [Segment]
    let deletions: [DeletionSet?]
    public let analyzer: Analyzer
    /// Stems of query words seen so far (shared by all searches of this snapshot).
    public let stems = StemCache(capacity: 200_000)
    /// A parser for queries against this index.
    public var parser: QueryParser { QueryParser(analyzer: analyzer, stems: stems) }
    /// Documents including deleted ones (the N of idf, as Lucene counts it).
    let documentTotal: Int
    /// Live documents.
    public let liveDocuments: Int
    let averageFieldLengths: [Double]
    /// BM25F length normalisation and saturation tables for this snapshot's averages.
    let scoringTables: ScoringTables
    /// Per segment: how much its stored score bounds must be scaled to hold under this
    /// snapshot's average field lengths (see ``FieldNormalization/boundScale(averages:segmentAverages:)``).
    let boundScales: [Double]

    /// Opens the committed state of the index in `directory` (an empty index if none).
    public init(directory: String, analyzer: Analyzer = Analyzer(), schema: IndexSchema) throws {
        self.directory = directory
        self.analyzer = analyzer
        let manifest = try IndexManifest.read(directory: directory)
            ?? IndexManifest(schema: schema, segments: [], nextFileNumber: 1, sourceSequence: 0, generation: 0)
        self.manifest = manifest
        var segments: [Segment] = []
        var deletions: [DeletionSet?] = []
        for entry in manifest.segments {
            let segment = try Segment(path: (directory as NSString).appendingPathComponent(entry.name))
            guard segment.documentCount == entry.documentCount else {
                throw IndexError.corrupt(path: segment.name, reason: "holds \(segment.documentCount) documents, manifest says \(entry.documentCount)")
            }
            segments.append(segment)
            deletions.append(try entry.deletions.map { try DeletionSet(path: (directory as NSString).appendingPathComponent($0), documentCount: segment.documentCount) })
        }
        self.segments = segments
        self.deletions = deletions
        let total = segments.reduce(0) { $0 + $1.documentCount }
        documentTotal = total
        liveDocuments = total - manifest.segments.reduce(0) { $0 + $1.deletedCount }
        let fieldCount = manifest.schema.fields.count
        averageFieldLengths = (0..<fieldCount).map { field in
            let lengths = segments.reduce(UInt64(0)) { $0 + $1.fieldLengthSums[field] }
            return FieldNormalization.averageLength(sum: lengths, documents: total)
        }
        scoringTables = ScoringTables(schema: manifest.schema, averages: averageFieldLengths)
        let averages = averageFieldLengths
        boundScales = segments.map { FieldNormalization.boundScale(averages: averages, segmentAverages: $0.averageFieldLengths) }
    }

    /// The schema the index was built with.
    public var schema: IndexSchema { manifest.schema }

    /// Number of segments.
    public var segmentCount: Int { segments.count }

    /// Total size of the live segment files in bytes.
    public var byteSize: Int { segments.reduce(0) { $0 + $1.byteSize } }

    /// Documents containing `term` (an analyzed term) across segments, deleted ones included.
    func documentFrequency(_ term: [UInt8]) -> Int {
        segments.reduce(0) { total, segment in
            total + (segment.lookup(term).map { Int($0.docFrequency) } ?? 0)
        }
    }

    /// The BM25 idf of an analyzed term in this index (0 for an empty index).
    public func inverseDocumentFrequency(term: String) -> Double {
        documentTotal == 0 ? 0 : inverseDocumentFrequency(documentFrequency(Array(term.utf8)))
    }

    /// BM25 inverse document frequency: ln(1 + (N − df + 0.5) / (df + 0.5)).
    func inverseDocumentFrequency(_ documentFrequency: Int) -> Double {
        log(1 + (Double(documentTotal) - Double(documentFrequency) + 0.5) / (Double(documentFrequency) + 0.5))
    }

    @inline(__always)
    func isDeleted(_ segment: Int, _ document: Int) -> Bool {
        deletions[segment]?.contains(document) ?? false
    }

    /// Every live key with its location (for writers that delete by key).
    func locations() -> [Int64: (segment: Int, document: Int)] {
        var map: [Int64: (Int, Int)] = [:]
        map.reserveCapacity(liveDocuments)
        for (index, segment) in segments.enumerated() {
            for document in 0..<segment.documentCount where !isDeleted(index, document) {
                map[segment.key(document)] = (index, document)
            }
        }
        return map
    }
}

extension IndexSnapshot {
    /// How many documents (deleted ones included) contain an analyzed term, over all segments.
    public func documentFrequency(term: String) -> Int {
        documentFrequency(Array(term.utf8))
    }
}
