/// Structured text from an HTML fragment: headings with levels, paragraphs, list items and
/// table rows, every character reference decoded, whitespace normalised, no markup left.
///
/// Written for guideline summaries, whose HTML is a field's worth of `<p>`, `<ul>`/`<ol>`,
/// `<table>`, `<strong>`, `<em>` and underlined `<span>`s, not always well formed. Reading
/// never fails: what cannot be parsed is kept as text and reported in ``problems``.
///
/// - Headings: `<h1>`–`<h6>`, and paragraphs whose every letter and digit is bold, underlined
///   or italic (``HTMLHeadingRule``). Levels rank within the fragment: `<h1>` … `<h6>`, then
///   underlined and bold, underlined, bold and italic, bold, italic; level 1 is the highest
///   present.
/// - List items: one line each. A nested list keeps its lead-in: its items read
///   "lead-in: item", the lead-in being the parent item's text before the nested list (or a
///   paragraph ending with ":" right before a top-level list: "Offer 1 or more of the
///   following: Offloading").
/// - Table rows: "first cell: other cells joined by '; '" (as ``MarkdownSections`` writes
///   them). A header row (`<th>` cells, `<thead>`, or a first row all in bold) labels the other
///   cells of rows with three or more columns ("CT abdomen: Rating: 9; Comments: …"); footer
///   cells become lines of their own. A cell's own paragraphs and items are joined in one line.
/// - Images are their `alt` text (ACR's radiation-level "radioactive" symbols become ☢).
public struct HTMLText: Sendable {
    /// One block of text.
    public struct Block: Equatable, Hashable, Sendable {
        /// What a block is.
        public enum Kind: Equatable, Hashable, Sendable {
            /// A heading; level 1 is the highest in the fragment.
            case heading(level: Int)
            case paragraph
            /// A list item; depth 1 for a top-level list.
            case listItem(depth: Int)
            case tableRow
        }

        public var kind: Kind
        /// The text, on one line.
        public var text: String

        /// Creates a block.
        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// A hyperlink in the fragment.
    public struct Link: Equatable, Hashable, Sendable {
        /// The `href` as written (decoded).
        public var href: String
        /// The link's text.
        public var text: String
    }

    /// The blocks in document order.
    public var blocks: [Block]
    /// Every `<a href>`, in order.
    public var links: [Link]
    /// What had to be repaired or could not be read (at most ``maximumProblems``).
    public var problems: [HTMLProblem]

    /// Problems kept per fragment (a badly broken input repeats the same few).
    public static let maximumProblems = 50

    /// Parses an HTML fragment given as a string.
    public init(html: String) {
        self.init(bytes: Array(html.utf8))
    }

    /// Parses an HTML fragment given as UTF-8 bytes (invalid sequences read as U+FFFD).
    public init(bytes: [UInt8]) {
        var problems: [HTMLProblem] = []
        let root = HTMLTreeBuilder.build(bytes, problems: &problems)
        var walker = HTMLBlockWalker()
        let raw = walker.flow(root.children, style: [], headingsAllowed: true)
        blocks = HTMLHeadingRule.assignLevels(raw)
        links = walker.links
        var unique: [HTMLProblem] = []
        var seen: Set<HTMLProblem> = []
        for problem in problems where seen.insert(problem).inserted {
            unique.append(problem)
            if unique.count == Self.maximumProblems { break }
        }
        self.problems = unique
    }

    /// The text of every block that is not a heading, one line each.
    public var lines: [String] {
        blocks.compactMap { if case .heading = $0.kind { nil } else { $0.text } }
    }

    /// All blocks' text, one line each (headings included), joined by newlines.
    public var plainText: String { blocks.map(\.text).joined(separator: "\n") }
}
