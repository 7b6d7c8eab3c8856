import Foundation

/// A read-only, memory-mapped segment file. Immutable once opened, so any number of tasks may
/// search it at once.
public final class Segment: @unchecked Sendable {
    /// The segment's file name (inside the index directory).
    public let name: String
    let base: UnsafeRawPointer
    let size: Int
    /// Documents in the segment (including ones later marked deleted).
    public let documentCount: Int
    let fieldCount: Int
    let termCount: Int
    let numericCount: Int
    /// Sum of each field's lengths over all documents.
    let fieldLengthSums: [UInt64]
    private let sections: [Int]
    private let lengthCodesStart: Int

    /// Maps the segment file at `path`.
    init(path: String) throws {
        name = (path as NSString).lastPathComponent
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw IndexError.io(path: path, reason: String(cString: strerror(errno))) }
        size = Int(status.st_size)
        guard size >= SegmentFormat.headerSize else { throw IndexError.corrupt(path: path, reason: "shorter than its header") }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), mapped != MAP_FAILED else {
            throw IndexError.io(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(mapped)
        let magic = base.loadUnaligned(fromByteOffset: SegmentFormat.Header.magic, as: UInt64.self)
        guard magic == SegmentFormat.magic else {
            munmap(mapped, size)
            throw IndexError.corrupt(path: path, reason: SegmentFormat.describeMismatch(magic))
        }
        documentCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.docCount, as: UInt32.self))
        fieldCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.fieldCount, as: UInt32.self))
        termCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.termCount, as: UInt32.self))
        numericCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.numericCount, as: UInt32.self))
        let basePointer = base
        fieldLengthSums = (0..<4).map { basePointer.loadUnaligned(fromByteOffset: SegmentFormat.Header.fieldLengthSums + $0 * 8, as: UInt64.self) }
        sections = SegmentFormat.Section.allCases.map { Int(basePointer.loadUnaligned(fromByteOffset: SegmentFormat.Header.sections + $0.rawValue * 8, as: UInt64.self)) }
        lengthCodesStart = sections[SegmentFormat.Section.lengthCodes.rawValue]
        guard sections.allSatisfy({ $0 <= size }), lengthCodesStart + fieldCount * documentCount <= size else {
            munmap(mapped, size)
            throw IndexError.corrupt(path: path, reason: "section beyond end of file")
        }
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

    /// The caller's key for a local document id.
    public func key(_ document: Int) -> Int64 {
        base.loadUnaligned(fromByteOffset: sections[SegmentFormat.Section.docKeys.rawValue] + document * 8, as: Int64.self)
    }

    @inline(__always)
    func fieldLength(_ field: Int, _ document: Int) -> UInt32 {
        base.loadUnaligned(fromByteOffset: sections[SegmentFormat.Section.fieldLengths.rawValue] + (field * documentCount + document) * 4, as: UInt32.self)
    }

    /// The length codes (``LengthCode``, what scoring uses), field after field (`documentCount`
    /// bytes each).
    var lengthCodes: UnsafePointer<UInt8> {
        (base + lengthCodesStart).assumingMemoryBound(to: UInt8.self)
    }

    /// A numeric column value, nil if missing.
    func number(_ column: Int, _ document: Int) -> Int32? {
        let value = base.loadUnaligned(fromByteOffset: sections[SegmentFormat.Section.numerics.rawValue] + (column * documentCount + document) * 4, as: Int32.self)
        return value == Int32.min ? nil : value
    }

    private var blockCount: Int { (termCount + TermDictionary.blockTerms - 1) / TermDictionary.blockTerms }

    private func blockOffset(_ block: Int) -> Int {
        sections[SegmentFormat.Section.termData.rawValue]
            + Int(base.loadUnaligned(fromByteOffset: sections[SegmentFormat.Section.termBlocks.rawValue] + block * 4, as: UInt32.self))
    }

    /// A dictionary cursor starting at block `block`.
    func dictionaryCursor(block: Int = 0) -> TermDictionary.Cursor {
        TermDictionary.Cursor(base: base, start: blockCount == 0 ? 0 : blockOffset(block),
                              remaining: blockCount == 0 ? 0 : termCount - block * TermDictionary.blockTerms)
    }

    /// The statistics of `term`, or nil if the segment does not contain it.
    func lookup(_ term: [UInt8]) -> TermInfo? {
        guard blockCount > 0 else { return nil }
        // Binary search for the last block whose first term is ≤ term.
        var low = 0
        var high = blockCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firstTerm(ofBlock: middle, isAtMost: term) { low = middle } else { high = middle - 1 }
        }
        var cursor = dictionaryCursor(block: low)
        for _ in 0..<TermDictionary.blockTerms {
            guard cursor.next() else { return nil }
            if cursor.term == term { return cursor.info }
            if term.lexicographicallyPrecedes(cursor.term) { return nil }
        }
        return nil
    }

    /// True if the first term of dictionary block `block` is ≤ `term`, compared in place (a
    /// block's first term is stored whole: shared length 0, suffix length, bytes).
    private func firstTerm(ofBlock block: Int, isAtMost term: [UInt8]) -> Bool {
        var offset = blockOffset(block)
        _ = VarInt.read(base, &offset)
        let length = Int(VarInt.read(base, &offset))
        return term.withUnsafeBytes { key in
            guard let keyBytes = key.baseAddress else { return length == 0 }
            let common = min(length, key.count)
            let order = memcmp(base + offset, keyBytes, common)
            return order < 0 || (order == 0 && length <= key.count)
        }
    }

    /// A cursor over the postings described by `info`.
    func cursor(_ info: TermInfo) -> PostingCursor {
        PostingCursor(
            base: base, fieldCount: fieldCount,
            postingsStart: sections[SegmentFormat.Section.postings.rawValue] + Int(info.postingsOffset),
            positionsStart: sections[SegmentFormat.Section.positions.rawValue] + Int(info.positionsOffset),
            blockCount: info.blockCount, documentFrequency: Int(info.docFrequency),
            termBound: info.maxNormalizedFrequency)
    }

    /// The average field lengths the segment's stored bounds were computed with.
    var averageFieldLengths: [Double] {
        (0..<fieldCount).map { FieldNormalization.averageLength(sum: fieldLengthSums[$0], documents: documentCount) }
    }

    /// Number of distinct terms (text and facet).
    public var termTotal: Int { termCount }

    /// Size of the segment file in bytes.
    public var byteSize: Int { size }
}
