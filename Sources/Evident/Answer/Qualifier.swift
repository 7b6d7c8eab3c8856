import Foundation

/// Something a question says about whom, where or when it asks: a population ("in pregnancy",
/// "my 8-year-old"), a setting ("in the ICU"), a phase of the disease ("relapse", "acute"), or a
/// value ("creatinine clearance 40", "HbA1c 9%"). Qualifiers are kept from question to answer:
/// they join the search, favour evidence that matches them, and an answer says when none does.
public struct Qualifier: Codable, Sendable, Hashable {
    /// What sort of qualifier.
    public enum Kind: String, Codable, Sendable {
        case population, setting, phase, value
    }

    public var kind: Kind
    /// A short name ("pregnancy", "children", "intensive care", "creatinine clearance 40 mL/min").
    public var label: String
    /// The words of the question that say it.
    public var text: String
    /// Word-start cues that show it in a piece of evidence (normalised, see ``IntentCues``).
    var evidenceCues: [String]

    /// Encodes the public fields.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(label, forKey: .label)
        try container.encode(text, forKey: .text)
    }

    enum CodingKeys: String, CodingKey { case kind, label, text }

    /// Decodes the public fields (cues are looked up again from the label).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        label = try container.decode(String.self, forKey: .label)
        let decodedLabel = try container.decode(String.self, forKey: .label)
        text = try container.decode(String.self, forKey: .text)
        evidenceCues = Self.table.first { $0.label == decodedLabel }?.evidence ?? []
    }

    init(kind: Kind, label: String, text: String, evidenceCues: [String]) {
        self.kind = kind
        self.label = label
        self.text = text
        self.evidenceCues = evidenceCues
    }

    /// True when normalised evidence text (``IntentCues/normalized(_:)``) shows the qualifier.
    func matches(_ normalized: String) -> Bool {
        evidenceCues.contains { IntentCues.contains(normalized, cue: $0) }
    }

    /// The number of a value qualifier ("INR 9": 9; "blood pressure 150/95": 150).
    var number: Double? {
        guard kind == .value, let last = label.split(separator: " ").last else { return nil }
        return Double(last.prefix { $0.isNumber || $0 == "." })
    }

    /// True when evidence as written shows the qualifier: a value qualifier needs its measure
    /// with a value whose range holds the asked one (``ValueRange``); the others their cues.
    func matches(raw: String, normalized: String) -> Bool {
        guard let number else { return matches(normalized) }
        // The measure's names, not its units ("mmol/l", "mm hg"): a value follows a name.
        let names = Self.valueNames.first { label.hasPrefix($0.label + " ") }.map { $0.names + $0.evidence } ?? []
        return ValueRange.holds(number, names: names.filter { !$0.contains("/") && !$0.hasPrefix("mm") }, in: raw)
    }

    /// Populations, settings and phases: label, question cues, evidence cues.
    static let table: [(kind: Kind, label: String, question: [String], evidence: [String])] = [
        (.population, "pregnancy", ["pregnan", "gestation", "trimester", "antenatal", "prenatal", "expecting a baby"], ["pregnan", "gestation", "trimester", "antenatal", "prenatal", "obstetric", "preeclamp", "pre-eclamp", "eclamp", "hellp", "postpartum", "peripartum", "placent", "intrapartum", "childbirth"]),
        (.population, "breastfeeding", ["breastfe", "breast fe", "lactating", "lactation", "nursing mother"], ["breastfe", "breast-fe", "lactating", "lactation", "nursing"]),
        (.population, "children", ["child", "kid ", "kids ", "pediatric", "paediatric", "toddler", "infant", "baby ", "babies", "newborn", "neonat", "my son ", "my daughter", "boy ", "boys ", "girl ", "girls "], ["child", "pediatric", "paediatric", "infant", "neonat", "newborn", "toddler"]),
        (.population, "adolescents", ["teen", "adolescen", "youth"], ["adolescen", "teen", "young people", "youth"]),
        (.population, "older adults", ["elderly", "older adult", "older people", "older patient", "geriatric", "senior", "old age", "grandmother", "grandfather", "grandma", "grandpa", "over 65", "aged 65"], ["elderly", "older adult", "older people", "older patient", "older person", "geriatric", "aged 65", "65 years", "older than 65", "age 65"]),
        (.population, "African ancestry", ["african american", "african ancestry", "black patient", "black people", "black women", "black men"], ["african american", "african ancestry", "black"]),
        (.population, "Asian ancestry", ["asian"], ["asian"]),
        (.population, "men", ["men ", "man ", "male ", "males ", "my husband", "my father", "my dad ", "my boyfriend"], ["men ", "man ", "male ", "males "]),
        (.population, "women", ["women ", "woman ", "female ", "females ", "my wife", "my mother", "my mum ", "my mom ", "my girlfriend"], ["women ", "woman ", "female ", "females "]),
        (.population, "Hispanic ancestry", ["hispanic", "latino", "latina"], ["hispanic", "latino"]),
        (.population, "Ashkenazi Jewish ancestry", ["ashkenazi"], ["ashkenazi"]),
        (.population, "renal impairment", ["kidney disease", "renal disease", "renal impairment", "renal failure", "kidney failure", "ckd ", "renal insufficiency", "impaired renal", "kidney function", "renal function", "dialysis", "crcl", "creatinine clearance", "egfr"], ["renal", "kidney", "crcl", "creatinine clearance", "egfr", "gfr", "dialysis", "ckd"]),
        (.population, "hepatic impairment", ["liver disease", "hepatic impairment", "liver failure", "cirrhosis", "liver function", "hepatic disease"], ["hepatic", "liver", "cirrhosis", "child-pugh", "child pugh"]),
        (.setting, "outpatient care", ["outpatient", "ambulatory", "primary care", "gp ", "general practice", "at home "], ["outpatient", "ambulatory", "primary care", "community", "home"]),
        (.setting, "hospital care", ["inpatient", "hospitalized", "hospitalised", "admitted", "in hospital"], ["inpatient", "hospitali", "admitted", "admission", "hospital"]),
        (.setting, "intensive care", ["icu", "intensive care", "critical care", "critically ill", "ventilated"], ["icu", "intensive care", "critical care", "critically ill"]),
        (.setting, "emergency department", ["emergency department", "emergency room", " er ", " ed "], ["emergency department", "emergency room", "emergency"]),
        (.phase, "relapse", ["relapse", "flare", "exacerbation", "attack", "recurren", "recurring"], ["relapse", "flare", "exacerbation", "attack", "recurren"]),
        (.phase, "acute", ["acute"], ["acute"]),
        (.phase, "chronic", ["chronic", "long-standing", "long standing"], ["chronic", "long-term", "maintenance"]),
        (.phase, "severe", ["severe", "life-threatening", "life threatening", "critical"], ["severe", "life-threatening", "critical"]),
        (.phase, "refractory", ["refractory", "resistant", "not responding", "failed"], ["refractory", "resistant", "failure", "second-line", "second line"]),
    ]

    /// Populations that are another population only to the one opposite them: evidence about
    /// women is about another population when men are asked about, but not when no sex is.
    static let opposites = ["men": "women", "women": "men"]

    /// Lab and clinical values a question may give, with the cues that name them in evidence.
    static let valueNames: [(names: [String], label: String, evidence: [String])] = [
        (["creatinine clearance", "crcl", "cr cl"], "creatinine clearance", ["creatinine clearance", "crcl", "renal function", "renal impairment", "egfr", "gfr"]),
        (["egfr", "gfr", "glomerular filtration"], "eGFR", ["egfr", "gfr", "glomerular filtration", "creatinine clearance", "crcl"]),
        (["hba1c", "a1c", "hemoglobin a1c", "haemoglobin a1c", "glycated"], "HbA1c", ["hba1c", "a1c", "glycated", "hemoglobin a1c"]),
        (["ldl"], "LDL cholesterol", ["ldl"]),
        (["blood pressure", "bp", "systolic", "diastolic"], "blood pressure", ["blood pressure", "systolic", "diastolic", "mmhg", "mm hg"]),
        (["potassium", "k+"], "potassium", ["potassium", "mmol/l", "meq/l"]),
        (["sodium", "na+"], "sodium", ["sodium"]),
        (["platelet"], "platelet count", ["platelet"]),
        (["inr"], "INR", ["inr"]),
        (["bmi", "body mass index"], "BMI", ["bmi", "body mass index"]),
        (["temperature", "fever of", "temp"], "temperature", ["temperature", "fever"]),
        (["heart rate", "pulse"], "heart rate", ["heart rate", "pulse"]),
        (["oxygen saturation", "spo2", "sats"], "oxygen saturation", ["oxygen saturation", "spo2", "sao2"]),
        (["glucose", "blood sugar"], "glucose", ["glucose"]),
        (["troponin"], "troponin", ["troponin"]),
        (["lactate"], "lactate", ["lactate"]),
        (["ferritin"], "ferritin", ["ferritin"]),
        (["tsh"], "TSH", ["tsh"]),
        (["psa"], "PSA", ["psa"]),
    ]

    /// The qualifiers a question states (normalised with ``IntentCues/normalized(_:)``).
    static func detect(in question: String) -> [Qualifier] {
        let normalized = IntentCues.normalized(question)
        var found: [Qualifier] = []
        func add(_ qualifier: Qualifier) {
            if !found.contains(where: { $0.label == qualifier.label }) { found.append(qualifier) }
        }
        for entry in table {
            if let cue = entry.question.first(where: { IntentCues.contains(normalized, cue: $0) && !negated($0, in: normalized) }) {
                add(Qualifier(kind: entry.kind, label: entry.label, text: cue.trimmingCharacters(in: .whitespaces), evidenceCues: entry.evidence))
            }
        }
        // A case's shorthand for age and sex: "68M", "74F".
        for sex in caseSexes(in: question) {
            let label = sex == "m" ? "men" : "women"
            if let entry = table.first(where: { $0.label == label }) {
                add(Qualifier(kind: .population, label: label, text: label, evidenceCues: entry.evidence))
            }
        }
        // Ages: "8-year-old", "aged 70", "I am 67", "68M", "in the over 80s", "under 5s".
        for age in ages(in: question) {
            let label = age < 12 ? "children" : age < 18 ? "adolescents" : age >= 65 ? "older adults" : nil
            if let label, let entry = table.first(where: { $0.label == label }) {
                add(Qualifier(kind: .population, label: label, text: "age \(age)", evidenceCues: entry.evidence))
            }
        }
        for value in values(in: question) { add(value) }
        // A mother who has just given birth ("I had my baby 3 weeks ago") is asked about after
        // pregnancy; the baby she names is not the patient.
        if let birth = birthCues.first(where: { IntentCues.contains(normalized, cue: $0) }),
           let entry = table.first(where: { $0.label == "pregnancy" }) {
            add(Qualifier(kind: entry.kind, label: entry.label, text: birth.trimmingCharacters(in: .whitespaces), evidenceCues: entry.evidence))
            found.removeAll { $0.label == "children" && ["baby", "babies"].contains($0.text) }
        }
        // A pregnant woman is asked about as pregnant: evidence on pregnancy is about women.
        if found.contains(where: { $0.label == "pregnancy" }) { found.removeAll { $0.label == "women" } }
        return found
    }

    /// What a mother who has just given birth says.
    static let birthCues = ["had my baby", "had a baby", "had the baby", "gave birth", "given birth", "giving birth", "postpartum", "postnatal",
                            "post-partum", "post-natal", "after delivery", "since delivery", "after the birth", "since the birth", "baby blues"]

    /// Words that deny the qualifier after them ("I'm not pregnant", "no longer smoking").
    static let denials: Set<Substring> = ["not", "no", "never", "nor", "without"]

    /// True when the question says a qualifier's cue only denied: the word before it (or the
    /// one before that, "not currently pregnant") denies it.
    static func negated(_ cue: String, in normalized: String) -> Bool {
        guard let at = IntentCues.position(of: cue, in: normalized) else { return false }
        let before = normalized.utf8.prefix(at)
        let words = String(decoding: before, as: UTF8.self).split(separator: " ").suffix(2)
        return words.contains { denials.contains($0) }
    }

    /// The ways a question gives an age, compiled once.
    private static let ageExpressions: [NSRegularExpression] = [
        #"(\d{1,3})[- ]?(?:year|yr)s?[- ]?old"#, #"\baged? (\d{1,3})\b"#, #"\bi am (\d{1,3})\b"#, #"\bi'm (\d{1,3})\b"#, #"\b(\d{1,3}) ?(?:yo|y/o)\b"#,
        // "68M", "74F"; "in the over 80s", "over-65s", "under 5s", "people in their 80s".
        #"\b(\d{2,3})[mf]\b"#, #"\b(?:over|under)[- ]?(\d{1,2})s\b"#, #"\b(?:their|his|her|my|the) (\d0)s\b"#,
        // An infant's age: "under 3 months", "a 6-week-old".
        #"\b(?:under|below|less than) (\d{1,2}) ?(?:months|weeks)\b()"#, #"\b(\d{1,2})[- ](?:month|week|day)s?[- ]old\b()"#,
        #"\b(?:mum|mom|mother|father|dad|grandmother|grandfather|grandma|grandpa|husband|wife|son|daughter|he|she|patient|man|woman|boy|girl|baby|child) (?:is|was|aged) (\d{1,3})\b"#].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    /// Ages stated in a question.
    static func ages(in text: String) -> [Int] {
        var ages: [Int] = []
        for expression in ageExpressions {
            let range = NSRange(text.startIndex..., in: text)
            for match in expression.matches(in: text, range: range) {
                // A pattern with a second (empty) group gives an age in months or weeks: under a year.
                if match.numberOfRanges > 2 { ages.append(0); continue }
                if let group = Range(match.range(at: 1), in: text), let age = Int(text[group]), age <= 120 { ages.append(age) }
            }
        }
        return ages
    }

    /// The sexes a case states in its shorthand ("68M" → "m", "74F" → "f").
    static func caseSexes(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return caseAgeSexExpression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { text[$0].lowercased() }
        }
    }

    private static let caseAgeSexExpression = try! NSRegularExpression(pattern: #"\b\d{2,3}([MFmf])\b"#)

    private static let valueExpression = try! NSRegularExpression(
        pattern: #"(\d+(?:\.\d+)?)\s*(%|mg/dl|mmol/l|meq/l|ml/min(?:/1\.73\s?m2)?|mmhg|mm hg|x10\^?9/l|/µl|/ul|ng/ml|units?)?"#,
        options: [.caseInsensitive])

    /// Words that may stand between a value's name and its number ("HbA1c of 9%").
    static let valueConnectives: Set<String> = ["of", "is", "=", ":", "<", ">", "≤", "≥", "at", "below", "above", "under", "over", "less", "than", "greater", "was", "around", "about", "~", "approx", "approximately", "only",
                                                   "has", "have", "had", "been", "be", "are", "were", "usually", "always", "still", "consistently", "running",
                                                   "reading", "readings", "measured", "stays", "stayed", "remains", "remained", "keeps", "often", "now", "today", "up", "to"]

    /// Values with a name before them ("creatinine clearance 40", "HbA1c of 9%").
    static func values(in text: String) -> [Qualifier] {
        let lower = text.lowercased()
        var result: [Qualifier] = []
        for entry in valueNames {
            for name in entry.names {
                guard let nameRange = lower.range(of: name) else { continue }
                // The first number within 30 characters after the name.
                let tail = String(lower[nameRange.upperBound...].prefix(30))
                let range = NSRange(tail.startIndex..., in: tail)
                guard let match = valueExpression.firstMatch(in: tail, range: range), let whole = Range(match.range, in: tail) else { continue }
                let gap = tail[tail.startIndex..<whole.lowerBound]
                let gapWords = gap.split { $0.isWhitespace }.map(String.init)
                guard gapWords.allSatisfy({ Self.valueConnectives.contains($0) }) else { continue }
                let value = tail[whole].trimmingCharacters(in: .whitespaces)
                result.append(Qualifier(kind: .value, label: "\(entry.label) \(value)", text: name + " " + value, evidenceCues: entry.evidence))
                break
            }
        }
        return result
    }
}

