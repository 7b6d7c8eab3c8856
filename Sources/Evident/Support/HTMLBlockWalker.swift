/// Bold, italic and underline, as inline markup sets them.
struct InlineStyle: OptionSet, Hashable {
    let rawValue: UInt8
    static let bold = InlineStyle(rawValue: 1)
    static let italic = InlineStyle(rawValue: 2)
    static let underline = InlineStyle(rawValue: 4)

    /// The style an element adds (`<strong>`, `<em>`, `<u>`, `style="text-decoration: underline"`).
    init(of element: HTMLElement) {
        var style: InlineStyle = []
        switch element.name {
        case "strong", "b": style.insert(.bold)
        case "em", "i", "cite": style.insert(.italic)
        case "u", "ins": style.insert(.underline)
        default: break
        }
        if let css = element.attributes["style"]?.lowercased() {
            if css.containsBytes("underline") { style.insert(.underline) }
            if css.containsBytes("font-weight: bold") || css.containsBytes("font-weight:bold") || css.containsBytes("font-weight: 700") { style.insert(.bold) }
            if css.containsBytes("italic") { style.insert(.italic) }
        }
        self = style
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }
}

/// Walks an ``HTMLElement`` tree into ``HTMLText/Block``s (headings carry their style rank
/// until ``HTMLHeadingRule/assignLevels(_:)`` turns ranks into levels).
struct HTMLBlockWalker {
    /// Links met on the way.
    private(set) var links: [HTMLText.Link] = []

    private static let blockElements: Set<String> = [
        "p", "div", "blockquote", "center", "section", "article", "aside", "header", "footer", "main", "nav",
        "address", "figure", "figcaption", "pre", "dl", "dt", "dd", "form", "fieldset", "caption", "hr", "br",
        "tr", "td", "th", "thead", "tbody", "tfoot", "body", "html",
    ]
    private static let listElements: Set<String> = ["ul", "ol", "menu", "dir"]
    private static let headingRanks: [String: Int] = ["h1": 0, "h2": 1, "h3": 2, "h4": 3, "h5": 4, "h6": 5]

    /// Where text is being collected.
    private struct Context {
        enum Mode { case flow, item, cell }
        let mode: Mode
        /// Depth of the list this context is inside (0 outside lists).
        let depth: Int
        /// Prefix for the items of lists met in this context (an item's own lead-in).
        let leadIn: String?
        /// Flow: the output. Item: blocks of nested lists and tables. Cell: unused.
        var blocks: [HTMLText.Block] = []
        /// Item and cell: their own lines of text.
        var own: [String] = []
        var runs: [(text: String, style: InlineStyle)] = []
        /// Cell: false once a run with letters or digits is not bold.
        var allBold = true
        var sawText = false
        /// Flow: the paragraph just written when it ends with ":" and nothing followed it yet;
        /// a list right after it takes it as its lead-in.
        var pendingLeadIn: String?

        init(_ mode: Mode, depth: Int, leadIn: String?) {
            self.mode = mode
            self.depth = depth
            self.leadIn = leadIn
        }

        /// Ends the current paragraph; in flow, a fully styled one may be a heading.
        mutating func flush(headingRank: Int? = nil) {
            defer { runs.removeAll(keepingCapacity: true) }
            let text = HTMLTextCleanup.clean(runs.map(\.text).joined())
            guard !text.isEmpty else { return }
            pendingLeadIn = nil
            switch mode {
            case .flow:
                if let headingRank {
                    blocks.append(HTMLText.Block(.heading(level: headingRank), HTMLHeadingRule.headingText(text)))
                } else if let rank = HTMLHeadingRule.rank(text: text, runs: runs) {
                    blocks.append(HTMLText.Block(.heading(level: rank), HTMLHeadingRule.headingText(text)))
                } else {
                    blocks.append(HTMLText.Block(.paragraph, text))
                    if text.hasSuffix(":") { pendingLeadIn = text }
                }
            case .item, .cell:
                own.append(text)
            }
        }

        /// Adds lines produced by a nested list or table.
        mutating func add(_ produced: [HTMLText.Block]) {
            pendingLeadIn = nil
            switch mode {
            case .flow, .item: blocks += produced
            case .cell: own += produced.map(\.text)
            }
        }
    }

