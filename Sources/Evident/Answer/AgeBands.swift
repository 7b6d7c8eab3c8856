import Foundation

/// The ages a question gives ("statin for a 76 year old", "my 9 year old son") and the age bands
/// evidence states ("Ages 40–75", "adults 76 years and older", "children younger than 5 years").
/// A line for a band that holds the asked age answers for that patient; a line only for bands
/// that leave it out ("Primary Prevention (Ages 40–75)" for a 76-year-old) is about other people.
struct AgeBands: Sendable {
    /// The ages the question gives, in years (0 for an infant's age in weeks or months).
    let asked: [Int]

    /// The ages of a question.
    init(question: String) {
        var seen = Set<Int>()
        asked = Qualifier.ages(in: question).filter { seen.insert($0).inserted }
    }

    /// What a text's age bands say of the asked ages.
    enum Verdict: Equatable {
        /// A band of the asked age's group ("adults aged 76 to 85 years" for an 80-year-old,
        /// "adults 76 years and older" for a 76-year-old).
        case narrow
        /// Only a wide or far-bounded band holding it ("individuals >50 years of age" for 80).
        case broad
        /// Only bands that leave every asked age out.
        case other
    }

    /// The widest band, in years, that still speaks of a patient's age group rather than of adults.
    static let narrowestBroadBand = 30

    /// What text's age bands say of the asked ages, nil when it states none (or nothing was asked).
    func verdict(_ text: String) -> Verdict? {
        guard !asked.isEmpty else { return nil }
        let bands = Self.bands(in: text)
        guard !bands.isEmpty else { return nil }
        var holds = false
        for band in bands {
            for age in asked where band.contains(age) {
                holds = true
                if Self.isNarrow(band, around: age) { return .narrow }
            }
        }
        return holds ? .broad : .other
    }

    /// True when a band holding `age` speaks of its age group: a closed band at most
    /// ``narrowestBroadBand`` wide, or an open one whose bound is near the age ("adults 76 years
    /// and older" for a 76-year-old, not "individuals >50 years of age" for an 80-year-old).
    static func isNarrow(_ band: ClosedRange<Int>, around age: Int) -> Bool {
        switch (band.lowerBound > 0, band.upperBound < oldest) {
        case (true, true): band.count <= narrowestBroadBand
        case (true, false): age - band.lowerBound <= nearBound
        case (false, true): band.upperBound - age <= nearBound
        case (false, false): false
        }
    }

    /// How near an open band's bound must be to the asked age for the band to be its age group.
    static let nearBound = 10

    /// The oldest age a band may run to when the text gives no upper bound.
    static let oldest = 130

    /// The age bands text states, in years.
    static func bands(in text: String) -> [ClosedRange<Int>] {
        var lower = text.lowercased()
        // Cheap test first: a band is written with years or with a word of age.
        guard lower.utf8.count >= 6, ["year", "yr", " age", "(age", "older", "younger"].contains(where: { lower.containsBytes($0) }) || lower.hasPrefix("age") else { return [] }
        lower = lower
            .replacingOccurrences(of: "--", with: "-").replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
        let whole = NSRange(lower.startIndex..., in: lower)
        var bands: [ClosedRange<Int>] = []
        for form in forms {
            for match in form.expression.matches(in: lower, range: whole) {
                guard let matched = Range(match.range, in: lower),
                      let first = Range(match.range(at: 1), in: lower).flatMap({ Int(lower[$0]) }) else { continue }
                let second = match.numberOfRanges > 2 ? Range(match.range(at: 2), in: lower).flatMap { Int(lower[$0]) } : nil
                guard saysAge(lower, matched) else { continue }
                let band: ClosedRange<Int>?
                switch form.kind {
                case .between: band = second.flatMap { first <= $0 && $0 - first >= 1 ? first...$0 : nil }
                case .atLeast: band = first...oldest
                case .above: band = min(first + 1, oldest)...oldest
                case .atMost: band = 0...first
                case .below: band = 0...max(0, first - 1)
                }
                if let band, band.lowerBound <= 120 { bands.append(band) }
            }
        }
        return bands
    }

    /// What a form's numbers say of the band.
    enum Kind { case between, atLeast, above, atMost, below }

