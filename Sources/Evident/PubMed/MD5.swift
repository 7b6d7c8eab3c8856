import Foundation

/// MD5 (RFC 1321), only to check downloaded PubMed files against NCBI's `.md5` files (not for
/// anything that needs a secure hash).
public struct MD5 {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    private static let shifts: [UInt32] = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                           5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
                                           4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                           6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21]
    private static let constants: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64(abs(sin(Double($0 + 1))) * 4_294_967_296)) }

    /// Creates an empty digest.
    public init() {}

    /// Adds bytes.
    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        length += UInt64(bytes.count)
        buffer.append(contentsOf: bytes)
        var offset = 0
        while buffer.count - offset >= 64 {
            buffer.withUnsafeBytes { process($0.baseAddress! + offset) }
            offset += 64
        }
        if offset > 0 { buffer.removeFirst(offset) }
    }

    /// The digest as 32 lower-case hex digits.
    public mutating func finalize() -> String {
        let bits = length &* 8
        var padding: [UInt8] = [0x80]
        while (buffer.count + padding.count) % 64 != 56 { padding.append(0) }
        for shift in stride(from: 0, to: 64, by: 8) { padding.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        update(padding)
        return [state.0, state.1, state.2, state.3].map { word in
            (0..<4).map { String(format: "%02x", (word >> ($0 * 8)) & 0xff) }.joined()
        }.joined()
    }

    private mutating func process(_ block: UnsafeRawPointer) {
        var words = [UInt32](repeating: 0, count: 16)
        for index in 0..<16 { words[index] = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)) }
        var (a, b, c, d) = state
        for index in 0..<64 {
            var f: UInt32
            let g: Int
            switch index {
            case 0..<16: f = (b & c) | (~b & d); g = index
            case 16..<32: f = (d & b) | (~d & c); g = (5 * index + 1) % 16
            case 32..<48: f = b ^ c ^ d; g = (3 * index + 5) % 16
            default: f = c ^ (b | ~d); g = (7 * index) % 16
            }
            f = f &+ a &+ Self.constants[index] &+ words[g]
            a = d
            d = c
            c = b
            b = b &+ ((f << Self.shifts[index]) | (f >> (32 - Self.shifts[index])))
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }

    /// The MD5 of a file, read in 1 MB pieces.
    public static func file(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { try? handle.close() }
        var digest = MD5()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { digest.update(chunk) }
        return digest.finalize()
    }

    /// The digest an NCBI `.md5` file states (`MD5(pubmed25n0001.xml.gz)= 9f2c…`), or nil.
    public static func stated(in text: String) -> String? {
        text.split(whereSeparator: { $0 == " " || $0 == "=" || $0.isNewline || $0 == "\t" })
            .last { $0.count == 32 && $0.allSatisfy(\.isHexDigit) }.map { $0.lowercased() }
    }
}