    /// Blocks of a sequence of nodes read as a document's flow.
    mutating func flow(_ children: [HTMLElement.Child], style: InlineStyle, headingsAllowed: Bool) -> [HTMLText.Block] {
        var context = Context(headingsAllowed ? .flow : .cell, depth: 0, leadIn: nil)
        walk(children, style: style, into: &context)
        context.flush()
        return headingsAllowed ? context.blocks : context.own.map { HTMLText.Block(.paragraph, $0) }
    }

    private mutating func walk(_ children: [HTMLElement.Child], style: InlineStyle, into context: inout Context) {
        for child in children {
            switch child {
            case .text(let text):
                context.runs.append((text, style))
                if context.mode == .cell, HTMLHeadingRule.hasWordCharacters(text) {
                    context.sawText = true
                    if !style.contains(.bold) { context.allBold = false }
                }
            case .element(let element):
                visit(element, style: style, into: &context)
            }
        }
    }

    private mutating func visit(_ element: HTMLElement, style: InlineStyle, into context: inout Context) {
        let name = element.name
        let inner = style.union(InlineStyle(of: element))
        if name == "a", let href = element.attributes["href"] {
            links.append(HTMLText.Link(href: href, text: HTMLTextCleanup.clean(Self.rawText(element))))
        }
        if name == "img" {
            guard let alt = element.attributes["alt"]?.trimmingCharacters(in: .whitespaces), !alt.isEmpty else { return }
            context.runs.append((alt.lowercased().hasPrefix("radioactive") ? "☢" : alt, style))
            return
        }
        if name == "sup", let preceding = context.runs.last?.text,
           FootnoteMarker.isMarker(Self.rawText(element), after: preceding[...]) {
            return
        }
        if let rank = Self.headingRanks[name] {
            context.flush()
            walk(element.children, style: inner, into: &context)
            context.flush(headingRank: rank)
            return
        }
        if Self.listElements.contains(name) {
            context.flush()
            context.add(list(element, style: inner, depth: context.depth + 1, leadIn: leadIn(for: context)))
            return
        }
        if name == "li" {
            context.flush()
            context.add(item(element.children, style: inner, depth: context.depth + 1, leadIn: leadIn(for: context)))
            return
        }
        if name == "table" {
            context.flush()
            context.add(table(element, style: inner))
            return
        }
        if Self.blockElements.contains(name) {
            context.flush()
            walk(element.children, style: inner, into: &context)
            context.flush()
            return
        }
        walk(element.children, style: inner, into: &context)
    }

    /// The prefix for items of a list met inside `context`: in an item, its text so far; in
    /// the flow, a paragraph ending with ":" just before the list.
    private func leadIn(for context: Context) -> String? {
        if context.mode == .flow { return context.pendingLeadIn }
        guard context.mode == .item else { return context.leadIn }
        let own = (context.own + [HTMLTextCleanup.clean(context.runs.map(\.text).joined())]).filter { !$0.isEmpty }.joined(separator: " ")
        return own.isEmpty ? context.leadIn : Self.prefixed(own, by: context.leadIn)
    }

    /// "lead-in: text" (no second colon when the lead-in ends with one).
    static func prefixed(_ text: String, by leadIn: String?) -> String {
        guard let leadIn, !leadIn.isEmpty else { return text }
        if let last = leadIn.last, ":.?!".contains(last) { return "\(leadIn) \(text)" }
        return "\(leadIn): \(text)"
    }

    /// The items of a list, each followed by its nested lists' items.
    private mutating func list(_ element: HTMLElement, style: InlineStyle, depth: Int, leadIn: String?) -> [HTMLText.Block] {
        var blocks: [HTMLText.Block] = []
        var lastItem: String?
        for child in element.children {
            switch child {
            case .text(let text):
                let cleaned = HTMLTextCleanup.clean(text)
                guard !cleaned.isEmpty else { continue }
                let line = Self.prefixed(cleaned, by: leadIn)
                blocks.append(HTMLText.Block(.listItem(depth: depth), line))
                lastItem = line
            case .element(let child) where Self.listElements.contains(child.name):
                // A list directly inside a list continues the item before it.
                blocks += list(child, style: style.union(InlineStyle(of: child)), depth: depth + 1, leadIn: lastItem ?? leadIn)
            case .element(let child):
                let produced = item(child.name == "li" ? child.children : [.element(child)], style: style.union(InlineStyle(of: child)), depth: depth, leadIn: leadIn)
                if let first = produced.first, first.kind == HTMLText.Block.Kind.listItem(depth: depth) { lastItem = first.text }
                blocks += produced
            }
        }
        return blocks
    }

