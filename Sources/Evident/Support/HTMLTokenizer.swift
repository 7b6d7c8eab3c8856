/// Cuts HTML bytes into text runs, start tags and end tags, the forgiving way browsers do:
/// anything that is not well-formed markup is text, comments and doctypes are dropped, and
/// `<script>`/`<style>` contents are skipped.
///
/// Every call consumes input, and every search remembers where it found nothing, so the
/// whole input is read in linear time whatever it holds (it is fuzzed).
struct HTMLTokenizer {
    /// One piece of the input.
    enum Token: Equatable {
        /// Raw text (character references not yet decoded), as a byte range of the input.
        case text(Range<Int>)
        /// `<name attr="value">`; names are lowercased, attribute values decoded.
        case startTag(name: String, attributes: [String: String], selfClosing: Bool)
        /// `</name>`.
        case endTag(name: String)
    }

    let bytes: [UInt8]
    private var position = 0
    /// For each byte searched for, the lowest position from which a search found none.
    private var absentFrom: [UInt8: Int] = [:]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private static let lessThan: UInt8 = 0x3C, greaterThan: UInt8 = 0x3E, slash: UInt8 = 0x2F
    private static let bang: UInt8 = 0x21, question: UInt8 = 0x3F, equals: UInt8 = 0x3D

    /// The next token, or nil at the end of the input. Problems (a tag or comment that never
    /// ends) are appended to `problems`.
    mutating func next(problems: inout [HTMLProblem]) -> Token? {
        while position < bytes.count {
            guard bytes[position] == Self.lessThan else { return text(from: position) }
            switch markup(problems: &problems) {
            case .token(let token): return token
            case .skipped: continue
            case .notMarkup: return text(from: position, after: 1)
            }
        }
        return nil
    }

    private enum Markup {
        case token(Token)
        case skipped
        case notMarkup
    }

    /// Text from `start` up to the next `<` at or after `start + after`.
    private mutating func text(from start: Int, after: Int = 0) -> Token {
        let end = find(Self.lessThan, from: start + after) ?? bytes.count
        position = end
        return .text(start..<end)
    }

    /// Reads the markup at `position` (a `<`).
    private mutating func markup(problems: inout [HTMLProblem]) -> Markup {
        let start = position
        guard start + 1 < bytes.count else { return .notMarkup }
        let next = bytes[start + 1]
        if next == Self.bang || next == Self.question {
            if next == Self.bang, starts(with: "<!--", at: start) {
                guard let end = find(sequence: Array("-->".utf8), from: start + 4) else {
                    problems.append(HTMLProblem(.unterminatedComment, "<!--"))
                    position = bytes.count
                    return .skipped
                }
                position = end + 3
                return .skipped
            }
            position = (find(Self.greaterThan, from: start + 2) ?? (bytes.count - 1)) + 1
            return .skipped
        }
        if next == Self.slash {
            guard start + 2 < bytes.count, Self.isLetter(bytes[start + 2]) else { return .notMarkup }
            let (name, nameEnd) = readName(from: start + 2)
            guard let end = find(Self.greaterThan, from: nameEnd), find(Self.lessThan, from: nameEnd).map({ $0 > end }) ?? true else {
                problems.append(HTMLProblem(.unterminatedTag, "</\(name)"))
                return .notMarkup
            }
            position = end + 1
            return .token(.endTag(name: name))
        }
        guard Self.isLetter(next) else { return .notMarkup }
        let (name, nameEnd) = readName(from: start + 1)
        guard let (attributes, selfClosing, end) = readAttributes(from: nameEnd) else {
            problems.append(HTMLProblem(.unterminatedTag, "<\(name)"))
            return .notMarkup
        }
        position = end
        if (name == "script" || name == "style") && !selfClosing {
            // Raw text: skip to the matching end tag (or the end of the input).
            let close = Array("</\(name)".utf8)
            var cursor = end
            while let candidate = find(sequence: [Self.lessThan, Self.slash], from: cursor) {
                if startsCaseInsensitive(with: close, at: candidate) {
                    position = (find(Self.greaterThan, from: candidate) ?? (bytes.count - 1)) + 1
                    return .skipped
                }
                cursor = candidate + 2
            }
            position = bytes.count
            return .skipped
        }
        return .token(.startTag(name: name, attributes: attributes, selfClosing: selfClosing))
    }

