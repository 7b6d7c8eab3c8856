extension String {
    /// Collapses every run of whitespace (spaces, tabs, newlines, Unicode spaces) to one space
    /// and trims the ends.
    ///
    /// Works on UTF-8 bytes: it runs for every passage ingested.
    public var collapsingWhitespace: String {
        var utf8 = self.utf8
        return utf8.withContiguousStorageIfAvailable(Self.collapse) ?? {
            var copy = self
            copy.makeContiguousUTF8()
            utf8 = copy.utf8
            return utf8.withContiguousStorageIfAvailable(Self.collapse)!
        }()
    }

    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let width = whitespaceWidth(bytes, at: index)
                if width > 0 {
                    pendingSpace = written > 0
                    index += width
                    continue
                }
                if pendingSpace {
                    out[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                out[written] = byte
                written += 1
                index += 1
            }
            return written
        }
    }

    /// The byte length of the whitespace character at `index`, or 0 if there is none there.
    @inline(__always)
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
        let remaining = bytes.count - index
        if byte == 0xC2, remaining >= 2, bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 { return 2 }
        guard remaining >= 3 else { return 0 }
        let (b1, b2) = (bytes[index + 1], bytes[index + 2])
        switch byte {
        case 0xE1: return b1 == 0x9A && b2 == 0x80 ? 3 : 0  // U+1680
        case 0xE2:
            if b1 == 0x80 && ((0x80...0x8A).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) { return 3 }  // U+2000–200A, 2028, 2029, 202F
            return b1 == 0x81 && b2 == 0x9F ? 3 : 0  // U+205F
        case 0xE3: return b1 == 0x80 && b2 == 0x80 ? 3 : 0  // U+3000
        default: return 0
        }
    }

    /// Nil when the string is empty after trimming, else the trimmed string.
    var nonEmpty: String? {
        let trimmed = collapsingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }
}
