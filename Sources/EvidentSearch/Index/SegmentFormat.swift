/// The on-disk layout of a segment file (little-endian, sections 8-byte aligned):
///
/// ```
/// header (128 bytes)   magic "EVSEG001", docCount, fieldCount, termCount, numericCount,
///                      sum of field lengths per field, section offsets
/// docKeys              Int64 × docCount
/// fieldLengths         UInt32 × fieldCount × docCount (field-major)
/// numerics             Int32 × numericCount × docCount (column-major; Int32.min = missing)
/// termOffsets          UInt32 × (termCount + 1), into termBytes
/// termBytes            the terms, sorted by bytes, concatenated
/// termInfos            64 bytes per term (see TermInfo)
/// postings             per term: skip table (blockCount × 12 bytes: last doc, data offset,
///                      positions offset), then blocks of up to 128 postings: varint doc delta,
///                      then a varint term frequency per field
/// positions            per posting: varint position deltas (field f's positions start at f << 24)
/// ```
enum SegmentFormat {
    static let magic: UInt64 = 0x3130_3047_4553_5645  // "EVSEG001"
    static let headerSize = 128
    static let termInfoSize = 64
    static let blockSize = 128
    static let skipEntrySize = 12
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
        case docKeys, fieldLengths, numerics, termOffsets, termBytes, termInfos, postings, positions
    }

    /// The facet term for `name` = `value`.
    static func facetTerm(_ name: String, _ value: String) -> String {
        "\u{1}\(name)=\(value)"
    }
}

/// Per-term statistics stored in a segment's dictionary (64 bytes on disk).
struct TermInfo {
    var docFrequency: UInt32
    var blockCount: UInt32
    var postingsOffset: UInt64
    var positionsOffset: UInt64
    /// Highest term frequency in each field over the term's postings.
    var maxFrequency: (UInt16, UInt16, UInt16, UInt16)
    /// Shortest field length among postings where the term occurs in that field.
    var minLength: (UInt32, UInt32, UInt32, UInt32)

    func maxFrequency(_ field: Int) -> UInt16 {
        switch field { case 0: maxFrequency.0; case 1: maxFrequency.1; case 2: maxFrequency.2; default: maxFrequency.3 }
    }

    func minLength(_ field: Int) -> UInt32 {
        switch field { case 0: minLength.0; case 1: minLength.1; case 2: minLength.2; default: minLength.3 }
    }
}