    /// A number that may be an age (not a part of "2010" or "7.5").
    private static let number = #"(?<![\d.])(\d{1,3})(?![\d.]*\d)"#
    /// Years after a number, as bands are written ("75 years", "75 yrs", "75-year-olds", "75 years of age").
    private static let years = #"(?:\s*-?\s*(?:years?|yrs?|y)(?:\s*-?\s*olds?)?(?:\s+of\s+age)?)"#

    /// The ways a band is written.
    private static let forms: [(kind: Kind, expression: NSRegularExpression)] = ([
        (.between, #"(?:between\s+)?\#(number)\#(years)?\s*(?:-|to|through|and)\s*\#(number)\#(years)?"#),
        (.atLeast, #"(?:≥|>=|at least|aged)\s*\#(number)\#(years)?\s*(?:and|or)\s*(?:older|over|above)"#),
        (.atLeast, #"(?:≥|>=|at least)\s*\#(number)\#(years)?"#),
        (.atLeast, #"\#(number)\#(years)?\s*(?:\+|(?:and|or)\s*(?:older|over|above))"#),
        (.above, #"(?:>|over|older than|above|beyond)\s*\#(number)\#(years)?"#),
        (.atMost, #"(?:≤|<=|up to)\s*\#(number)\#(years)?"#),
        (.atMost, #"\#(number)\#(years)?\s*(?:and|or)\s*(?:younger|under|less|below)"#),
        (.below, #"(?:<|under|younger than|below|less than)\s*\#(number)\#(years)?"#),
        // "before age 50", "starting at age 45", "until age 75".
        (.below, #"(?:prior to|before)\s+(?:the\s+)?age\s+(?:of\s+)?\#(number)"#),
        (.atLeast, #"(?:after|from|starting at|beginning at|starting from)\s+(?:the\s+)?age\s+(?:of\s+)?\#(number)"#),
        (.atMost, #"(?:until|through|up to)\s+(?:the\s+)?age\s+(?:of\s+)?\#(number)"#),
    ] as [(Kind, String)]).map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

    /// Words of age that make the numbers beside them ages.
    private static let ageWords = ["age ", "aged ", "ages ", "age:", "ages:", "age of ", "aged:"]
    /// Nouns of people: "adults 50 to 74 years" is an age band, "for 5 to 10 years" a duration.
    private static let peopleWords = ["adult", "person", "people", "patient", "individual", "women", "men ", "woman", "man ", "child", "adolescent",
                                      "youth", "girl", "boy", "infant", "those", "elderly", "older", "younger", "veteran", "resident", "smoker"]

    /// True when the numbers at `range` are ages: a word of age is just before them, they are
    /// written as ages ("75 years old", "older than 75"), or they are years after a noun of people.
    private static func saysAge(_ text: String, _ range: Range<String.Index>) -> Bool {
        let matched = text[range]
        let after = text[range.upperBound...].prefix(14)
        // "6 to 59 months" is an infant's band, not one in years.
        let afterWords = after.drop { $0 == " " || $0 == "-" }
        if afterWords.hasPrefix("month") || afterWords.hasPrefix("week") || afterWords.hasPrefix("day") || afterWords.hasPrefix("mo ") { return false }
        if matched.hasPrefix("aged") || matched.contains("age ") || matched.contains("old") || matched.contains("younger") || matched.contains("of age") || after.hasPrefix(" of age") || after.hasPrefix(" old")
            || after.hasPrefix("-old") { return true }
        let before = String(text[..<range.lowerBound].suffix(28))
        let near = String(before.suffix(8))
        if ageWords.contains(where: { near.hasSuffix($0) || near.hasSuffix($0 + "between ") || before.hasSuffix($0 + "between ") }) { return true }
        if before.hasSuffix("aged ") || before.hasSuffix("age ") { return true }
        guard matched.contains("y") else { return false }
        // A noun of people among the two words before ("in adults over 75 years"; not "in older
        // patients, continue for 5 to 10 years").
        let lastWords = before.split(separator: " ").suffix(2).joined(separator: " ") + " "
        return peopleWords.contains { lastWords.contains($0) }
    }
}
