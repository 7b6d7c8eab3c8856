/// An element of a parsed HTML fragment.
final class HTMLElement {
    /// A child: an element or decoded text.
    enum Child {
        case element(HTMLElement)
        case text(String)
    }

    /// The tag name, lowercased (`#fragment` for the root).
    let name: String
    /// Attributes by lowercased name, values decoded.
    let attributes: [String: String]
    /// Children in document order.
    fileprivate(set) var children: [Child] = []

    init(name: String, attributes: [String: String] = [:]) {
        self.name = name
        self.attributes = attributes
    }
}

/// Builds an element tree from HTML the way a forgiving browser would, reporting what it had
/// to repair: optional end tags (`</p>`, `</li>`, `</td>`, `</tr>`) may be left out, a block
/// start closes an open paragraph, an end tag closes the elements left open inside it (each
/// one that needed its own end tag is reported), an end tag with nothing to close is reported
/// and ignored, and elements still open at the end are reported.
enum HTMLTreeBuilder {
    /// Elements nested deeper than this are ignored (so that walking the tree cannot exhaust
    /// the stack, whatever the input).
    static let maximumDepth = 100

    /// Elements that never have content.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
    /// Elements whose end tag may be left out.
    static let optionalEnd: Set<String> = ["p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup", "caption", "html", "head", "body"]
    /// Elements whose start closes an open paragraph.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "div", "dl", "fieldset", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    ]
    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Parses `bytes` (UTF-8 HTML) into a tree rooted at a `#fragment` element.
    static func build(_ bytes: [UInt8], problems: inout [HTMLProblem]) -> HTMLElement {
        let root = HTMLElement(name: "#fragment")
        var stack = [root]
        var ignoredDepth = 0
        var tokenizer = HTMLTokenizer(bytes)

        /// Closes the innermost open element named in `names`, unless a `boundary` element is
        /// met first; elements above it that needed an end tag are reported.
        func close(_ names: Set<String>, within boundary: Set<String>, by tag: String) {
            guard let index = stack.indices.dropFirst().reversed().first(where: { names.contains(stack[$0].name) || boundary.contains(stack[$0].name) }),
                  names.contains(stack[index].name) else { return }
            for element in stack[(index + 1)...] where !optionalEnd.contains(element.name) {
                problems.append(HTMLProblem(.unclosedElement, "<\(element.name)> (closed by \(tag))"))
            }
            stack.removeSubrange(index...)
        }

        while let token = tokenizer.next(problems: &problems) {
            switch token {
            case .text(let range):
                stack[stack.count - 1].children.append(.text(HTMLEntities.decode(bytes[range], problems: &problems)))
            case .startTag(let name, let attributes, let selfClosing):
                let tag = "<\(name)>"
                if closesParagraph.contains(name) { close(["p"], within: ["table", "td", "th", "caption", "button", "object"], by: tag) }
                if headings.contains(name), let current = stack.last, headings.contains(current.name) { close(headings, within: [], by: tag) }
                switch name {
                case "li": close(["li"], within: ["ul", "ol", "table", "td", "th"], by: tag)
                case "dt", "dd": close(["dt", "dd"], within: ["dl", "table", "td", "th"], by: tag)
                case "tr": close(["tr"], within: ["table", "thead", "tbody", "tfoot"], by: tag)
                case "td", "th": close(["td", "th"], within: ["tr", "table"], by: tag)
                case "thead", "tbody", "tfoot": close(["thead", "tbody", "tfoot"], within: ["table"], by: tag)
                default: break
                }
                let element = HTMLElement(name: name, attributes: attributes)
                if voidElements.contains(name) || selfClosing {
                    stack[stack.count - 1].children.append(.element(element))
                } else if stack.count > maximumDepth {
                    if ignoredDepth == 0 { problems.append(HTMLProblem(.tooDeep, "<\(name)> at depth \(stack.count)")) }
                    ignoredDepth += 1
                } else {
                    stack[stack.count - 1].children.append(.element(element))
                    stack.append(element)
                }
            case .endTag(let name):
                if voidElements.contains(name) { continue }
                guard let index = stack.indices.dropFirst().reversed().first(where: { stack[$0].name == name }) else {
                    if ignoredDepth > 0 { ignoredDepth -= 1 } else { problems.append(HTMLProblem(.strayEndTag, "</\(name)>")) }
                    continue
                }
                for element in stack[(index + 1)...] where !optionalEnd.contains(element.name) {
                    problems.append(HTMLProblem(.unclosedElement, "<\(element.name)> (closed by </\(name)>)"))
                }
                stack.removeSubrange(index...)
            }
        }
        for element in stack.dropFirst() where !optionalEnd.contains(element.name) {
            problems.append(HTMLProblem(.unclosedElement, "<\(element.name)>"))
        }
        return root
    }
}
