import Foundation

extension StringProtocol {
    /// How many times `needle` occurs in the text, comparing UTF-8 bytes exactly (no locale and
    /// no Unicode equivalence: much faster than Foundation's `contains`/`components`, which go
    /// through CFString), counting non-overlapping occurrences.
    func occurrences(of needle: String) -> Int {
        var count = 0
        let found: Int? = utf8.withContiguousStorageIfAvailable { text in
            needle.utf8.withContiguousStorageIfAvailable { pattern in
                guard let textStart = text.baseAddress, let patternStart = pattern.baseAddress, pattern.count > 0 else { return 0 }
                // memchr finds each candidate first byte; memcmp checks the rest.
                let first = Int32(patternStart.pointee)
                var offset = 0
                while offset + pattern.count <= text.count,
                      let hit = memchr(textStart + offset, first, text.count - offset - pattern.count + 1) {
                    let position = UnsafeRawPointer(textStart).distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, patternStart, pattern.count) == 0 {
                        count += 1
                        offset = position + pattern.count
                    } else {
                        offset = position + 1
                    }
                }
                return count
            } ?? nil
        } ?? nil
        if let found { return found }
        // Not contiguous (a bridged string): compare byte arrays.
        let text = Array(utf8)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return 0 }
        var offset = 0
        while offset + pattern.count <= text.count {
            if text[offset..<(offset + pattern.count)].elementsEqual(pattern) {
                count += 1
                offset += pattern.count
            } else {
                offset += 1
            }
        }
        return count
    }

    /// True if `needle`'s UTF-8 bytes occur in the text (see ``occurrences(of:)``).
    func containsBytes(_ needle: String) -> Bool {
        occurrences(of: needle) > 0
    }
}
