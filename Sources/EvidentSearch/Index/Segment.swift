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

    /// The ``LengthCode`` of a field's length (what scoring uses).
    @inline(__always)
    func lengthCode(_ field: Int, _ document: Int) -> UInt8 {
        base.load(fromByteOffset: lengthCodesStart + field * documentCount + document, as: UInt8.self)
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
        TermDictionary.Cursor(base: base, fieldCount: fieldCount, start: blockCount == 0 ? 0 : blockOffset(block),
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
    /// The term's highest normalised frequency, used as the block's when there is only one block.
    let termBound: Float

    /// The current document, or ``exhausted``.
    private(set) var document: UInt32 = 0
    private var frequencies: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
    /// The current posting's header byte (which fields hold the term; the first one's
    /// frequency when below 16; see ``SegmentFormat``).
    private(set) var header: UInt8 = 0
    /// The current block (−1 before the first).
    private(set) var block = -1
    private var remainingInBlock = 0
    private var offset = 0
    /// The last document of the current block.
    private(set) var blockLastDocument: UInt32 = 0
    /// Where the current block's postings and positions start, and how many postings it holds.
    private var blockDataStart = 0
    private var blockPositionsStart = 0
    private var blockLength = 0

    init(base: UnsafeRawPointer, fieldCount: Int, postingsStart: Int, positionsStart: Int, blockCount: Int, documentFrequency: Int,
         termBound: Float) {
        self.base = base
        self.fieldCount = fieldCount
        self.postingsStart = postingsStart
        self.positionsStart = positionsStart
        self.blockCount = blockCount
        self.documentFrequency = documentFrequency
        self.termBound = termBound
        if blockCount == 0 { document = Self.exhausted } else { loadBlock(0); next() }
    }

    @inline(__always)
    private func skipEntry(_ block: Int) -> (last: UInt32, data: Int, positions: Int) {
        // A single block has no skip table: its data starts at once and runs to the end.
        if blockCount == 1 { return (UInt32.max - 1, 0, 0) }
        let entry = postingsStart + block * SegmentFormat.skipEntrySize
        return (base.loadUnaligned(fromByteOffset: entry, as: UInt32.self),
                Int(base.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self)),
                Int(base.loadUnaligned(fromByteOffset: entry + 8, as: UInt32.self)))
    }

    /// Kept out of line so ``next()`` stays small enough to inline into scoring loops.
    @inline(never)
    private mutating func loadNextBlock() { loadBlock(block + 1) }

    private mutating func loadBlock(_ index: Int) {
        block = index
        let entry = skipEntry(index)
        blockLastDocument = entry.last
        offset = postingsStart + entry.data
        blockDataStart = offset
        blockPositionsStart = positionsStart + entry.positions
        frequencies = (0, 0, 0, 0)
        remainingInBlock = index == blockCount - 1 ? documentFrequency - index * SegmentFormat.blockSize : SegmentFormat.blockSize
        blockLength = remainingInBlock
        // The first delta of a block is relative to the previous block's last document.
        document = index == 0 ? 0 : skipEntry(index - 1).last
    }

    /// Moves to the next document.
    @inline(__always)
    mutating func next() {
        if remainingInBlock == 0 {
            if block + 1 >= blockCount { document = Self.exhausted; return }
            loadNextBlock()
        }
        document &+= VarInt.read(base, &offset)
        header = base.load(fromByteOffset: offset, as: UInt8.self)
        frequencies = Self.readFrequencies(base, &offset)
        remainingInBlock &-= 1
    }

    /// Reads one posting's header byte and frequencies (see ``SegmentFormat``).
    @inline(__always)
    private static func readFrequencies(_ base: UnsafeRawPointer, _ offset: inout Int) -> (UInt16, UInt16, UInt16, UInt16) {
        let header = base.load(fromByteOffset: offset, as: UInt8.self)
        offset &+= 1
        var values: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
        var mask = header & 0x0F
        if mask != 0 {
            let inline = UInt16(header >> 4)
            set(&values, mask.trailingZeroBitCount, inline != 0 ? inline : UInt16(truncatingIfNeeded: VarInt.read(base, &offset)))
            mask &= mask - 1
            while mask != 0 {
                set(&values, mask.trailingZeroBitCount, UInt16(truncatingIfNeeded: VarInt.read(base, &offset)))
                mask &= mask - 1
            }
        }
        return values
    }

    @inline(__always)
    private static func set(_ values: inout (UInt16, UInt16, UInt16, UInt16), _ field: Int, _ value: UInt16) {
        switch field { case 0: values.0 = value; case 1: values.1 = value; case 2: values.2 = value; default: values.3 = value }
    }

    /// The highest block bound among this cursor's blocks that may hold documents in
    /// `start..<end`, read from the skip table without decoding (0 if none can).
    func maxBlockBound(from start: UInt32, before end: UInt32) -> Float {
        guard document < end else { return 0 }
        if blockCount == 1 { return termBound }
        var index = block
        if document < start {
            while index < blockCount && skipEntry(index).last < start { index += 1 }
        }
        var best: Float = 0
        while index < blockCount {
            best = max(best, Self.bound(base, postingsStart + index * SegmentFormat.skipEntrySize))
            if skipEntry(index).last >= end &- 1 { break }
            index += 1
        }
        return best
    }

    @inline(__always)
    private static func bound(_ base: UnsafeRawPointer, _ skipEntry: Int) -> Float {
        Float(bitPattern: base.loadUnaligned(fromByteOffset: skipEntry + 12, as: UInt32.self))
    }

    /// Moves to the first document ≥ `target`.
    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard document < target else { return }
        seek(target)
    }

    /// ``advance(to:)`` once the target is ahead: picks the block from the skip table, then
    /// steps over the postings before the target reading only their document deltas and
    /// skipping their frequencies (locals, so the loop runs in registers).
    @inline(never)
    private mutating func seek(_ target: UInt32) {
        if target > blockLastDocument {
            var candidate = block + 1
            while candidate < blockCount && skipEntry(candidate).last < target { candidate += 1 }
            if candidate >= blockCount { document = Self.exhausted; return }
            loadBlock(candidate)
        }
        // The target is at most the block's last document, so it is found in this block (a
        // single block's last document is not stored: running out there exhausts the list).
        var current = document
        var position = offset
        var remaining = remainingInBlock
        while remaining > 0 {
            current &+= VarInt.read(base, &position)
            remaining &-= 1
            if current >= target { break }
            Self.skipFrequencies(base, &position)
        }
        if current < target {
            document = Self.exhausted
            return
        }
        document = current
        header = base.load(fromByteOffset: position, as: UInt8.self)
        frequencies = Self.readFrequencies(base, &position)
        offset = position
        remainingInBlock = remaining
    }

    /// Moves to the next posting whose document is marked in `marks` (bit `document − start`)
    /// or is at or after `end`, stepping over the unmarked ones' frequencies undecoded.
    @inline(__always)
    mutating func nextMarked(_ marks: UnsafePointer<UInt64>, from start: UInt32, before end: UInt32) {
        var current = document
        var position = offset
        var remaining = remainingInBlock
        while true {
            if remaining == 0 {
                offset = position
                remainingInBlock = 0
                next()  // loads the next block (or exhausts the list) and decodes its first posting
                if document >= end || Self.isMarked(marks, document &- start) { return }
                current = document
                position = offset
                remaining = remainingInBlock
                continue
            }
            current &+= VarInt.read(base, &position)
            remaining &-= 1
            if current >= end || Self.isMarked(marks, current &- start) { break }
            Self.skipFrequencies(base, &position)
        }
        document = current
        header = base.load(fromByteOffset: position, as: UInt8.self)
        frequencies = Self.readFrequencies(base, &position)
        offset = position
        remainingInBlock = remaining
    }

    @inline(__always)
    private static func isMarked(_ marks: UnsafePointer<UInt64>, _ offset: UInt32) -> Bool {
        marks[Int(offset >> 6)] & (1 << UInt64(offset & 63)) != 0
    }

    /// Steps over one posting's header byte and frequency varints.
    @inline(__always)
    private static func skipFrequencies(_ base: UnsafeRawPointer, _ position: inout Int) {
        let header = base.load(fromByteOffset: position, as: UInt8.self)
        position &+= 1
        // One varint per field holding the term, less the first one's if it is inline.
        var varints = (header & 0x0F).nonzeroBitCount - (header >> 4 != 0 ? 1 : 0)
        while varints > 0 {
            while base.load(fromByteOffset: position, as: UInt8.self) >= 0x80 { position &+= 1 }
            position &+= 1
            varints &-= 1
        }
    }

    /// The term's frequency in `field` for the current document.
    @inline(__always)
    func frequency(_ field: Int) -> UInt16 {
        switch field { case 0: frequencies.0; case 1: frequencies.1; case 2: frequencies.2; default: frequencies.3 }
    }

    /// The term's positions in the current document, as (field << 24) + position within the field.
    func positions() -> [UInt32] {
        // Positions are stored per block: skip those of the block's earlier postings, whose
        // frequencies are re-read from the block's start (phrases are rare; postings stay lean).
        var postings = blockDataStart
        var earlier = 0
        for _ in 0..<(blockLength - remainingInBlock - 1) {
            _ = VarInt.read(base, &postings)
            let values = Self.readFrequencies(base, &postings)
            earlier += Int(values.0) + Int(values.1) + Int(values.2) + Int(values.3)
        }
        var cursor = blockPositionsStart
        for _ in 0..<earlier { _ = VarInt.read(base, &cursor) }
        return positions(readingFrom: &cursor)
    }

    /// The current document's positions read at `offset` (where the previous posting's ended,
    /// or ``positionsStart`` for the first), moving `offset` past them: for walking every posting.
    func positions(readingFrom offset: inout Int) -> [UInt32] {
        var cursor = offset
        defer { offset = cursor }
        let count = Int(frequencies.0) + Int(frequencies.1) + Int(frequencies.2) + Int(frequencies.3)
        var result: [UInt32] = []
        result.reserveCapacity(count)
        for field in 0..<fieldCount {
            var last: UInt32 = 0
            for _ in 0..<Int(frequency(field)) {
                last += VarInt.read(base, &cursor)
                result.append(UInt32(field) << SegmentFormat.fieldShift + last)
            }
        }
        return result
    }
}
