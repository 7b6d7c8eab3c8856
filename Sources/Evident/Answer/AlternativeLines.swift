/// Lines that are alternatives of one choice, each its own line ending in "OR" (as guideline
/// summaries write regimens: "Amoxicillin 1 g orally three times daily; OR" / "Doxycycline 100 mg
/// orally twice daily; OR" / "Azithromycin 500 mg on day 1 …"), become one list: apart, the
/// first reads as the only choice and the others as fragments ("Doxycycline …; OR").
enum AlternativeLines {
    /// How a line that offers the next one as an alternative ends.
    static let connectives = [" OR", "; or", ", or", " or"]

    /// The longest a line of a list of alternatives may be, in words.
    static let maximumItemWords = 45

    /// `units` with each run of alternative lines made one ``EvidenceUnit/Kind/inlineList``,
    /// quoting the lines (and their lead-in, or a grade line standing just before them).
    static func grouped(_ units: [EvidenceUnit], in text: String) -> [EvidenceUnit] {
        guard units.count >= 2, units.contains(where: { endsWithConnective($0.text) }) else { return units }
        var unitsPerLine: [Int: Int] = [:]
        for unit in units { unitsPerLine[unit.line, default: 0] += 1 }
        var result: [EvidenceUnit] = []
        var index = 0
        while index < units.count {
            let end = runEnd(from: index, in: units, unitsPerLine: unitsPerLine)
            guard end > index else {
                result.append(units[index])
                index += 1
                continue
            }
            let run = units[index...end]
            let first = run.first!, last = run.last!
            var list = EvidenceUnit(kind: .inlineList, quote: first.quote, text: first.quote.prefix(0), line: first.line)
            list.alternatives = true
            list.items = run.map(item)
            var start = first.quote.startIndex
            if let leadIn = first.leadIn {
                list.text = leadIn
                list.leadIn = nil
                start = leadIn.startIndex
            } else if let previous = result.last, previous.line == first.line - 1, unitsPerLine[previous.line] == 1,
                      isGradeLine(previous.quote) {
                // "(Strong recommendation, Moderate quality of evidence)" over the choices grades them all.
                result.removeLast()
                list.text = previous.quote
                start = previous.quote.startIndex
            }
            list.quote = text[start..<last.quote.endIndex]
            result.append(list)
            index = end + 1
        }
        return result
    }

    /// True when a line ends by offering the next line as an alternative.
    static func endsWithConnective<S: StringProtocol>(_ text: S) -> Bool {
        connectives.contains { text.hasSuffix($0) }
    }

    /// The index of the last unit of a run of alternatives that starts at `start`, or `start`
    /// when none does: whole lines in a row, under one lead-in, each but the last ending in "or".
    private static func runEnd(from start: Int, in units: [EvidenceUnit], unitsPerLine: [Int: Int]) -> Int {
        func isWholeLine(_ unit: EvidenceUnit) -> Bool {
            unit.kind != .inlineList && unitsPerLine[unit.line] == 1 && unit.text.wordCount <= maximumItemWords
        }
        guard isWholeLine(units[start]), endsWithConnective(units[start].text) else { return start }
        var end = start
        while end + 1 < units.count, endsWithConnective(units[end].text) {
            let next = units[end + 1]
            guard isWholeLine(next), next.line == units[end].line + 1, next.leadIn.map(String.init) == units[start].leadIn.map(String.init) else { break }
            end += 1
        }
        return end
    }

    /// A list item's text as the source writes it: after its lead-in, without a list marker.
    private static func item(_ unit: EvidenceUnit) -> Substring {
        if let leadIn = unit.leadIn, unit.quote.hasPrefix(leadIn), unit.quote.dropFirst(leadIn.count).hasPrefix(": ") {
            return unit.quote.dropFirst(leadIn.count + 2).trimmingWhitespace
        }
        return EvidenceUnits.withoutListMarker(unit.quote)
    }

    /// True when a line is a recommendation's grade alone ("(Strong recommendation, Moderate quality of evidence)").
    private static func isGradeLine(_ line: Substring) -> Bool {
        line.hasPrefix("(") && line.hasSuffix(")") && line.wordCount <= 14
            && RecommendationStrength.grade(in: String(line)).map { StatementGate.isGradeOnly(String(line), $0) } ?? false
    }
}
