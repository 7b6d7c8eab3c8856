/// Decides which paragraphs of a guideline summary are headings, and ranks heading styles.
///
/// Summaries mark headings by styling a whole paragraph:
/// `<p><strong><span style="text-decoration: underline;">Blepharospasm</span></strong></p>`
/// above `<p><strong>Recommendations</strong></p>` above `<p><em>Recommendations</em></p>`.
/// A paragraph is a heading when every run holding a letter or digit shares a style (so a
/// trailing unstyled colon does not matter), unless it reads like a styled remark rather than
/// a title: longer than 250 characters, opening with `(` or `[` (a grade such as
/// "(Weak For)"), or a sentence ending in "." without a "Label:" in its first 60 characters
/// (ACR's "Variant 2: Stable patient." is a heading; "Recommendation based on observational
/// studies." is not).
enum HTMLHeadingRule {
    /// Style ranks: `<h1>`–`<h6>` are 0–5; then these, highest first.
    static let underlinedBold = 10, underlined = 11, boldItalic = 12, bold = 13, italic = 14

    /// The rank of a paragraph's heading style, or nil when it is not a heading.
    static func rank(text: String, runs: [(text: String, style: InlineStyle)]) -> Int? {
        guard text.utf8.count <= 1_000, text.count <= 250, let first = text.first, first != "(", first != "[" else { return nil }
        guard text.contains(where: \.isLetter) else { return nil }
        if text.hasSuffix(".") {
            guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) < 60 else { return nil }
        }
        var common: InlineStyle?
        for run in runs where hasWordCharacters(run.text) {
            common = common.map { $0.intersection(run.style) } ?? run.style
            if common == [] { return nil }
        }
        guard let style = common else { return nil }
        if style.contains(.underline) { return style.contains(.bold) ? underlinedBold : underlined }
        if style.contains(.bold) { return style.contains(.italic) ? boldItalic : bold }
        return style.contains(.italic) ? italic : nil
    }

    /// A heading's text without a trailing colon.
    static func headingText(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == ":" || last == " " { text = text.dropLast() }
        return text.isEmpty ? "" : String(text)
    }

    /// True if the text holds a letter or digit.
    static func hasWordCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// Replaces heading ranks by levels: the highest rank present is level 1, the next 2, ...
    static func assignLevels(_ blocks: [HTMLText.Block]) -> [HTMLText.Block] {
        var ranks: Set<Int> = []
        for block in blocks { if case .heading(let rank) = block.kind { ranks.insert(rank) } }
        guard !ranks.isEmpty else { return blocks }
        let levels = Dictionary(uniqueKeysWithValues: ranks.sorted().enumerated().map { ($0.element, $0.offset + 1) })
        return blocks.compactMap { block in
            guard case .heading(let rank) = block.kind else { return block }
            return block.text.isEmpty ? nil : HTMLText.Block(.heading(level: levels[rank]!), block.text)
        }
    }
}
