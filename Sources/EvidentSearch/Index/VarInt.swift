/// LEB128 variable-length unsigned integers: 7 bits per byte, high bit set on all but the last.
enum VarInt {
    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads one value at `offset`, advancing it.
    @inline(__always)
    static func read(_ base: UnsafeRawPointer, _ offset: inout Int) -> UInt32 {
        // Offsets stay inside a mapped segment, so wrapping arithmetic skips overflow checks.
        var byte = base.load(fromByteOffset: offset, as: UInt8.self)
        offset &+= 1
        if byte < 0x80 { return UInt32(byte) }
        var value = UInt32(byte & 0x7F)
        var shift: UInt32 = 7
        repeat {
            byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset &+= 1
            value |= UInt32(byte & 0x7F) << (shift & 31)
            shift &+= 7
        } while byte >= 0x80
        return value
    }
}