/// A refinement of the asked attribute: when, how long, how often, above what value, first
/// choice, urgency.
public enum AttributeDetail: String, Codable, Sendable, CaseIterable {
    case timing, duration, frequency, threshold, firstLine = "first line", emergency

    /// Cues in a question.
    var questionCues: [String] {
        switch self {
        case .timing: ["when", "how soon", "timing", "time to", "how early", "how late", "at what point", "start", "initiat", "begin", "stop", "switch",
                       "how many hours", "how many minutes", "time window", "how long after", "how long before", "how quickly", "how urgent",
                       "too late"]
        case .duration: ["how long", "duration", "how many days", "how many weeks", "length of", "for how", "keep taking", "still be taking", "carry on"]
        case .frequency: ["how often", "how frequently", "frequency of", "interval", "schedule", "how many times", "how regularly"]
        case .threshold: ["threshold", "target", "cutoff", "cut-off", "cut off", "at what", "what level", "goal", "above which", "below which", "what number", "level for", "levels for",
                          "aim for", "aim at", "keep it below", "keep it under", "be kept below", "be kept under"]
        case .firstLine: ["first line", "first-line", "1st line", "1st-line", "initial", "drug of choice", "best drug", "best treatment", "preferred"]
        // "stat " is the whole word (not the start of "statin").
        case .emergency: ["emergency", "urgent", "stat ", "immediate", "acute management"]
        }
    }

