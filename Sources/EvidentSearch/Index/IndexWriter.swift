import Foundation

/// Changes an index: adds documents (as new segments), deletes by key, merges segments, and
/// commits atomically by switching the manifest. Readers keep using their snapshot meanwhile.
///
/// One writer per index at a time (the library's ingest holds it).
public final class IndexWriter {
    public let directory: String
    public let analyzer: Analyzer
    private var manifest: IndexManifest
    private var snapshot: IndexSnapshot
    private var builder: SegmentBuilder?
    private var pending: [IndexDocument] = []
    private var pendingSegments: [IndexManifest.SegmentEntry] = []
    private var pendingDeletions: [Int: DeletionSet] = [:]
    private var locations: [Int64: (segment: Int, document: Int)]?
    /// Documents per segment built in memory before it is written.
    public var segmentCapacity = 200_000
    /// Merge when there are more segments than this.
    public var maximumSegments = 8
    /// Threads that tokenize documents; terms and postings are always added on the calling
    /// thread. All cores (up to 8) unless set.
    public var analysisThreads = min(8, ProcessInfo.processInfo.activeProcessorCount)

    /// Opens (or creates) the index in `directory` with `schema`.
    public init(directory: String, schema: IndexSchema, analyzer: Analyzer = Analyzer()) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.analyzer = analyzer
        snapshot = try IndexSnapshot(directory: directory, analyzer: analyzer, schema: schema)
        manifest = snapshot.manifest
        guard manifest.schema == schema else {
            throw IndexError.corrupt(path: directory, reason: "built with a different schema (fields or BM25 parameters)")
        }
    }

    /// The change sequence of the source that the committed index reflects.
    public var sourceSequence: Int64 { manifest.sourceSequence }

    private func fileName(_ suffix: String) -> String {
        defer { manifest.nextFileNumber += 1 }
        return String(format: "seg_%06d", manifest.nextFileNumber) + suffix
    }

    /// Adds a document (call ``delete(keys:)`` first when it replaces an older version).
    ///
    /// Documents are buffered and analyzed in parallel batches; the batch order is kept.
    public func add(_ document: IndexDocument) throws {
        pending.append(document)
        if pending.count >= Self.batchSize { try addPending() }
    }

    /// Documents analyzed together (on ``analysisThreads`` threads).
    static let batchSize = 2_048

    private func addPending() throws {
        guard !pending.isEmpty else { return }
        if builder == nil { builder = SegmentBuilder(schema: manifest.schema, analyzer: analyzer, analysisThreads: analysisThreads) }
        let room = segmentCapacity - builder!.documentCount
        let batch = Array(pending.prefix(room))
        pending.removeFirst(batch.count)
        builder!.add(batch)
        if builder!.documentCount >= segmentCapacity { try flushBuilder() }
        if !pending.isEmpty { try addPending() }
    }

    /// Marks documents deleted by key (documents added since the last flush are not affected).
    public func delete(keys: some Sequence<Int64>) {
        if locations == nil { locations = snapshot.locations() }
        for key in keys {
            guard let location = locations?.removeValue(forKey: key) else { continue }
            var set = pendingDeletions[location.segment] ?? currentDeletions(location.segment)
            set.insert(location.document)
            pendingDeletions[location.segment] = set
        }
    }

    private func currentDeletions(_ segment: Int) -> DeletionSet {
        snapshot.deletions[segment] ?? DeletionSet(documentCount: snapshot.segments[segment].documentCount)
    }

    /// Writes the documents added so far as a new segment (not yet committed).
    private func flush() throws {
        try addPending()
        try flushBuilder()
    }

    private func flushBuilder() throws {
        guard let builder, builder.documentCount > 0 else { return }
        let name = fileName(".seg")
        try builder.write(to: (directory as NSString).appendingPathComponent(name))
        pendingSegments.append(.init(name: name, documentCount: builder.documentCount, deletions: nil, deletedCount: 0))
        self.builder = nil
    }

    /// Commits everything: new segments, deletions, merges; returns the new snapshot.
    @discardableResult
    public func commit(sourceSequence: Int64) throws -> IndexSnapshot {
        try flush()
        var entries = manifest.segments
        for (segment, set) in pendingDeletions.sorted(by: { $0.key < $1.key }) {
            let name = fileName(".del")
            try set.write(to: (directory as NSString).appendingPathComponent(name))
            entries[segment].deletions = name
            entries[segment].deletedCount = set.count
        }
        entries.removeAll { $0.deletedCount == $0.documentCount }  // nothing live left
        entries += pendingSegments
        manifest.segments = entries
        manifest.sourceSequence = sourceSequence
        manifest.generation += 1
        try manifest.write(directory: directory)
        pendingSegments = []
        pendingDeletions = [:]
        locations = nil
        snapshot = try IndexSnapshot(directory: directory, analyzer: analyzer, schema: manifest.schema)
        if try mergeIfNeeded() { snapshot = try IndexSnapshot(directory: directory, analyzer: analyzer, schema: manifest.schema) }
        removeUnreferencedFiles()
        return snapshot
    }

    /// Merges the smallest segments when there are too many, and rewrites segments that are
    /// mostly deleted. Returns true if it committed a merge.
    private func mergeIfNeeded() throws -> Bool {
        let entries = manifest.segments
        var chosen: [Int] = []
        if entries.count > maximumSegments {
            let bySize = entries.indices.sorted { entries[$0].documentCount - entries[$0].deletedCount < entries[$1].documentCount - entries[$1].deletedCount }
            chosen = Array(bySize.prefix(entries.count - maximumSegments / 2))
        }
        for index in entries.indices where entries[index].deletedCount * 3 > entries[index].documentCount && !chosen.contains(index) {
            chosen.append(index)
        }
        guard !chosen.isEmpty, !(chosen.count == 1 && entries[chosen[0]].deletedCount == 0) else { return false }
        chosen.sort()
        let name = fileName(".seg")
        let count = try SegmentMerger(snapshot: snapshot, segments: chosen).write(to: (directory as NSString).appendingPathComponent(name))
        var merged = entries.enumerated().filter { !chosen.contains($0.offset) }.map(\.element)
        // Keep document order stable: the merged segment takes the place of the first merged one.
        let insertAt = merged.firstIndex { entry in entries.firstIndex(of: entry)! > chosen[0] } ?? merged.count
        if count > 0 { merged.insert(.init(name: name, documentCount: count, deletions: nil, deletedCount: 0), at: insertAt) }
        manifest.segments = merged
        manifest.generation += 1
        try manifest.write(directory: directory)
        return true
    }

    /// Deletes files of earlier commits and leftovers of interrupted ones.
    private func removeUnreferencedFiles() {
        var live: Set<String> = [IndexManifest.fileName]
        for entry in manifest.segments {
            live.insert(entry.name)
            if let deletions = entry.deletions { live.insert(deletions) }
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where !live.contains(name) && name.hasPrefix("seg_") || name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// The committed state.
    public var currentSnapshot: IndexSnapshot { snapshot }
}

/// Merges segments of a snapshot into one, dropping deleted documents.
struct SegmentMerger {
    let snapshot: IndexSnapshot
    let segments: [Int]

    /// Writes the merged segment; returns its document count.
    func write(to path: String) throws -> Int {
        let schema = snapshot.manifest.schema
        let fieldCount = schema.fields.count
        var writer = SegmentWriter(schema: schema)
        // New ids: live documents in segment order.
        var documentMaps: [[Int32]] = []
        for index in segments {
            let segment = snapshot.segments[index]
            var map = [Int32](repeating: -1, count: segment.documentCount)
            for document in 0..<segment.documentCount where !snapshot.isDeleted(index, document) {
                let lengths = (0..<fieldCount).map { segment.fieldLength($0, document) }
                let numbers = (0..<schema.numericColumns.count).map { segment.number($0, document) ?? Int32.min }
                map[document] = Int32(writer.addDocument(key: segment.key(document), lengths: lengths, numbers: numbers))
            }
            documentMaps.append(map)
        }
        // K-way merge of the sorted dictionaries.
        var dictionaries = segments.map { snapshot.segments[$0].dictionaryCursor() }
        var live = dictionaries.indices.map { dictionaries[$0].next() }
        var merged: [(term: [UInt8], postings: PostingList)] = []
        while true {
            var smallest: [UInt8]?
            for slot in dictionaries.indices where live[slot] {
                if smallest == nil || dictionaries[slot].term.lexicographicallyPrecedes(smallest!) { smallest = dictionaries[slot].term }
            }
            guard let term = smallest else { break }
            var list = PostingList()
            for (slot, index) in segments.enumerated() where live[slot] && dictionaries[slot].term == term {
                var cursor = snapshot.segments[index].cursor(dictionaries[slot].info)
                var positions = cursor.positionsStart  // every posting's positions are read, in order
                while cursor.document != PostingCursor.exhausted {
                    let newId = documentMaps[slot][Int(cursor.document)]
                    let current = cursor.positions(readingFrom: &positions)
                    if newId >= 0 {
                        list.documents.append(UInt32(newId))
                        for field in 0..<fieldCount { list.frequencies.append(cursor.frequency(field)) }
                        list.positions.append(contentsOf: current)
                    }
                    cursor.next()
                }
                live[slot] = dictionaries[slot].next()
            }
            if !list.documents.isEmpty { merged.append((term, list)) }
        }
        try writer.write(to: path, terms: merged)
        return writer.keys.count
    }
}
