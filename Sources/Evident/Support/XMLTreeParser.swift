import CExpat

/// Parses XML bytes into an ``XMLNode`` tree with libexpat.
///
/// Used per record (a PubMed article) or per small file (a MedQuAD page, a PMC article), fed in
/// chunks so the file never has to be in memory as one `String`.
public final class XMLTreeParser {
    private var parser: XML_Parser
    private var stack: [XMLNode] = []
    private var root: XMLNode?
    private var finalChunkFed = false

    /// Creates a parser.
    public init() {
        parser = XML_ParserCreate("UTF-8")
        install()
    }

    deinit { XML_ParserFree(parser) }

    /// A syntax error with its position in the input.
    public struct SyntaxError: Error, CustomStringConvertible {
        /// Line number (1-based) in the parsed input.
        public let line: Int
        /// Column number (1-based).
        public let column: Int
        /// Expat's description.
        public let reason: String
        /// `line L, column C: reason`.
        public var description: String { "XML error at line \(line), column \(column): \(reason)" }
    }

    /// Parses one complete XML document given as bytes.
    public func parse(_ bytes: UnsafeRawBufferPointer) throws -> XMLNode {
        try feed(bytes, isFinal: true)
        return try finish()
    }

    /// Feeds a chunk; call ``finish()`` after the last one.
    public func feed(_ bytes: UnsafeRawBufferPointer, isFinal: Bool = false) throws {
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        if XML_Parse(parser, base, Int32(bytes.count), isFinal ? 1 : 0) == XML_STATUS_ERROR {
            let error = currentError()
            reset()
            throw error
        }
        if isFinal { finalChunkFed = true }
    }

    /// Returns the finished tree and resets the parser for the next document.
    public func finish() throws -> XMLNode {
        defer { reset() }
        if !finalChunkFed, XML_Parse(parser, nil, 0, 1) == XML_STATUS_ERROR { throw currentError() }
        guard let root else { throw SyntaxError(line: 1, column: 1, reason: "no root element") }
        return root
    }

    private func currentError() -> SyntaxError {
        SyntaxError(
            line: Int(XML_GetCurrentLineNumber(parser)),
            column: Int(XML_GetCurrentColumnNumber(parser)) + 1,
            reason: String(cString: XML_ErrorString(XML_GetErrorCode(parser)))
        )
    }

    private func reset() {
        XML_ParserReset(parser, "UTF-8")
        stack.removeAll(keepingCapacity: true)
        root = nil
        finalChunkFed = false
        install()
    }

    private func install() {
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetElementHandler(parser, { userData, name, attributes in
            let me = Unmanaged<XMLTreeParser>.fromOpaque(userData!).takeUnretainedValue()
            var attrs: [String: String] = [:]
            if var cursor = attributes {
                while let key = cursor.pointee, let value = cursor.advanced(by: 1).pointee {
                    attrs[String(cString: key)] = String(cString: value)
                    cursor = cursor.advanced(by: 2)
                }
            }
            let node = XMLNode(name: String(cString: name!), attributes: attrs)
            me.stack.last?.append(.element(node))
            if me.stack.isEmpty { me.root = node }
            me.stack.append(node)
        }, { userData, _ in
            let me = Unmanaged<XMLTreeParser>.fromOpaque(userData!).takeUnretainedValue()
            me.stack.removeLast()
        })
        XML_SetCharacterDataHandler(parser) { userData, text, length in
            let me = Unmanaged<XMLTreeParser>.fromOpaque(userData!).takeUnretainedValue()
            guard let current = me.stack.last, let text else { return }
            let buffer = UnsafeRawBufferPointer(start: text, count: Int(length))
            current.append(.text(String(decoding: buffer, as: UTF8.self)))
        }
    }
}
