/// A field length in one byte, for scoring (as Lucene stores its norms): lengths up to 39 are
/// exact; beyond, 24 plus a small float (3-bit mantissa) rounded down, so a code's length is
/// within 12.5% of the true one and never above it. One byte per field keeps a segment's lengths
/// in cache, and a 256-entry table per field replaces the length normalisation's division.
enum LengthCode {
    /// Codes below this are the length itself.
    static let exactBelow: UInt32 = 24

    /// The code of `length`.
    static func encode(_ length: UInt32) -> UInt8 {
        guard length >= exactBelow else { return UInt8(length) }
        let excess = length - exactBelow
        let bits = 32 - excess.leadingZeroBitCount
        guard bits > 4 else { return UInt8(exactBelow + excess) }  // small excess: exact
        let shift = UInt32(bits - 4)
        let mantissa = (excess >> shift) & 0x07
        let code = exactBelow + ((shift + 1) << 3 | mantissa)
        return UInt8(min(255, code))
    }

    /// The (rounded-down) length a code stands for.
    static func decode(_ code: UInt8) -> UInt32 {
        let value = UInt32(code)
        guard value >= exactBelow else { return value }
        let encoded = value - exactBelow
        let shift = Int(encoded >> 3) - 1
        let mantissa = encoded & 0x07
        return exactBelow + (shift < 0 ? mantissa : (mantissa | 0x08) << UInt32(shift))
    }
}