    /// One list item's line, then the lines of the lists and tables inside it.
    private mutating func item(_ children: [HTMLElement.Child], style: InlineStyle, depth: Int, leadIn: String?) -> [HTMLText.Block] {
        var context = Context(.item, depth: depth, leadIn: leadIn)
        walk(children, style: style, into: &context)
        context.flush()
        let own = context.own.joined(separator: " ")
        guard !own.isEmpty else { return context.blocks }
        return [HTMLText.Block(.listItem(depth: depth), Self.prefixed(own, by: leadIn))] + context.blocks
    }

    /// A table's rows as lines (see ``HTMLText`` for the conventions).
    private mutating func table(_ element: HTMLElement, style: InlineStyle) -> [HTMLText.Block] {
        var rows: [HTMLTableRows.Row] = []
        var captions: [String] = []
        func collect(_ node: HTMLElement, section: String) {
            for case .element(let child) in node.children {
                switch child.name {
                case "tr": rows.append(row(child, style: style, section: section))
                case "thead", "tbody", "tfoot": collect(child, section: child.name)
                case "caption", "colgroup", "col":
                    let text = HTMLTextCleanup.clean(Self.rawText(child))
                    if !text.isEmpty { captions.append(text) }
                default:
                    // Stray content inside a table (not a row): keep its text as a line.
                    let text = flow([.element(child)], style: style, headingsAllowed: false).map(\.text).joined(separator: " ")
                    if !text.isEmpty { rows.append(HTMLTableRows.Row(cells: [text], header: false, footer: false, bold: false)) }
                }
            }
        }
        collect(element, section: "tbody")
        return captions.map { HTMLText.Block(.paragraph, $0) } + HTMLTableRows.lines(rows).map { HTMLText.Block(.tableRow, $0) }
    }

    private mutating func row(_ element: HTMLElement, style: InlineStyle, section: String) -> HTMLTableRows.Row {
        var cells: [String] = []
        var allHeaderCells = true
        var allBold = true
        for child in element.children {
            switch child {
            case .element(let cell) where cell.name == "td" || cell.name == "th":
                if cell.name == "td" { allHeaderCells = false }
                let (text, bold) = self.cell(cell.children, style: style.union(InlineStyle(of: cell)))
                if !text.isEmpty && !bold { allBold = false }
                cells.append(text)
            case .element(let other):
                let (text, _) = cell([.element(other)], style: style)
                if !text.isEmpty { cells.append(text); allHeaderCells = false; allBold = false }
            case .text(let text):
                let cleaned = HTMLTextCleanup.clean(text)
                if !cleaned.isEmpty { cells.append(cleaned); allHeaderCells = false; allBold = false }
            }
        }
        return HTMLTableRows.Row(
            cells: cells, header: section == "thead" || (allHeaderCells && !cells.isEmpty),
            footer: section == "tfoot", bold: allBold && cells.contains { !$0.isEmpty })
    }

    /// A cell's text on one line, and whether all of it is bold.
    private mutating func cell(_ children: [HTMLElement.Child], style: InlineStyle) -> (String, Bool) {
        var context = Context(.cell, depth: 0, leadIn: nil)
        walk(children, style: style, into: &context)
        context.flush()
        var text = ""
        for line in context.own {
            if let last = text.last { text += ".:;!?".contains(last) ? " " : "; " }
            text += line
        }
        return (text, context.sawText && context.allBold)
    }

    /// All text below an element, unformatted.
    static func rawText(_ element: HTMLElement) -> String {
        var out = ""
        for child in element.children {
            switch child {
            case .text(let text): out += text
            case .element(let inner): out += " " + rawText(inner) + " "
            }
        }
        return out
    }
}
