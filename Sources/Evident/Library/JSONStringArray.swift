import Foundation

/// Encodes and decodes the JSON string arrays stored in list columns (authors, MeSH terms).
///
/// Hand-written because this runs for every ingested document, where `JSONEncoder` costs more
/// than the rest of the insert.
enum JSONStringArray {
    static func encode(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        return out + "]"
    }

    /// Decodes what ``encode(_:)`` wrote (any JSON array of strings) by a scan over its UTF-8
    /// bytes; anything else goes through `JSONDecoder` (reading documents back for the index
    /// spent a tenth of its time in it).
    static func decode(_ text: String?) -> [String] {
        guard var text else { return [] }
        if let fast = text.withUTF8({ scan($0) }) { return fast }
        guard let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// The strings of a JSON array of strings, or nil when the bytes are not one.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var index = 0
        func skipSpace() { while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 } }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        skipSpace()
        var values: [String] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            skipSpace()
            return index == bytes.count ? values : nil
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            var escaped = false
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { escaped = true; index += 1 }
                index += 1
            }
            guard index < bytes.count else { return nil }
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if escaped {
                guard let value = unescape(raw) else { return nil }
                values.append(value)
            } else {
                values.append(String(decoding: raw, as: UTF8.self))
            }
            index += 1
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "]") { break }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
            skipSpace()
        }
        index += 1
        skipSpace()
        return index == bytes.count ? values : nil
    }

    /// A string's content with its escapes resolved; nil for a malformed escape.
    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        func flushBytes() {
            if !bytes.isEmpty { scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars); bytes.removeAll() }
        }
        var index = 0
        var pendingHigh: UInt32?
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 1 < raw.count else { return nil }
            let code = raw[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(code)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "u"):
                guard index + 4 <= raw.count, let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: raw[index..<index + 4]), as: UTF8.self), radix: 16) else { return nil }
                index += 4
                flushBytes()
                if (0xD800..<0xDC00).contains(value) {
                    pendingHigh = value
                    continue
                }
                if (0xDC00..<0xE000).contains(value), let high = pendingHigh {
                    guard let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)) else { return nil }
                    scalars.append(scalar)
                } else {
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    scalars.append(scalar)
                }
            default: return nil
            }
            pendingHigh = nil
        }
        flushBytes()
        return String(scalars)
    }
}
