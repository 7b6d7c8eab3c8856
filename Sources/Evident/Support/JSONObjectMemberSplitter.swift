/// Cuts a stream of bytes holding one JSON object into its top-level members (key, value bytes)
/// without decoding them, so a large keyed file (PubMedQA) is read one record at a time.
struct JSONObjectMemberSplitter {
    private var pending: [UInt8] = []
    private var scanned = 0
    private var started = false
    private var finished = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var memberStart: Int?

    /// A member's raw bytes: `"key": value` (no trailing comma).
    struct Member {
        var bytes: ArraySlice<UInt8>
    }

    struct SyntaxError: Error, CustomStringConvertible {
        let description: String
    }

    /// True when the closing brace of the top-level object has been seen.
    var isComplete: Bool { finished }

    /// Appends a chunk and returns the members it completes.
    mutating func append(_ chunk: ArraySlice<UInt8>) throws -> [Member] {
        pending.append(contentsOf: chunk)
        var members: [Member] = []
        var index = scanned
        while index < pending.count {
            let byte = pending[index]
            defer { index += 1 }
            if finished {
                if !isSpace(byte) { throw SyntaxError(description: "unexpected data after the closing brace") }
                continue
            }
            if !started {
                if isSpace(byte) || (byte == 0xEF || byte == 0xBB || byte == 0xBF) { continue }
                guard byte == UInt8(ascii: "{") else { throw SyntaxError(description: "expected a JSON object, found '\(Character(Unicode.Scalar(byte)))'") }
                started = true
                continue
            }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if depth == 0 && memberStart == nil { memberStart = index }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    if let start = memberStart { members.append(Member(bytes: pending[start..<index])) }
                    memberStart = nil
                    finished = true
                } else {
                    depth -= 1
                }
            case UInt8(ascii: ","):
                if depth == 0, let start = memberStart {
                    members.append(Member(bytes: pending[start..<index]))
                    memberStart = nil
                }
            default:
                break
            }
        }
        // Keep only the unfinished member.
        let keep = memberStart ?? pending.count
        let result = members.map { Member(bytes: ArraySlice(Array($0.bytes))) }
        pending.removeSubrange(0..<keep)
        if memberStart != nil { memberStart = 0 }
        scanned = pending.count
        return result
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 }
}