    /// Cues in evidence (normalised).
    var evidenceCues: [String] {
        switch self {
        case .timing: ["within", "hours", "hour", "days after", "after", "before", "immediately", "as soon as", "early", "delay", "timing", "once", "until", "when", "onset"]
        case .duration: ["days", "weeks", "months", "duration", "for at least", "course"]
        case .frequency: ["every", "monthly", "annually", "annual", "yearly", "weekly", "daily", "once a", "twice a", "times a", "interval", "at least once",
                          "3-monthly", "6-monthly", "12-monthly", "each visit", "regularly"]
        case .threshold: ["<", ">", "≥", "≤", "less than", "greater than", "above", "below", "target", "threshold", "goal", "at least", "exceed", "mmol", "mg/dl", "mmhg", "%"]
        case .firstLine: ["first-line", "first line", "initial", "preferred", "drug of choice", "mainstay", "first choice", "recommended"]
        case .emergency: ["emergency", "urgent", "immediate", "acute", "life-threatening", "severe", "stat "]
        }
    }

    /// True when a line's text states this detail ("annually" for a frequency).
    func isStated<S: StringProtocol>(in text: S) -> Bool {
        let normalized = IntentCues.normalized(text)
        return evidenceCues.contains { IntentCues.contains(normalized, cue: $0) }
    }

    /// Cues in evidence (normalised) that say a line is about the opposite of the detail: an
    /// alternative or a later line of treatment is not the first-line one.
    var contraryCues: [String] {
        switch self {
        case .firstLine: ["alternative", "second-line", "second line", "third-line", "third line", "refractory", "salvage", "intoleran", "inadequate response", "fail", "unresponsive", "resistant", "augment", "adjunct", "add-on"]
        case .timing, .duration, .frequency, .threshold, .emergency: []
        }
    }

    /// Phrases that say where a patient already is ("stable T2DM at target"), not what value is asked for.
    static let reachedPhrases = [" at target ", " on target ", " within target ", " at goal ", " at their target ", " at her target ", " at his target "]

    /// The details a question asks for.
    static func detect(in normalized: String) -> [AttributeDetail] {
        let asked = IntentCues.removing(reachedPhrases, from: normalized)
        return allCases.filter { detail in detail.questionCues.contains { IntentCues.contains(asked, cue: $0) } }
    }
}
