import Foundation

/// The commit point of an index: which segment files are live, their deletions, and how far
/// into the caller's change log the index has caught up. Switching the manifest file (written to
/// a temporary name, flushed, renamed) is the atomic commit.
public struct IndexManifest: Codable, Sendable, Equatable {
    /// One live segment.
    public struct SegmentEntry: Codable, Sendable, Equatable {
        /// Segment file name.
        public var name: String
        public var documentCount: Int
        /// Deletion file name (a bitset), nil when nothing in the segment is deleted.
        public var deletions: String?
        public var deletedCount: Int
    }

    public var formatVersion = 1
    public var schema: IndexSchema
    public var segments: [SegmentEntry]
    /// Monotonic counter for new file names.
    public var nextFileNumber: Int
    /// The caller's change sequence the index reflects (the library's `changeSeq`).
    public var sourceSequence: Int64
    /// Bumped on every commit.
    public var generation: Int

    static let fileName = "manifest.json"

    /// The committed manifest of the index in `directory`; nil when none has been committed.
    public static func committed(in directory: String) throws -> IndexManifest? { try read(directory: directory) }

    static func read(directory: String) throws -> IndexManifest? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(IndexManifest.self, from: data)
        } catch {
            throw IndexError.corrupt(path: path, reason: "\(error)")
        }
    }

    func write(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try DurableFile.write(Array(try encoder.encode(self)), to: (directory as NSString).appendingPathComponent(Self.fileName))
    }
}

/// A set of deleted local document ids for one segment, stored as a bitset file.
struct DeletionSet: Sendable {
    private(set) var words: [UInt64]

    init(documentCount: Int) { words = Array(repeating: 0, count: (documentCount + 63) / 64) }

    init(path: String, documentCount: Int) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw IndexError.io(path: path, reason: "missing deletion file") }
        words = data.withUnsafeBytes { raw in (0..<(raw.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) } }
        guard words.count == (documentCount + 63) / 64 else { throw IndexError.corrupt(path: path, reason: "deletion bitset has the wrong size") }
    }

    @inline(__always)
    func contains(_ document: Int) -> Bool { words[document >> 6] & (1 << UInt64(document & 63)) != 0 }

    mutating func insert(_ document: Int) { words[document >> 6] |= 1 << UInt64(document & 63) }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    func write(to path: String) throws {
        var bytes: [UInt8] = []
        for word in words { withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) } }
        try DurableFile.write(bytes, to: path)
    }
}
