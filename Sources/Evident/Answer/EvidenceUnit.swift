/// A piece of a passage that could become a statement, with the context its source gives it.
///
/// Its `quote` is an exact substring of the passage; `text` (and each list item) is an exact
/// substring of the quote, so every statement can be found word for word in its source.
struct EvidenceUnit {
    enum Kind {
        /// A sentence of a paragraph.
        case sentence
        /// A line under a lead-in that ends with a colon ("The following agents should not be used:").
        case listItem
        /// A table row "Header: cells" (``MarkdownSections`` and the NGC importer write rows so).
        case tableRow
        /// An inline list "Lead-in - a - b - c" (NIH pages write lists so).
        case inlineList
    }

    var kind: Kind
    /// Exact text of the passage this unit stands on.
    var quote: Substring
    /// The statement text: the quote, or the part after a row header or label.
    var text: Substring
    /// List items (``Kind/inlineList``), each an exact substring of the quote.
    var items: [Substring] = []
    /// The lead-in line of a list item.
    var leadIn: Substring?
    /// A table row's header cell, or an inline label ("CONCLUSIONS", "Dose").
    var rowHeader: Substring?
    /// Which line of the passage it comes from (list items of one list share a lead-in line).
    var line: Int
    /// True for a list of alternatives, one line each ("Amoxicillin 1 g …; OR" / "Doxycycline
    /// 100 mg …; OR" / "Azithromycin …"): two items are already a whole answer.
    var alternatives = false
}

/// Cuts passages into ``EvidenceUnit``s: lines (list items under a lead-in, table rows), inline
/// lists, and sentences of paragraphs; inline abstract labels ("CONCLUSIONS AND RELEVANCE") and
/// row headers are split off as context.
enum EvidenceUnits {
    /// Labels written inline at the start of an abstract section ("OBJECTIVE To assess…"), a
    /// longer label before the shorter one it begins with ("EXPOSURE MEASURES" before "EXPOSURE").
    static let inlineLabels = [
        "CONCLUSIONS AND RELEVANCE", "MAIN OUTCOMES AND MEASURES", "MAIN OUTCOME MEASURES", "EXPOSURE MEASURES", "OUTCOME MEASURES", "OUTCOME MEASURE", "DESIGN, SETTING, AND PARTICIPANTS",
        "MATERIALS AND METHODS", "METHODS AND FINDINGS", "METHODS AND RESULTS", "STUDY DESIGN", "BACKGROUND AND AIMS",
        "BACKGROUND", "OBJECTIVES", "OBJECTIVE", "METHODS", "METHOD", "RESULTS", "RESULT", "CONCLUSIONS", "CONCLUSION", "DESIGN",
        "SETTING", "SETTINGS", "PARTICIPANTS", "PATIENTS", "INTERVENTIONS", "INTERVENTION", "IMPORTANCE", "PURPOSE", "AIMS", "AIM",
        "FINDINGS", "INTERPRETATION", "CONTEXT", "EXPOSURES", "EXPOSURE", "MEASUREMENTS", "INTRODUCTION", "SUMMARY",
        "SIGNIFICANCE", "LIMITATIONS", "DISCUSSION", "TRIAL REGISTRATION", "FUNDING", "MEASURES",
    ]

