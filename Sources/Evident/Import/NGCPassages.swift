/// Cuts a summary field's text blocks into passages at its headings.
///
/// Each passage's `heading` is the path of headings above it joined by " > " (for fields other
/// than "Major Recommendations" the field's name comes first), its text one line per
/// paragraph, list item or table row. In "Major Recommendations", the definitions of grades
/// (``NGCDefinitions``) become passages labelled `definitions`, and a line that only states a
/// grade ("(Weak For)") joins the recommendation line before it.
struct NGCPassages {
    /// Label of grade definitions (never statements; the answer composer looks grades up there).
    static let definitionsLabel = "definitions"
    /// Label of the recommendations.
    static let recommendationsLabel = "recommendations"

    private let label: String
    private let headingPrefix: [String]
    private(set) var passages: [Passage] = []
    private var path: [(level: Int, text: String)] = []
    private var lines: [String] = []
    private var notes: [String] = []
    /// The level of the heading that opened the current grade definitions.
    private var definitions: Int?

    /// Starts a field's passages: `label` for its text, `headingPrefix` before its inner headings.
    init(label: String, headingPrefix: [String] = []) {
        self.label = label
        self.headingPrefix = headingPrefix
    }

    private var isRecommendations: Bool { label == Self.recommendationsLabel }

    /// Adds one HTML value's blocks (heading levels are those of this value).
    mutating func add(_ blocks: [HTMLText.Block]) {
        flush()
        path = []
        definitions = nil
        for block in blocks {
            switch block.kind {
            case .heading(let level):
                if isRecommendations, definitions == nil, NGCGradeLines.isGradeRemark(block.text) {
                    add(line: block.text)
                } else {
                    heading(level: level, text: block.text)
                }
            case .paragraph, .listItem, .tableRow:
                add(line: block.text)
            }
        }
        flush()
    }

    private mutating func heading(level: Int, text: String) {
        flush()
        if let opened = definitions, level <= opened {
            definitions = NGCDefinitions.continuesDefinitions(text) ? level : nil
        }
        path.removeAll { $0.level >= level }
        path.append((level, text))
        if isRecommendations, definitions == nil, NGCDefinitions.opensDefinitions(text) { definitions = level }
    }

    private mutating func add(line: String) {
        guard isRecommendations, definitions == nil else { lines.append(line); return }
        if NGCDefinitions.isPointerToDefinitions(line) {
            notes.append(line)
        } else if NGCGradeLines.isGradeRemark(line), let last = lines.last, !last.hasSuffix(":") {
            lines[lines.count - 1] = last + " " + line
        } else {
            lines.append(line)
        }
    }

    private mutating func flush() {
        let components = headingPrefix + path.map(\.text)
        let heading = components.isEmpty ? nil : components.joined(separator: " > ")
        if !lines.isEmpty {
            let passageLabel = isRecommendations && definitions != nil ? Self.definitionsLabel : label
            passages.append(Passage(label: passageLabel, heading: heading, text: lines.joined(separator: "\n")))
        }
        if !notes.isEmpty {
            passages.append(Passage(label: Self.definitionsLabel, heading: heading, text: notes.joined(separator: "\n")))
        }
        lines = []
        notes = []
    }
}
