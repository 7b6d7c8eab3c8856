/// One ordered section of a document: an abstract section, an article section, a guideline
/// heading's text, or an answer on an institute page.
public struct Passage: Codable, Sendable, Hashable {
    /// The section label as the source gives it: BACKGROUND, RESULTS, CONCLUSIONS, or a MedQuAD
    /// answer type such as "causes" or "treatment". Nil where the source has none.
    public var label: String?
    /// The heading path for documents organised under headings ("Treatment > First-line").
    public var heading: String?
    /// The passage's text, whitespace-normalised.
    public var text: String

    /// Creates a passage.
    public init(label: String? = nil, heading: String? = nil, text: String) {
        self.label = label
        self.heading = heading
        self.text = text
    }
}
