/// Sections of one document that say the same thing of different cases: "Insulin Therapy for
/// DKA" and "Insulin Therapy for HHS", "Management of Asthma in Adults" and "Management of Croup
/// in Adults". When a question asks about one case, a line under its parallel section is about
/// the other, whatever the line mentions ("HHS with significant ketonemia — mixed DKA/HHS: …").
enum ParallelSections {
    /// The section names (any level of a heading path) of `document` that are parallel to a
    /// section `asks` accepts and that `asks` does not accept.
    static func onAnotherCase(in document: Document, asks: (String) -> Bool) -> Set<String> {
        var names: [String] = []
        var seen = Set<String>()
        for passage in document.passages {
            for name in passage.heading?.components(separatedBy: " > ") ?? [] where seen.insert(name).inserted { names.append(name) }
        }
        guard names.count >= 2 else { return [] }
        let keys = names.map { LexiconText.words($0).map(\.key) }
        // Parallel names share their first two words or their last two: only names in the same
        // group are compared, and only names with a parallel are asked about (asking is costly).
        var groups: [String: [Int]] = [:]
        for (index, words) in keys.enumerated() where words.count >= 3 {
            groups["<" + words.prefix(2).joined(separator: " "), default: []].append(index)
            groups[">" + words.suffix(2).joined(separator: " "), default: []].append(index)
        }
        var pairs: [(Int, Int)] = []
        for members in groups.values where members.count >= 2 {
            for (position, one) in members.enumerated() {
                for other in members[(position + 1)...] where Self.parallel(keys[one], keys[other]) { pairs.append((one, other)) }
            }
        }
        guard !pairs.isEmpty else { return [] }
        var asked: [Int: Bool] = [:]
        func isAsked(_ index: Int) -> Bool {
            if let known = asked[index] { return known }
            let answer = asks(names[index])
            asked[index] = answer
            return answer
        }
        var parallel = Set<String>()
        for (one, other) in pairs {
            let (oneAsked, otherAsked) = (isAsked(one), isAsked(other))
            if oneAsked && !otherAsked { parallel.insert(names[other]) }
            if otherAsked && !oneAsked { parallel.insert(names[one]) }
        }
        return parallel
    }

    /// True when two section names (as word keys) say the same thing of different cases: at
    /// least two shared words at the start or at the end, and one to three different words in each.
    static func parallel(_ a: [String], _ b: [String]) -> Bool {
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        let suffix = zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
        guard max(prefix, suffix) >= 2 else { return false }
        let differentA = a.count - min(a.count, prefix + suffix), differentB = b.count - min(b.count, prefix + suffix)
        return (1...3).contains(differentA) && (1...3).contains(differentB)
    }
}
