/// The term dictionary of a segment: terms in byte order, in blocks of ``blockTerms``. Each term
/// is front-coded against the previous one in its block (shared prefix length, suffix) and
/// followed by its statistics as varints (document frequency, postings and positions offsets as
/// deltas), then the term's highest normalised frequency as 4 bytes (Float32 bits). A block
/// index holds each block's byte offset, so a lookup is a binary search over blocks' first
/// terms, then a short scan.
enum TermDictionary {
    static let blockTerms = 32

    /// Appends the encoded dictionary; returns (block offsets, data).
    struct Encoder {
        private(set) var blockOffsets: [UInt32] = []
        private(set) var data: [UInt8] = []
        private var previousTerm: [UInt8] = []
        private var previousInfo = TermInfo(docFrequency: 0, postingsOffset: 0, positionsOffset: 0, maxNormalizedFrequency: 0)
        private var count = 0

        mutating func append(_ term: [UInt8], _ info: TermInfo) {
            let startsBlock = count % TermDictionary.blockTerms == 0
            if startsBlock { blockOffsets.append(UInt32(data.count)) }
            var shared = 0
            if !startsBlock {
                while shared < min(term.count, previousTerm.count) && term[shared] == previousTerm[shared] { shared += 1 }
            }
            VarInt.append(UInt32(shared), to: &data)
            VarInt.append(UInt32(term.count - shared), to: &data)
            data.append(contentsOf: term[shared...])
            VarInt.append(info.docFrequency, to: &data)
            VarInt.append(startsBlock ? info.postingsOffset : info.postingsOffset - previousInfo.postingsOffset, to: &data)
            VarInt.append(startsBlock ? info.positionsOffset : info.positionsOffset - previousInfo.positionsOffset, to: &data)
            withUnsafeBytes(of: info.maxNormalizedFrequency.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            previousTerm = term
            previousInfo = info
            count += 1
        }
    }

    /// Walks a dictionary's terms in order, from the start of a block.
    struct Cursor {
        let base: UnsafeRawPointer
        private var offset: Int
        /// Terms left to read (the section is padded, so bytes alone cannot tell the end).
        private var remaining: Int
        private var inBlock = 0
        /// The current term's bytes and statistics (valid after ``next()`` returned true).
        private(set) var term: [UInt8] = []
        private(set) var info = TermInfo(docFrequency: 0, postingsOffset: 0, positionsOffset: 0, maxNormalizedFrequency: 0)

        init(base: UnsafeRawPointer, start: Int, remaining: Int) {
            self.base = base
            offset = start
            self.remaining = remaining
        }

        /// Decodes the next term; false at the end of the dictionary.
        mutating func next() -> Bool {
            guard remaining > 0 else { return false }
            remaining -= 1
            let startsBlock = inBlock % TermDictionary.blockTerms == 0
            let shared = Int(VarInt.read(base, &offset))
            let suffix = Int(VarInt.read(base, &offset))
            term.removeSubrange(shared...)
            term.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: suffix))
            offset += suffix
            let frequency = VarInt.read(base, &offset)
            let postings = VarInt.read(base, &offset)
            let positions = VarInt.read(base, &offset)
            let bound = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            offset += 4
            info = TermInfo(
                docFrequency: frequency,
                postingsOffset: startsBlock ? postings : info.postingsOffset + postings,
                positionsOffset: startsBlock ? positions : info.positionsOffset + positions,
                maxNormalizedFrequency: bound)
            inBlock += 1
            return true
        }
    }
}
