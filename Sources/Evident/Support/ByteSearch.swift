import Foundation

extension StringProtocol {
    /// How many times `needle` occurs in the text, comparing UTF-8 bytes exactly (no locale and
    /// no Unicode equivalence: much faster than Foundation's `contains`/`components`, which go
    /// through CFString), counting non-overlapping occurrences.
    func occurrences(of needle: String) -> Int {
        occurrences(of: needle, upTo: .max)
    }

    /// The number of space-separated words (runs of non-space bytes), counted over UTF-8 bytes.
    var wordCount: Int {
        var count = 0
        var inWord = false
        for byte in utf8 {
            if byte == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
        }
        return count
    }

    /// True if `needle`'s UTF-8 bytes occur in the text (see ``occurrences(of:)``).
    func containsBytes(_ needle: String) -> Bool {
        occurrences(of: needle, upTo: 1) > 0
    }

    /// The byte offset of the first occurrence of `needle`, or nil.
    func firstByteOffset(of needle: String) -> Int? {
        var pattern = needle
        return pattern.withUTF8 { pattern in
            utf8.withContiguousStorageIfAvailable { Self.first(pattern, in: $0) } ?? Array(utf8).withUnsafeBufferPointer { Self.first(pattern, in: $0) }
        }
    }

    private static func first(_ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let textStart = text.baseAddress, let patternStart = pattern.baseAddress, !pattern.isEmpty else { return nil }
        var offset = 0
        while offset + pattern.count <= text.count,
              let hit = memchr(textStart + offset, Int32(patternStart.pointee), text.count - offset - pattern.count + 1) {
            let position = UnsafeRawPointer(textStart).distance(to: UnsafeRawPointer(hit))
            if memcmp(hit, patternStart, pattern.count) == 0 { return position }
            offset = position + 1
        }
        return nil
    }

    /// Counts occurrences of `needle`, stopping once `limit` are found.
    private func occurrences(of needle: String, upTo limit: Int) -> Int {
        var pattern = needle
        return pattern.withUTF8 { pattern in
            // Native strings and their substrings are contiguous; others (bridged) are copied.
            utf8.withContiguousStorageIfAvailable { Self.count(pattern, in: $0, upTo: limit) }
                ?? Array(utf8).withUnsafeBufferPointer { Self.count(pattern, in: $0, upTo: limit) }
        }
    }

    /// memchr finds each candidate first byte; memcmp checks the rest.
    private static func count(_ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> Int {
        guard let textStart = text.baseAddress, let patternStart = pattern.baseAddress, !pattern.isEmpty else { return 0 }
        var count = 0
        var offset = 0
        while count < limit, offset + pattern.count <= text.count,
              let hit = memchr(textStart + offset, Int32(patternStart.pointee), text.count - offset - pattern.count + 1) {
            let position = UnsafeRawPointer(textStart).distance(to: UnsafeRawPointer(hit))
            if memcmp(hit, patternStart, pattern.count) == 0 {
                count += 1
                offset = position + pattern.count
            } else {
                offset = position + 1
            }
        }
        return count
    }
}
