import Foundation

/// The values a piece of evidence gives for a measure, as ranges: "INR of ≥8.0", "CrCl 30 to
/// 50 mL/min", "HbA1c below 7%". A question's value ("INR 9") is met by a line whose range
/// holds it, not by any line that names the measure ("target INR 2.5").
enum ValueRange {
    /// How far a single stated number may be from the asked value and still be it (10%).
    static let tolerance = 0.1
    /// How many characters after the measure's name its value may be.
    static let reach = 40
    /// How many characters after a value's first number may close its range.
    static let closing = 12

    private static let number = #"(\d+(?:\.\d+)?)"#
    private static let between = try! NSRegularExpression(pattern: #"(?:between\s+)?"# + number + #"\s*(?:-|–|—|to|and)\s*"# + number)
    private static let atLeast = try! NSRegularExpression(pattern: #"(?:≥|>=|>|greater than|more than|above|over|at least|exceeding)\s*(?:of\s+)?"# + number)
    private static let atMost = try! NSRegularExpression(pattern: #"(?:≤|<=|<|less than|below|under|up to)\s*"# + number)
    private static let single = try! NSRegularExpression(pattern: number)

    /// Whether `text` names the measure (one of `names`, lower case) with a value whose range holds `value`.
    static func holds(_ value: Double, names: [String], in text: String) -> Bool {
        let lower = text.lowercased()
        for name in names {
            var searchStart = lower.startIndex
            while let found = lower.range(of: name, range: searchStart..<lower.endIndex) {
                searchStart = found.upperBound
                // The name as a word ("inr", not "inrush").
                if found.lowerBound > lower.startIndex, lower[lower.index(before: found.lowerBound)].isLetter { continue }
                if found.upperBound < lower.endIndex, lower[found.upperBound].isLetter { continue }
                let window = String(lower[found.upperBound...].prefix(reach))
                if ranges(in: window).contains(where: { range in
                    range.contains(value) && (range.lowerBound == -Double.greatestFiniteMagnitude ? range.upperBound <= 2 * value : true)
                        && (range.upperBound == Double.greatestFiniteMagnitude ? range.lowerBound * 2 >= value : true)
                }) { return true }
            }
        }
        return false
    }

    /// The ranges a short text after a measure's name states, first match of each form.
    static func ranges(in text: String) -> [ClosedRange<Double>] {
        // The measure's own value is its first number and what closes it ("30 to 50", ">5.0 but
        // <8.0"); numbers further on are another thing's ("≥8.0 should receive 1–5 mg").
        guard let first = single.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let firstEnd = Range(first.range, in: text)?.upperBound else { return [] }
        let window = String(text[..<(text.index(firstEnd, offsetBy: closing, limitedBy: text.endIndex) ?? text.endIndex)])
        let range = NSRange(window.startIndex..., in: window)
        func numbers(_ expression: NSRegularExpression) -> [Double]? {
            guard let match = expression.firstMatch(in: window, range: range) else { return nil }
            return (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: window).flatMap { Double(window[$0]) } }
        }
        if let pair = numbers(between), pair.count == 2, pair[0] <= pair[1] { return [pair[0]...pair[1]] }
        // An open bound far from the value ("INR > 2" for an INR of 9) is about the usual
        // range, not this value: a bound counts up to twice as far as the value.
        let low = numbers(atLeast)?.first, high = numbers(atMost)?.first
        // Both bounds: "INR >5.0 but <8.0".
        if let low, let high { return low <= high ? [low...high] : [] }
        if let low { return [low...Double.greatestFiniteMagnitude] }
        if let high { return [-Double.greatestFiniteMagnitude...high] }
        if let only = numbers(single)?.first { return [only * (1 - tolerance)...only * (1 + tolerance)] }
        return []
    }
}