    /// The units of a passage's text.
    static func units(of text: String) -> [EvidenceUnit] {
        var units: [EvidenceUnit] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var leadIn: Substring?
        var leadInLine = -1
        for (number, rawLine) in lines.enumerated() {
            let line = withoutAttribution(rawLine.trimmingWhitespace)
            if line.isEmpty { leadIn = nil; continue }
            // A rare-disease page's flattened signs-and-symptoms table: its rows are a list under
            // the table's own title ("Signs and Symptoms"); the page's title names the disease.
            if let table = PhenotypeTable.parse(line) {
                appendSentences(line[line.startIndex..<table.range.lowerBound], line: number, to: &units)
                let title = line[table.range.lowerBound...].prefix(PhenotypeTable.title.count)
                units.append(EvidenceUnit(kind: .inlineList, quote: line, text: title, items: table.rows, line: number))
                appendSentences(line[table.range.upperBound...], line: number, to: &units)
                leadIn = nil
                continue
            }
            // An inline list: "Symptoms include - a - b - c" (three or more items).
            if line.occurrences(of: " - ") >= 2 || (line.hasPrefix("- ") && line.occurrences(of: " - ") >= 1) {
                let pieces = line.components(separatedByString: " - ")
                var lead = pieces.first ?? line[line.startIndex..<line.startIndex]
                var items = Array(pieces.dropFirst())
                if lead.hasPrefix("- ") { items.insert(lead.dropFirst(2), at: 0); lead = lead[lead.startIndex..<lead.startIndex] }
                items = items.map(\.trimmingWhitespace).filter { !$0.isEmpty }
                items = Self.joiningGlosses(items, in: line)
                // The list ends at the first piece that is prose (a long sentence after the last
                // item); the page goes on in sentences after it ("… - Pain in your jaw and tongue
                // Your doctor will make the diagnosis … Treatment is usually with corticosteroids.").
                var after: Substring?
                if let end = items.firstIndex(where: { $0.wordCount > 15 }), end >= 2 {
                    let (lastItem, prose) = Self.itemAndProse(items[end])
                    after = line[prose.startIndex...]
                    items = Array(items[..<end]) + (lastItem.map { [$0] } ?? [])
                }
                // Of a long lead-in, only its last sentence introduces the list; the sentences
                // before it stand alone.
                var before: Substring?
                if let last = SentenceSplitter.sentences(lead).last, last.endIndex == lead.trimmingWhitespace.endIndex, last.startIndex != lead.startIndex {
                    before = lead[lead.startIndex..<last.startIndex]
                    lead = SourceNoise.isFurniture(last) ? lead[lead.endIndex...] : last
                }
                // A lead-in that runs on (a flattened table's header and first cells) introduces
                // nothing; a whole sentence may be longer ("… four medicines are approved to treat
                // the symptoms of the disease.").
                let wholeSentence = lead.trimmingWhitespace.last.map { ".:".contains($0) } ?? false
                if lead.wordCount > (wholeSentence ? 30 : 14) || lead.containsBytes("%") || lead.containsBytes("Approximate number of patients") { lead = lead[lead.endIndex...] }
                // Long lists are shown in part (each item still word for word).
                if items.count > 15 { items = Array(items.prefix(15)) }
                // Real list items are short and do not continue a clause, and the dashes are not
                // inside parentheses ("(Group I - 24 patients)"); otherwise they are prose.
                let unbalanced = pieces.first.map { $0.occurrences(of: "(") > $0.occurrences(of: ")") } ?? false
                if items.count >= 2, !unbalanced, items.allSatisfy({ $0.wordCount <= 15 && !Self.continuesClause($0) }) {
                    if let before { appendSentences(before, line: number, to: &units) }
                    units.append(EvidenceUnit(kind: .inlineList, quote: line, text: lead.trimmingWhitespace, items: items, line: number))
                    if let after { appendSentences(after, line: number, to: &units) }
                    leadIn = nil
                    continue
                }
            }
            // Under a lead-in that ends with a colon: lines that repeat the lead-in ("Record their:
            // Level of consciousness", as NGC summaries write nested lists) or, where lists were
            // written without it (Markdown), short single-sentence lines are its items.
            if let currentLeadIn = leadIn {
                if line.hasPrefix(currentLeadIn), line.dropFirst(currentLeadIn.count).hasPrefix(": ") {
                    let item = line.dropFirst(currentLeadIn.count + 2).trimmingWhitespace
                    if !item.isEmpty {
                        let (header, rest) = rowSplit(item)
                        units.append(EvidenceUnit(kind: .listItem, quote: line, text: item, leadIn: currentLeadIn, rowHeader: rest == nil ? nil : header, line: number))
                    }
                    leadInLine = number
                    continue
                }
                if line == currentLeadIn || line == currentLeadIn + "." { continue }  // a list's tail repeats its lead-in
                let explicitStyle = units.last?.kind == .listItem && units.last?.leadIn == currentLeadIn && units.last?.quote.hasPrefix(currentLeadIn) == true
                if !explicitStyle, number == leadInLine + 1 || units.last?.kind == .listItem && units.last?.leadIn == currentLeadIn,
                   line.wordCount <= 40, !line.hasSuffix(":"), SentenceSplitter.sentences(line).count <= 1 {
                    // The item without its own list marker ("- Avoid head-to-head contact").
                    let item = Self.withoutListMarker(line)
                    let (header, rest) = rowSplit(item)
                    units.append(EvidenceUnit(kind: .listItem, quote: line, text: rest ?? item, leadIn: currentLeadIn, rowHeader: header, line: number))
                    leadInLine = number
                    continue
                }
            }
            leadIn = nil
            if line.hasSuffix(":") && line.wordCount >= 2 {
                leadIn = line.dropLast()
                leadInLine = number
                continue
            }
            // A table row or labelled line: "Header: cells".
            let (header, rest) = rowSplit(line)
            if let header, let rest, !rest.isEmpty, !isSentenceOpening(header) {
                if rest.wordCount <= 40 || SentenceSplitter.sentences(rest).count <= 1 {
                    units.append(EvidenceUnit(kind: .tableRow, quote: line, text: rest, rowHeader: header, line: number))
                    continue
                }
            }
            appendSentences(line, line: number, to: &units)
        }
        return AlternativeLines.grouped(units, in: text)
    }

