/// How many records an ingest added, updated, deleted, left unchanged, skipped or failed on.
public struct IngestCounts: Codable, Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var deleted = 0
    public var unchanged = 0
    public var skipped = 0
    public var failed = 0

    /// Creates zero counts.
    public init() {}

    /// Records processed, whatever happened to them.
    public var records: Int { added + updated + deleted + unchanged + skipped + failed }

    mutating func count(_ outcome: Library.Outcome) {
        switch outcome {
        case .added: added += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        case .deleted: deleted += 1
        case .notPresent: unchanged += 1
        }
    }

    static func + (lhs: IngestCounts, rhs: IngestCounts) -> IngestCounts {
        var sum = lhs
        sum.added += rhs.added
        sum.updated += rhs.updated
        sum.deleted += rhs.deleted
        sum.unchanged += rhs.unchanged
        sum.skipped += rhs.skipped
        sum.failed += rhs.failed
        return sum
    }
}

/// The result of `evident ingest`.
public struct IngestSummary: Codable, Sendable {
    /// Record counts over all inputs.
    public var counts: IngestCounts
    /// Source files read.
    public var files: Int
    /// Files passed over in directories because they are not document sources.
    public var filesSkipped: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// Every problem met, one per failed record or file.
    public var errors: [ImportIssue]
    /// Problems read around (the record was stored), such as an unknown HTML entity.
    public var warnings: [ImportIssue] = []

    /// Documents written or confirmed per second.
    public var documentsPerSecond: Double {
        seconds > 0 ? Double(counts.added + counts.updated + counts.unchanged) / seconds : 0
    }
}

