/// A set of cues that must start at a word ("child" matches "children", not "grandchild"),
/// tested against normalised text in one pass over its word starts instead of one search per cue.
struct WordStartCues: Sendable {
    /// Cues by their first three bytes (cues shorter than three bytes are kept apart).
    private let index: [UInt32: [[UInt8]]]
    private let short: [[UInt8]]

    /// Indexes cues written with or without a leading space.
    init<S: Sequence>(_ cues: S) where S.Element == String {
        var index: [UInt32: [[UInt8]]] = [:]
        var short: [[UInt8]] = []
        for cue in cues {
            let bytes = Array((cue.hasPrefix(" ") ? String(cue.dropFirst()) : cue).utf8)
            guard !bytes.isEmpty else { continue }
            if bytes.count < 3 { short.append(bytes) } else { index[Self.key(bytes[0], bytes[1], bytes[2]), default: []].append(bytes) }
        }
        self.index = index
        self.short = short
    }

    private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 { UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c) }

    /// True when some cue starts at a word start of `normalized` (a word starts after a space
    /// or at the start of the text).
    func matches(_ normalized: String) -> Bool {
        guard !index.isEmpty || !short.isEmpty else { return false }
        var text = normalized
        return text.withUTF8 { bytes in
            let count = bytes.count
            var position = 0
            while position < count {
                if position == 0 || bytes[position - 1] == 0x20, bytes[position] != 0x20 {
                    if position + 3 <= count, let candidates = index[Self.key(bytes[position], bytes[position + 1], bytes[position + 2])] {
                        for cue in candidates where position + cue.count <= count && Self.equal(bytes, at: position, cue) { return true }
                    }
                    for cue in short where position + cue.count <= count && Self.equal(bytes, at: position, cue) { return true }
                }
                position += 1
            }
            return false
        }
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, _ cue: [UInt8]) -> Bool {
        for offset in cue.indices where bytes[position + offset] != cue[offset] { return false }
        return true
    }
}
