/// Something wrong with an HTML fragment that ``HTMLText`` read around: the text is kept, the
/// problem is reported so that an importer can name it.
public struct HTMLProblem: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public enum Kind: String, Sendable, Hashable {
        /// `&name;` with a name HTML does not define (kept as written).
        case unknownEntity = "unknown entity"
        /// `&#0;`, a surrogate or a number past U+10FFFF (replaced by U+FFFD).
        case invalidCharacterReference = "invalid character reference"
        /// An element whose end tag never comes (`<strong>` never closed).
        case unclosedElement = "unclosed element"
        /// An end tag with no open element of that name.
        case strayEndTag = "stray end tag"
        /// A `<` that starts a tag which never ends (read as text).
        case unterminatedTag = "unterminated tag"
        /// A `<!--` without `-->` (the rest of the input is the comment).
        case unterminatedComment = "unterminated comment"
        /// Elements nested deeper than ``HTMLTreeBuilder/maximumDepth`` (the deeper tags are ignored).
        case tooDeep = "nesting too deep"
    }

    /// The kind of problem.
    public var kind: Kind
    /// The offending markup as written: `&foo;`, `<strong>`, `</em>`.
    public var detail: String

    /// Creates a problem.
    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// True for problems of tag structure (as opposed to character references).
    public var isUnbalancedMarkup: Bool {
        switch kind {
        case .unclosedElement, .strayEndTag, .unterminatedTag, .unterminatedComment, .tooDeep: true
        case .unknownEntity, .invalidCharacterReference: false
        }
    }

    /// `unknown entity &foo;`, `unclosed element <strong>`.
    public var description: String { "\(kind.rawValue) \(detail)" }
}
