/// Splits a stream of byte chunks into lines (without their `\n` or `\r\n`).
struct LineSplitter {
    private var carry: [UInt8] = []

    /// Appends a chunk and returns the complete lines it ends.
    mutating func append(_ chunk: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = chunk.startIndex
        var index = chunk.startIndex
        while let newline = chunk[index...].firstIndex(of: 0x0a) {
            if carry.isEmpty {
                lines.append(trimCR(chunk[start..<newline]))
            } else {
                carry.append(contentsOf: chunk[start..<newline])
                lines.append(trimCR(carry[...]))
                carry = []
            }
            start = newline + 1
            index = start
        }
        carry.append(contentsOf: chunk[start...])
        return lines
    }

    /// The last line if the input did not end with a newline.
    mutating func finish() -> ArraySlice<UInt8>? {
        defer { carry = [] }
        return carry.isEmpty ? nil : trimCR(carry[...])
    }

    private func trimCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 0x0d ? line.dropLast() : line
    }
}
