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
        let asked = names.map(asks)
        guard asked.contains(true), asked.contains(false) else { return [] }
        let keys = names.map { LexiconText.words($0).map(\.key) }
        var parallel = Set<String>()
        for other in names.indices where !asked[other] && names.indices.contains(where: { asked[$0] && Self.parallel(keys[$0], keys[other]) }) {
            parallel.insert(names[other])
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
