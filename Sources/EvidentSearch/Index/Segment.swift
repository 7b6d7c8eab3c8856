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
        guard base.loadUnaligned(fromByteOffset: SegmentFormat.Header.magic, as: UInt64.self) == SegmentFormat.magic else {
            munmap(mapped, size)
            throw IndexError.corrupt(path: path, reason: "bad magic number")
        }
        documentCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.docCount, as: UInt32.self))
        fieldCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.fieldCount, as: UInt32.self))
        termCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.termCount, as: UInt32.self))
        numericCount = Int(base.loadUnaligned(fromByteOffset: SegmentFormat.Header.numericCount, as: UInt32.self))
        let basePointer = base
        fieldLengthSums = (0..<4).map { basePointer.loadUnaligned(fromByteOffset: SegmentFormat.Header.fieldLengthSums + $0 * 8, as: UInt64.self) }
        sections = SegmentFormat.Section.allCases.map { Int(basePointer.loadUnaligned(fromByteOffset: SegmentFormat.Header.sections + $0.rawValue * 8, as: UInt64.self)) }
        guard sections.allSatisfy({ $0 <= size }) else {
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

    /// A numeric column value, nil if missing.
    func number(_ column: Int, _ document: Int) -> Int32? {
        let value = base.loadUnaligned(fromByteOffset: sections[SegmentFormat.Section.numerics.rawValue] + (column * documentCount + document) * 4, as: Int32.self)
        return value == Int32.min ? nil : value
    }

    private func termRange(_ index: Int) -> (start: Int, end: Int) {
        let offsets = sections[SegmentFormat.Section.termOffsets.rawValue]
        let start = Int(base.loadUnaligned(fromByteOffset: offsets + index * 4, as: UInt32.self))
        let end = Int(base.loadUnaligned(fromByteOffset: offsets + (index + 1) * 4, as: UInt32.self))
        return (start, end)
    }

    /// The bytes of the term at `index` (terms are sorted).
    func term(at index: Int) -> [UInt8] {
        let (start, end) = termRange(index)
        let bytes = base + sections[SegmentFormat.Section.termBytes.rawValue] + start
        return Array(UnsafeRawBufferPointer(start: bytes, count: end - start))
    }

    /// Binary search for a term; nil if absent.
    func termIndex(_ term: [UInt8]) -> Int? {
        var low = 0
        var high = termCount - 1
        let termBytes = base + sections[SegmentFormat.Section.termBytes.rawValue]
        return term.withUnsafeBytes { needle -> Int? in
            while low <= high {
                let middle = (low + high) / 2
                let (start, end) = termRange(middle)
                let length = end - start
                let common = min(length, needle.count)
                var order = common == 0 ? 0 : memcmp(termBytes + start, needle.baseAddress!, common)
                if order == 0 { order = length < needle.count ? -1 : (length > needle.count ? 1 : 0) }
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle - 1 }
            }
            return nil
        }
    }

    func termInfo(_ index: Int) -> TermInfo {
        let offset = sections[SegmentFormat.Section.termInfos.rawValue] + index * SegmentFormat.termInfoSize
        func u16(_ at: Int) -> UInt16 { base.loadUnaligned(fromByteOffset: offset + at, as: UInt16.self) }
        func u32(_ at: Int) -> UInt32 { base.loadUnaligned(fromByteOffset: offset + at, as: UInt32.self) }
        return TermInfo(
            docFrequency: u32(0), blockCount: u32(4),
            postingsOffset: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self),
            positionsOffset: base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self),
            maxFrequency: (u16(24), u16(26), u16(28), u16(30)),
            minLength: (u32(32), u32(36), u32(40), u32(44)))
    }

    /// A cursor over the postings of the term at `index`.
    func cursor(_ index: Int) -> PostingCursor {
        let info = termInfo(index)
        return PostingCursor(
            base: base, fieldCount: fieldCount,
            postingsStart: sections[SegmentFormat.Section.postings.rawValue] + Int(info.postingsOffset),
            positionsStart: sections[SegmentFormat.Section.positions.rawValue] + Int(info.positionsOffset),
            blockCount: Int(info.blockCount), documentFrequency: Int(info.docFrequency))
    }

    /// Number of distinct terms (text and facet).
    public var termTotal: Int { termCount }

    /// Size of the segment file in bytes.
    public var byteSize: Int { size }
}