    /// The piece of an inline list where the list ends: its short item, if a sentence starts
    /// after it without a stop ("Pain in your jaw and tongue" + "Your doctor will make …": a
    /// lower-case word, then a capitalised one), and the prose.
    static func itemAndProse(_ piece: Substring) -> (item: Substring?, prose: Substring) {
        let words = piece.split(separator: " ")
        for index in words.indices.dropFirst().prefix(15) {
            let previous = words[index - 1], word = words[index]
            guard word.first?.isUppercase == true, word.dropFirst().first?.isLowercase == true, !["I", "I'm", "I've"].contains(word) else { continue }
            // "Don't approach stray animals. Animals with rabies …", "… jaw and tongue Your doctor …"
            let stops = previous.last.map { ".!?".contains($0) } ?? false
            guard stops || previous.last?.isLowercase == true && !Self.wordsBeforeMore.contains(previous.lowercased()) else { continue }
            return (piece[piece.startIndex..<previous.endIndex], piece[word.startIndex...])
        }
        return (nil, piece)
    }

    /// Agencies an institute page names at its end, after its last sentence ("… usually fatal.
    /// Centers for Disease Control and Prevention"): the page's source, not its text.
    static let attributions = [
        "Centers for Disease Control and Prevention", "Agency for Healthcare Research and Quality", "Genetics Home Reference",
        "Office on Women's Health", "Dept. of Health and Human Services", "Food and Drug Administration", "National Library of Medicine",
        "Environmental Protection Agency", "National Institutes of Health",
    ]

    /// A line without the agency names it ends with (``attributions``, "NIH: <institute>").
    static func withoutAttribution(_ line: Substring) -> Substring {
        var line = line
        while true {
            if let name = attributions.first(where: { line.hasSuffix(" " + $0) }) {
                line = line.dropLast(name.count + 1).trimmingWhitespace
            } else if let nih = line.range(of: " NIH: ", options: .backwards), line.distance(from: nih.upperBound, to: line.endIndex) < 100,
                      !line[nih.upperBound...].contains(".") {
                line = line[..<nih.lowerBound].trimmingWhitespace
            } else {
                return line
            }
        }
    }

    /// Words after which a clause goes on ("Problems with Parkinson disease").
    static let wordsBeforeMore: Set<String> = ["with", "of", "the", "and", "in", "to", "for", "a", "an", "or", "by", "on", "from", "as", "at", "called"]

    /// Appends the sentences of a paragraph, with their inline labels split off.
    /// A sentence that opens with a short label ("Children: Dosing: <4 years, 80 mg/kg/day…",
    /// as flattened guideline summaries write a table under the sentence naming its drug) has
    /// the paragraph's last unlabelled sentence as its lead-in: that sentence says what it is about.
    /// A sentence that opens with a pronoun is joined to the one it leans on (``withAntecedent(_:previous:in:)``).
    private static func appendSentences(_ paragraph: Substring, line number: Int, to units: inout [EvidenceUnit]) {
        var lastUnlabelled: Substring?
        var previous: Substring?
        for sentence in SentenceSplitter.sentences(paragraph) {
            defer { previous = sentence }
            let (label, body) = inlineLabel(sentence)
            var unit = EvidenceUnit(kind: .sentence, quote: sentence, text: body, rowHeader: label, line: number)
            let header = label == nil ? rowSplit(sentence).0 : nil
            if let header, header.wordCount <= 3, !isSentenceOpening(header) {
                unit.leadIn = lastUnlabelled
            } else {
                lastUnlabelled = sentence
                // A sentence that opens with a pronoun ("They can also help to prevent cold
                // sores …") is shown with the sentence it leans on ("Antiviral medicines can help
                // them heal faster."), when that one stands on its own and the two are short.
                if label == nil, let previous, let whole = Self.withAntecedent(sentence, previous: previous, in: paragraph) {
                    unit.quote = whole
                    unit.text = whole
                }
            }
            units.append(unit)
        }
    }

    /// The most words a sentence and the one it leans on may have together to be shown as one.
    static let antecedentWordLimit = 50

    /// The span from `previous` to the end of `sentence` when `sentence` opens with a pronoun
    /// that leans on `previous` (which itself opens with none and carries no inline label).
    static func withAntecedent(_ sentence: Substring, previous: Substring, in paragraph: Substring) -> Substring? {
        guard SourceNoise.opensWithPronoun(sentence), !SourceNoise.opensWithPageSubject(sentence), !namesWhatCameBefore(sentence),
              !SourceNoise.opensWithPronoun(previous), inlineLabel(previous).0 == nil,
              previous.endIndex <= sentence.startIndex,
              previous.wordCount + sentence.wordCount <= antecedentWordLimit else { return nil }
        return paragraph[previous.startIndex..<sentence.endIndex]
    }

