/// The on-disk layout of a segment file (little-endian, sections 8-byte aligned):
///
/// ```
/// header (128 bytes)   magic "EVSEG005", docCount, fieldCount, termCount, numericCount,
///                      sum of field lengths per field, section offsets
/// docKeys              Int64 × docCount
/// fieldLengths         UInt32 × fieldCount × docCount (field-major; exact, for merges)
/// numerics             Int32 × numericCount × docCount (column-major; Int32.min = missing)
/// termBlocks           UInt32 × blocks: each dictionary block's offset in termData
/// termData             the front-coded term dictionary (see TermDictionary)
/// lengthCodes          UInt8 × fieldCount × docCount: each length as a ``LengthCode`` (for scoring)
/// postings             per term: a skip table when it has more than one block (blockCount ×
///                      16 bytes: last doc, data offset, positions offset, and the block's highest
///                      normalised frequency as a Float32, for block-max pruning), then blocks of up to
///                      128 postings: varint doc delta, a header byte (low 4 bits: which fields
///                      the term occurs in; high 4 bits: the first such field's frequency when
///                      below 16, else 0 and a varint follows), varint frequencies of the others
/// positions            per posting, per field it occurs in: varint position deltas from the
///                      field's start
/// ```
enum SegmentFormat {
    static let magic: UInt64 = 0x3530_3047_4553_5645  // "EVSEG005"
    static let headerSize = 128
    static let blockSize = 128
    static let skipEntrySize = 16
    /// Positions of field f are stored as (f << fieldShift) + position.
    static let fieldShift: UInt32 = 24
    /// Facet terms start with this byte, so they sort before text terms and never collide with them.
    static let facetPrefix: UInt8 = 0x01

    /// Header field byte offsets.
    enum Header {
        static let magic = 0
        static let docCount = 8
        static let fieldCount = 12
        static let termCount = 16
        static let numericCount = 20
        static let fieldLengthSums = 24  // 4 × UInt64
        static let sections = 56  // 8 × UInt64
    }

    enum Section: Int, CaseIterable {
        case docKeys, fieldLengths, numerics, termBlocks, termData, lengthCodes, postings, positions
    }

    /// Why a file whose first 8 bytes are `magic` is not a readable segment.
    static func describeMismatch(_ magic: UInt64) -> String {
        let bytes = withUnsafeBytes(of: magic.littleEndian) { Array($0) }
        let found = String(decoding: bytes, as: UTF8.self)
        let expected = withUnsafeBytes(of: Self.magic.littleEndian) { String(decoding: $0, as: UTF8.self) }
        if found.hasPrefix("EVSEG") {
            return "written in segment format \(found) by another version of Evident; this version reads \(expected)"
        }
        return "bad magic number"
    }

    /// The facet term for `name` = `value`.
    static func facetTerm(_ name: String, _ value: String) -> String {
        "\u{1}\(name)=\(value)"
    }
}

/// Per-term statistics kept in a segment's dictionary: document frequency, postings and
/// positions offsets, and the term's highest normalised frequency (see ``FieldNormalization``).
struct TermInfo {
    var docFrequency: UInt32
    var postingsOffset: UInt32
    var positionsOffset: UInt32
    /// Highest BM25F normalised frequency over the term's postings, computed with the segment's
    /// own average field lengths and rounded up (an upper bound, for pruning).
    var maxNormalizedFrequency: Float

    var blockCount: Int { (Int(docFrequency) + SegmentFormat.blockSize - 1) / SegmentFormat.blockSize }
}
