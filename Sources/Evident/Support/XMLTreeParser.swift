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
    /// Names of elements whose whole subtree is dropped (never built).
    private let skipped: Set<String>
    /// Depth inside a skipped subtree (0 when building).
    private var skipDepth = 0
    /// Character data not yet attached to the current element.
    private var pendingText: [UInt8] = []

    /// Creates a parser that drops the subtrees of the `skipping` elements, which saves building
    /// nodes for parts of a record that are never read (reference lists, affiliations).
    public init(skipping: Set<String> = []) {
        parser = XML_ParserCreate("UTF-8")
        skipped = skipping
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
        pendingText.removeAll(keepingCapacity: true)
        skipDepth = 0
        root = nil
        finalChunkFed = false
        install()
    }

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        stack.last?.append(.text(String(decoding: pendingText, as: UTF8.self)))
        pendingText.removeAll(keepingCapacity: true)
    }

    private func startElement(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>?) {
        if skipDepth > 0 { skipDepth += 1; return }
        let elementName = String(cString: name)
        if skipped.contains(elementName) { skipDepth = 1; return }
        flushText()
        var attrs: [String: String] = [:]
        if var cursor = attributes {
            while let key = cursor.pointee, let value = cursor.advanced(by: 1).pointee {
                attrs[String(cString: key)] = String(cString: value)
                cursor = cursor.advanced(by: 2)
            }
        }
        let node = XMLNode(name: elementName, attributes: attrs)
        stack.last?.append(.element(node))
        if stack.isEmpty { root = node }
        stack.append(node)
    }

    private func endElement() {
        if skipDepth > 0 { skipDepth -= 1; return }
        flushText()
        stack.removeLast()
    }

    private func characters(_ text: UnsafePointer<CChar>, _ length: Int32) {
        guard skipDepth == 0, !stack.isEmpty else { return }
        text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            pendingText.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    private func install() {
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetElementHandler(parser, { userData, name, attributes in
            Unmanaged<XMLTreeParser>.fromOpaque(userData!).takeUnretainedValue().startElement(name!, attributes)
        }, { userData, _ in
            Unmanaged<XMLTreeParser>.fromOpaque(userData!).takeUnretainedValue().endElement()
        })
        XML_SetCharacterDataHandler(parser) { userData, text, length in
            guard let text else { return }
            Unmanaged<XMLTreeParser>.fromOpaque(userData!).takeUnretainedValue().characters(text, length)
        }
    }
}