    /// Verbs by which a sentence only names what the one before described ("This is called
    /// maternal uniparental disomy."): it adds a name, not a fact that needs its antecedent.
    static let namingVerbs = [" is called ", " are called ", " is known as ", " are known as ", " is termed ", " are termed ", " is referred to as "]

    /// True when a sentence opens by naming what came before ("This is called …").
    static func namesWhatCameBefore(_ sentence: Substring) -> Bool {
        let opening = " " + sentence.prefix(40).lowercased()
        return namingVerbs.contains { opening.contains($0) }
    }

    /// NIH lists gloss an item after another dash ("Cervical dystonia - a neurological disorder
    /// that causes…"): a lower-case piece after a capitalised item explains that item, so the
    /// two are one item (still one exact piece of the line).
    /// A line without the list marker it opens with ("- ", "* ", "• ").
    static func withoutListMarker(_ line: Substring) -> Substring {
        for marker in ["- ", "* ", "• "] where line.hasPrefix(marker) {
            return line.dropFirst(marker.count).trimmingWhitespace
        }
        return line
    }

    static func joiningGlosses(_ items: [Substring], in line: Substring) -> [Substring] {
        guard items.contains(where: { $0.first?.isUppercase == true }) else { return items }
        var joined: [Substring] = []
        for item in items {
            if let previous = joined.last, previous.first?.isUppercase == true, item.first?.isLowercase == true,
               previous.endIndex <= item.startIndex {
                joined[joined.count - 1] = line[previous.startIndex..<item.endIndex]
            } else {
                joined.append(item)
            }
        }
        return joined
    }

    /// Words that open a clause's continuation, never a list item ("- which may last…").
    static let clauseWords: Set<String> = ["which", "and", "or", "but", "is", "are", "was", "were", "that", "who", "whose", "where", "while", "as", "to", "of", "in", "on", "with", "so", "than"]

    /// True when a dash-separated piece continues the sentence before it.
    static func continuesClause(_ piece: Substring) -> Bool {
        clauseWords.contains(String(piece.prefix { $0.isLetter }))
    }

    /// "Header: rest" when the header is a short label (at most six words, no sentence end).
    static func rowSplit(_ line: Substring) -> (Substring?, Substring?) {
        // Byte-level scans (a colon and a period are single bytes): this runs on every line.
        guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return (nil, nil) }
        let header = line[..<colon].trimmingWhitespace
        let rest = line[line.utf8.index(after: colon)...].trimmingWhitespace
        guard header.utf8.count <= 240 else { return (nil, nil) }
        let words = header.wordCount
        guard words >= 1, words <= 6, header.utf8.count <= 60 || header.count <= 60, !header.utf8.contains(UInt8(ascii: ".")),
              let first = header.first, first.isLetter || first.isNumber,
              !rest.isEmpty, !(rest.first?.isNumber == true && header.last?.isNumber == true) else { return (nil, nil) }
        return (header, rest)
    }

    /// "OBJECTIVE To assess…" → ("OBJECTIVE", "To assess…").
    static func inlineLabel(_ sentence: Substring) -> (Substring?, Substring) {
        // Every label opens with two capital letters: most sentences are ruled out by two bytes.
        var bytes = sentence.utf8.makeIterator()
        guard let first = bytes.next(), let second = bytes.next(), (0x41...0x5A).contains(first), (0x41...0x5A).contains(second) else {
            return (nil, sentence)
        }
        for label in inlineLabels where sentence.utf8.starts(with: label.utf8) {
            var rest = sentence.dropFirst(label.count)
            guard let next = rest.first, next == " " || next == ":" || next == "." else { continue }
            // "OBJECTIVES - To study …": some abstracts set the label off with a dash.
            rest = rest.drop { $0 == " " || $0 == ":" || $0 == "." || $0 == "-" || $0 == "\u{2013}" || $0 == "\u{2014}" }
            guard let opening = rest.first, opening.isUppercase || opening.isNumber else { continue }
            return (sentence.prefix(label.count), rest)
        }
        return (nil, sentence)
    }

    /// Words that open ordinary sentences, not row headers ("Note: …" is a label; "However: …" is not).
    static func isSentenceOpening(_ header: Substring) -> Bool {
        let first = header.prefix { $0.isLetter }.lowercased()
        return ["however", "although", "because", "if", "when", "while", "in", "for", "the", "this", "these", "it", "as", "but", "and"].contains(first)
            && header.wordCount > 3
    }
}

extension Substring {
    /// The pieces between occurrences of `separator`, as substrings of this one.
    func components(separatedByString separator: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = startIndex
        let length = separator.utf8.count
        while start < endIndex, let offset = self[start...].firstByteOffset(of: separator) {
            let found = utf8.index(start, offsetBy: offset)
            pieces.append(self[start..<found])
            start = utf8.index(found, offsetBy: length)
        }
        pieces.append(self[start...])
        return pieces
    }
}
