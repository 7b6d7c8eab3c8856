/// A small, immutable XML element tree built for one record (a PubMed article, a MedQuAD page).
///
/// Records are small, so a tree is simpler and no slower than event handling, while the file
/// as a whole is still streamed record by record.
public final class XMLNode: @unchecked Sendable {
    /// The element name as written (namespace prefix kept).
    public let name: String
    /// Attributes by name.
    public let attributes: [String: String]
    /// Child nodes in document order; text appears as ``Child/text``.
    public fileprivate(set) var children: [Child] = []

    /// A child of an element: another element or a run of text.
    public enum Child {
        case element(XMLNode)
        case text(String)
    }

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Child elements, in order.
    public var elements: [XMLNode] {
        children.compactMap { if case .element(let node) = $0 { node } else { nil } }
    }

    /// The first child element with this name.
    public func child(_ name: String) -> XMLNode? {
        for case .element(let node) in children where node.name == name { return node }
        return nil
    }

    /// All child elements with this name.
    public func children(_ name: String) -> [XMLNode] {
        elements.filter { $0.name == name }
    }

    /// Follows a path of child names ("Article/Journal/Title").
    public func path(_ path: String) -> XMLNode? {
        var node: XMLNode? = self
        for part in path.split(separator: "/") { node = node?.child(String(part)) }
        return node
    }

    /// All descendants (depth-first) with this name.
    public func descendants(_ name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        func walk(_ node: XMLNode) {
            for case .element(let child) in node.children {
                if child.name == name { found.append(child) }
                walk(child)
            }
        }
        walk(self)
        return found
    }

    /// All text below this element, concatenated in document order.
    public var text: String {
        var out = ""
        func walk(_ node: XMLNode) {
            for child in node.children {
                switch child {
                case .text(let text): out += text
                case .element(let element): walk(element)
                }
            }
        }
        walk(self)
        return out
    }

    /// The text with runs of whitespace collapsed to single spaces and trimmed.
    public var normalizedText: String { text.collapsingWhitespace }

    func append(_ child: Child) {
        if case .text(let text) = child, case .text(let previous)? = children.last {
            children[children.count - 1] = .text(previous + text)
        } else {
            children.append(child)
        }
    }
}