    /// Reads attributes up to the tag's `>`; nil if the tag does not end before the next `<`
    /// outside a quoted value (or the input ends).
    private mutating func readAttributes(from start: Int) -> ([String: String], Bool, Int)? {
        guard find(Self.greaterThan, from: start) != nil else { return nil }
        var attributes: [String: String] = [:]
        var cursor = start
        var ignored: [HTMLProblem] = []
        while true {
            while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] != Self.lessThan else { return nil }
            let byte = bytes[cursor]
            if byte == Self.greaterThan { return (attributes, false, cursor + 1) }
            if byte == Self.slash {
                if cursor + 1 < bytes.count, bytes[cursor + 1] == Self.greaterThan { return (attributes, true, cursor + 2) }
                cursor += 1
                continue
            }
            let nameStart = cursor
            cursor += 1  // the first character may be anything, even '='
            while cursor < bytes.count, !Self.endsAttributeName(bytes[cursor]) { cursor += 1 }
            let attributeName = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
            var value = ""
            if cursor < bytes.count, bytes[cursor] == Self.equals {
                cursor += 1
                while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count else { return nil }
                let quote = bytes[cursor]
                if quote == 0x22 || quote == 0x27 {
                    guard let close = find(quote, from: cursor + 1) else { return nil }
                    value = HTMLEntities.decode(bytes[(cursor + 1)..<close], problems: &ignored)
                    cursor = close + 1
                } else {
                    let valueStart = cursor
                    while cursor < bytes.count, !Self.isSpace(bytes[cursor]), bytes[cursor] != Self.greaterThan, bytes[cursor] != Self.lessThan {
                        cursor += 1
                    }
                    value = HTMLEntities.decode(bytes[valueStart..<cursor], problems: &ignored)
                }
            }
            if attributes[attributeName] == nil { attributes[attributeName] = value }
        }
    }

    /// A tag name (letters, digits, `-`, `_`, `:`), lowercased, and where it ends.
    private func readName(from start: Int) -> (String, Int) {
        var cursor = start
        while cursor < bytes.count, Self.isNameCharacter(bytes[cursor]) { cursor += 1 }
        return (String(decoding: bytes[start..<cursor], as: UTF8.self).lowercased(), cursor)
    }

    /// The first position at or after `start` holding `byte`.
    private mutating func find(_ byte: UInt8, from start: Int) -> Int? {
        if let absent = absentFrom[byte], start >= absent { return nil }
        var cursor = start
        while cursor < bytes.count {
            if bytes[cursor] == byte { return cursor }
            cursor += 1
        }
        absentFrom[byte] = min(absentFrom[byte] ?? .max, start)
        return nil
    }

    /// The first position at or after `start` where `sequence` begins.
    private mutating func find(sequence: [UInt8], from start: Int) -> Int? {
        var cursor = start
        while let candidate = find(sequence[0], from: cursor) {
            if starts(with: sequence, at: candidate) { return candidate }
            cursor = candidate + 1
        }
        return nil
    }

    private func starts(with text: String, at start: Int) -> Bool { starts(with: Array(text.utf8), at: start) }

    private func starts(with sequence: [UInt8], at start: Int) -> Bool {
        guard start + sequence.count <= bytes.count else { return false }
        for (offset, byte) in sequence.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }

    private func startsCaseInsensitive(with sequence: [UInt8], at start: Int) -> Bool {
        guard start + sequence.count <= bytes.count else { return false }
        for (offset, byte) in sequence.enumerated() where Self.lower(bytes[start + offset]) != byte { return false }
        return true
    }

    private static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    private static func endsAttributeName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == slash || byte == greaterThan || byte == equals || byte == lessThan
    }
    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F || byte == 0x3A
    }
}