/// Iterates one term's postings in a segment: documents in increasing order, their per-field
/// term frequencies, and (on request) their positions. Skips whole blocks when advancing.
struct PostingCursor {
    static let exhausted = UInt32.max

    let base: UnsafeRawPointer
    let fieldCount: Int
    let postingsStart: Int
    let positionsStart: Int
    let blockCount: Int
    let documentFrequency: Int

    /// The current document, or ``exhausted``.
    private(set) var document: UInt32 = 0
    private var frequencies: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
    private var block = -1
    private var remainingInBlock = 0
    private var offset = 0
    private var blockLastDocument: UInt32 = 0
    private var positionsOffset = 0
    private var positionsToSkip = 0

    init(base: UnsafeRawPointer, fieldCount: Int, postingsStart: Int, positionsStart: Int, blockCount: Int, documentFrequency: Int) {
        self.base = base
        self.fieldCount = fieldCount
        self.postingsStart = postingsStart
        self.positionsStart = positionsStart
        self.blockCount = blockCount
        self.documentFrequency = documentFrequency
        if blockCount == 0 { document = Self.exhausted } else { loadBlock(0); next() }
    }

    private func skipEntry(_ block: Int) -> (last: UInt32, data: Int, positions: Int) {
        let entry = postingsStart + block * SegmentFormat.skipEntrySize
        return (base.loadUnaligned(fromByteOffset: entry, as: UInt32.self),
                Int(base.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self)),
                Int(base.loadUnaligned(fromByteOffset: entry + 8, as: UInt32.self)))
    }

    private mutating func loadBlock(_ index: Int) {
        block = index
        let entry = skipEntry(index)
        blockLastDocument = entry.last
        offset = postingsStart + entry.data
        positionsOffset = positionsStart + entry.positions
        positionsToSkip = 0
        frequencies = (0, 0, 0, 0)
        remainingInBlock = index == blockCount - 1 ? documentFrequency - index * SegmentFormat.blockSize : SegmentFormat.blockSize
        // The first delta of a block is relative to the previous block's last document.
        document = index == 0 ? 0 : skipEntry(index - 1).last
    }

    /// Moves to the next document.
    @inline(__always)
    mutating func next() {
        if remainingInBlock == 0 {
            if block + 1 >= blockCount { document = Self.exhausted; return }
            loadBlock(block + 1)
        }
        positionsToSkip += Int(frequencies.0) + Int(frequencies.1) + Int(frequencies.2) + Int(frequencies.3)
        let delta = VarInt.read(base, &offset)
        document += delta
        var values: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
        values.0 = UInt16(truncatingIfNeeded: VarInt.read(base, &offset))
        if fieldCount > 1 { values.1 = UInt16(truncatingIfNeeded: VarInt.read(base, &offset)) }
        if fieldCount > 2 { values.2 = UInt16(truncatingIfNeeded: VarInt.read(base, &offset)) }
        if fieldCount > 3 { values.3 = UInt16(truncatingIfNeeded: VarInt.read(base, &offset)) }
        frequencies = values
        remainingInBlock -= 1
    }

    /// Moves to the first document ≥ `target`.
    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard document < target else { return }
        if target > blockLastDocument {
            var candidate = block + 1
            while candidate < blockCount && skipEntry(candidate).last < target { candidate += 1 }
            if candidate >= blockCount { document = Self.exhausted; return }
            loadBlock(candidate)
            next()
        }
        while document < target { next() }
    }

    /// The term's frequency in `field` for the current document.
    @inline(__always)
    func frequency(_ field: Int) -> UInt16 {
        switch field { case 0: frequencies.0; case 1: frequencies.1; case 2: frequencies.2; default: frequencies.3 }
    }

    /// The term's positions in the current document (field f's positions start at f << 24).
    mutating func positions() -> [UInt32] {
        var cursor = positionsOffset
        for _ in 0..<positionsToSkip { _ = VarInt.read(base, &cursor) }
        positionsOffset = cursor
        positionsToSkip = 0
        let count = Int(frequencies.0) + Int(frequencies.1) + Int(frequencies.2) + Int(frequencies.3)
        var result: [UInt32] = []
        result.reserveCapacity(count)
        var last: UInt32 = 0
        for index in 0..<count {
            let value = VarInt.read(base, &cursor)
            last = index == 0 ? value : last + value
            result.append(last)
        }
        positionsOffset = cursor
        positionsToSkip = -count  // these were consumed; next() adds them back
        return result
    }
}
