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
    /// The current posting's frequency per field.
    private(set) var frequencies: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
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
        settle(on: current, at: position, remaining: remaining)
    }

    /// Stays on the current posting if its document is marked or at or after `end`; otherwise
    /// moves on as ``nextMarked(_:from:before:)`` does (where a walk over marked documents starts).
    @inline(__always)
    mutating func firstMarked(_ marks: UnsafePointer<UInt64>, from start: UInt32, before end: UInt32) {
        if document < end && !Self.isMarked(marks, document &- start) { nextMarked(marks, from: start, before: end) }
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
                enterNextBlock(from: position)
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
        settle(on: current, at: position, remaining: remaining)
    }

    /// Adds `weight` × the saturation of every posting in `start..<end` to `sums` (offset by
    /// `start`) and marks those documents in `marks`, leaving the cursor on the first posting
    /// at or after `end`. One loop over locals: most postings cost a delta, a header byte and a
    /// table entry.
    @inline(__always)
    mutating func accumulate(from start: UInt32, before end: UInt32, weight: Double, scorer: PostingScorer,
                             sums: UnsafeMutablePointer<Int64>, marks: UnsafeMutablePointer<UInt64>) {
        guard document < end else { return }
        // The current posting is decoded already: score it, then walk on from it.
        var current = document
        var saturation = scorer.saturation(self)
        var position = offset
        var remaining = remainingInBlock
        while true {
            let slot = Int(current &- start)
            sums[slot] &+= ScoreSum.fixed(weight * saturation)
            marks[slot >> 6] |= 1 << UInt64(slot & 63)
            if remaining == 0 {
                enterNextBlock(from: position)
                if document >= end { return }
                current = document
                saturation = scorer.saturation(self)
                position = offset
                remaining = remainingInBlock
                continue
            }
            current &+= VarInt.read(base, &position)
            remaining &-= 1
            let header = base.load(fromByteOffset: position, as: UInt8.self)
            if current >= end { break }
            if let tabulated = scorer.tabulated(header: header, document: Int(current)) {
                saturation = tabulated
                position &+= 1  // a tabulated posting's only frequency is inline
            } else {
                saturation = scorer.saturation(Self.readFrequencies(base, &position), document: Int(current))
            }
        }
        settle(on: current, at: position, remaining: remaining)
    }

    /// Puts the cursor on the posting of `document` whose header byte is at `position`,
    /// decoding its frequencies; `remaining` postings follow it in the block.
    @inline(__always)
    private mutating func settle(on document: UInt32, at position: Int, remaining: Int) {
        var position = position
        self.document = document
        header = base.load(fromByteOffset: position, as: UInt8.self)
        frequencies = Self.readFrequencies(base, &position)
        offset = position
        remainingInBlock = remaining
    }

    /// From the end of a block (its last posting ended at `position`), loads the next block and
    /// decodes its first posting, or exhausts the list.
    @inline(__always)
    private mutating func enterNextBlock(from position: Int) {
        offset = position
        remainingInBlock = 0
        next()
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
