import Foundation

/// What a question asks about, and the aspect a piece of evidence speaks to. Answers put the
/// asked intent's section first, then related ones.
///
/// All intent vocabulary lives here, in three tables: the cues that signal an intent in a
/// question, in a heading or section label of a source, and in an evidence sentence. Cues are
/// matched at word starts on normalised text (``IntentCues``), so "treat" matches "treated".
public enum Intent: String, Codable, Sendable, CaseIterable {
    case causes, mechanism, symptoms, diagnosis, treatment, prognosis, prevention, epidemiology
    case adverseEffects = "adverse effects"
    case dosing, genetics, definition, comparison

    /// Cues in a question, with weights (a specific cue outweighs a generic one).
    var questionCues: [(cue: String, weight: Double)] {
        switch self {
        case .causes: [("cause", 2), ("caus", 2), ("why do", 1.5), ("why does", 1.5), ("why is", 1), ("why am", 1), ("risk factor", 2), ("etiolog", 2), ("aetiolog", 2), ("what lead", 1.5), ("trigger", 1.5), ("reason for", 1.5), ("responsible for", 1), ("what make", 1), ("contribut", 1)]
        case .mechanism: [("mechanism", 2), ("pathophysiolog", 2), ("pathogenes", 2), ("how does", 1), ("how do", 0.5), ("mode of action", 2), ("work", 0.5)]
        case .symptoms: [("symptom", 2), ("sign ", 1.5), ("signs", 1.5), ("presentation", 1.5), ("present with", 1.5), ("manifest", 1.5), ("feel like", 1), ("look like", 1), ("clinical feature", 2), ("how do i know", 1.5), ("how would i know", 1.5)]
        case .diagnosis: [("diagnos", 2), ("test for", 2), ("tests", 1), ("testing", 1.5), ("detect", 1.5), ("screen", 2), ("confirm", 1.5), ("workup", 2), ("work up", 2), ("imaging", 1.5), ("biopsy", 1.5), ("evaluat", 1), ("criteria", 1.5), ("how is it found", 2), ("rule out", 2), ("score", 1), ("blood test", 2), ("tested", 1.5), ("antibod", 1), ("assess", 1), ("counts as", 1.5), ("classif", 1.5), ("staging", 1.5), ("investigat", 1.5), ("monitor", 1.5), ("how often", 1), ("levels", 0.5), ("recheck", 2), ("checked", 2), ("check ", 1), ("measured", 1.5), ("re-check", 2), ("repeat the test", 1.5), ("interval", 1)]
        case .treatment: [("treat", 2), ("tx", 2), ("therap", 2), ("manag", 2), ("cure", 2), ("medication", 1.5), ("medicine for", 2), ("what medicine", 2), ("which medicine", 2), ("drug for", 2), ("drugs for", 2), ("what help", 1.5), ("relief", 1.5), ("surgery", 1), ("first line", 2), ("first-line", 2), ("1st line", 2), ("1st-line", 2), ("inhaler", 1.5), ("antibiotic", 1.5), ("get rid of", 2), ("what to do", 1.5), ("what should i do", 1.5), ("what should we do", 1.5), ("what do i do", 1.5), ("what can i do", 1.5), ("what can be done", 1.5), ("intervention", 1), ("thrombolysis", 1), ("when to start", 1), ("indicated", 1.5), ("indication", 1.5), ("correction", 1.5), ("correcting", 1.5), ("should i take", 1.5), ("options", 1), ("abx", 2), ("meds", 1.5), ("what to give", 2), ("what do i give", 2), ("what should i give", 2), ("what to use", 1.5), ("should be used", 1.5), ("prescribe", 1.5), ("which tablet", 2), ("what tablet", 2), ("need tablets", 1.5), ("tablets or", 1.5), ("which pill", 2), ("what pill", 2), ("need pills", 1.5), ("pills or", 1.5), ("empiric", 1.5), ("started on", 1), ("offer", 1), ("pill", 1), ("recommended for", 1), ("anticoagulat", 1.5), ("admit", 1.5), ("admission", 1), ("hospitali", 1), ("refer", 1.5), ("specialist", 1), ("needed", 1), ("need a", 1), ("need an", 1), ("need to have", 1), ("necessary", 1)]
        case .prognosis: [("prognos", 2), ("outlook", 2), ("survival", 2), ("life expectancy", 2), ("recover", 1.5), ("go away", 1.5), ("long term", 1), ("mortality", 1.5), ("course of", 1), ("outcome", 1.5), ("progress", 1.5), ("grow out of", 2), ("complication", 1.5), ("fatal", 1.5), ("die from", 1.5), ("curable", 1.5), ("permanent", 1), ("recurrence", 1.5), ("recur ", 1.5), ("chance", 1), ("likelihood", 1.5), ("how likely", 2), ("odds of", 1.5), ("come back", 1.5), ("comes back", 1.5), ("happen again", 1.5)]
        case .prevention: [("prevent", 2), ("avoid", 1.5), ("reduce the risk", 2), ("lower the risk", 2), ("prophyla", 2), ("vaccin", 1.5), ("protect", 1), ("stop it coming back", 2.5), ("stop them coming back", 2.5), ("from coming back", 2.5), ("keep it from coming back", 2.5), ("stop it recurring", 2.5), ("recurrence", 1.5)]
        case .epidemiology: [("how common", 2), ("prevalen", 2), ("inciden", 2), ("epidemiolog", 2), ("who get", 2), ("how many people", 2), ("frequen", 1), ("how rare", 2), ("rare is", 1.5)]
        case .adverseEffects: [("side effect", 2), ("adverse", 2), ("toxicit", 2), ("harm", 1.5), ("safe", 1.5), ("safety", 1.5), ("risks of", 1.5), ("interaction", 1.5), ("contraindicat", 1.5), ("danger", 1.5), ("drugs to avoid", 3), ("medications to avoid", 3), ("medicines to avoid", 3), ("meds to avoid", 3), ("drugs that worsen", 3), ("drugs that can worsen", 3)]
        case .dosing: [("dose", 2.5), ("dosage", 2.5), ("dosing", 2.5), ("how much", 2), ("mg ", 1.5), ("regimen", 1.5), ("how often should", 1.5), ("titrat", 1.5), ("renal adjust", 2), ("per day", 1.5), ("ml/kg", 2), ("mg/kg", 2), ("how many mg", 2), ("infusion rate", 2), ("volume", 1), ("where do i inject", 2), ("where to inject", 2), ("inject it", 1.5), ("second dose", 1.5), ("repeat dose", 1.5), ("repeat the dose", 1.5)]
        case .genetics: [("gene ", 1.5), ("genes", 1.5), ("genetic", 2), ("inherit", 2), ("heredit", 2), ("run in famil", 2), ("mutation", 1.5), ("familial", 1.5), ("pass it on", 2), ("pass on", 1)]
        case .definition: [("what is", 0.5), ("what are", 0.5), ("define", 1.5), ("definition", 1.5), ("meaning of", 1.5), ("explain", 0.5), ("tell me about", 0.5), ("information about", 0.5), ("overview", 1)]
        case .comparison: [("vs", 2.5), ("versus", 2.5), ("compared", 2), ("comparison", 2), ("better than", 2), ("difference between", 2), ("superior to", 2), ("works better", 2.5), ("work better", 2.5), ("works best", 2), ("which is better", 2.5), ("more effective", 2), ("or", 0)]
        }
    }

    /// True when a name (normalised) is, whole, one of this attribute's specific question cues
    /// ("life expectancy", "blood test"): the name says what is asked.
    func isNamed(byWhole normalizedName: String) -> Bool {
        let nameWords = normalizedName.split(separator: " ").count
        return questionCues.contains { cue in
            cue.weight >= 2 && IntentCues.position(of: cue.cue, in: normalizedName) == 0
                && cue.cue.split(separator: " ").count == nameWords
        }
    }

    /// Whether a word (normalised) of a disease's name is a cue of what the name tells of the
    /// disease ("hereditary", "familial", "congenital"), not of what a question asks of it.
    static func describesDisease(_ normalizedWord: String) -> Bool {
        [Intent.genetics, .causes, .prognosis, .epidemiology, .symptoms, .mechanism].contains { intent in
            intent.questionCues.contains { $0.weight > 0 && IntentCues.contains(normalizedWord, cue: $0.cue) }
        }
    }

    /// Cues in a source's heading path or section label ("First-line therapy", "Diagnosis").
    var headingCues: [String] {
        switch self {
        case .causes: ["cause", "etiolog", "aetiolog", "risk factor", "trigger", "susceptib"]
        case .mechanism: ["mechanism", "pathophysiolog", "pathogenes", "pathology"]
        case .symptoms: ["symptom", "sign", "clinical feature", "presentation", "manifestation"]
        case .diagnosis: ["diagnos", "screening", "test", "evaluation", "workup", "imaging", "assessment", "criteria", "exam", "investigation", "score", "staging", "classification", "monitoring", "measurement", "radiograph", "ultrason", "echocardiograph", "tomograph", "mri"]
        case .treatment: ["treatment", "therap", "management", "first line", "first-line", "pharmacolog", "antibiotic", "regimen", "surgery", "surgical", "intervention", "medication", "empiric", "transition", "drug", "care", "resuscitation", "reperfusion", "anticoagula"]
        case .prognosis: ["prognos", "outlook", "outcome", "survival", "complication", "course", "follow-up", "follow up"]
        case .prevention: ["prevent", "prophyla", "vaccin", "screening recommendation"]
        case .epidemiology: ["epidemiolog", "prevalence", "incidence", "frequency", "how common"]
        case .adverseEffects: ["adverse", "side effect", "harm", "safety", "toxicit", "contraindicat", "warning", "caution", "precaution", "interaction"]
        case .dosing: ["dosing", "dose", "dosage", "renal adjustment", "duration"]
        case .genetics: ["genetic", "inherit", "gene"]
        case .definition: ["definition", "overview", "what is", "about", "introduction", "scope", "background", "information"]
        case .comparison: ["comparison", "versus"]
        }
    }

    /// Cues in an evidence sentence that mark it as speaking to this aspect.
    var sentenceCues: [String] {
        switch self {
        case .causes: ["caused by", "cause of", "causes of", "causes", "due to", "results from", "result from", "risk factor", "triggered by", "etiology", "is unknown", "are unknown", "mutation", "associated with an increased risk", "leads to", "arises"]
        case .mechanism: ["pathophysiolog", "pathogenesis", "mechanism", "mediated by", "dysfunction of", "abnormal activity"]
        case .symptoms: ["symptom", "signs", "present with", "presents with", "characterized by", "include", "experience", "may have"]
        case .diagnosis: ["diagnos", "test", "screen", "imaging", "biopsy", "confirmed by", "detected", "criteria", "sensitivity", "specificity", "score"]
        case .treatment: ["treat", "therapy", "recommend", "should be", "should receive", "first-line", "first line", "management", "administer", "initiate", "offered", "consider", "suggest", "indicated", "injection", "surgery", "option"]
        case .prognosis: ["prognosis", "outlook", "surviv", "die from", "die of", "die within", "mortality", "life expectancy", "recover", "progress", "complication", "outcome", "resolve", "recurren", "chance", "likelihood"]
        case .prevention: ["prevent", "prophyla", "vaccin", "reduce the risk", "avoid"]
        case .epidemiology: ["affects", "prevalence", "incidence", "per 100", "in the united states", "estimated", "common", "rare", "people worldwide"]
        case .adverseEffects: ["side effect", "adverse", "toxicity", "harm", "risk of bleeding", "contraindicated", "caution", "interaction"]
        case .dosing: ["mg/kg", " mg", "dose", "dosage", "dosing", "daily", "twice", "every", "units", "iu ", "mcg", "g/day"]
        case .genetics: ["gene ", "genes", "inherit", "autosomal", "mutation", "familial", "sporadic", "x-linked"]
        case .definition: [" is a ", " is an ", " are a ", "refers to", "defined as", "is characterized"]
        case .comparison: ["compared with", "compared to", "versus", "superior", "non-inferior", "noninferior", "than"]
        }
    }

    /// MedQuAD question types ("qtype") and the aspect their answers speak to.
    public static let questionTypes: [String: Intent] = [
        "causes": .causes, "susceptibility": .causes, "symptoms": .symptoms, "exams and tests": .diagnosis,
        "treatment": .treatment, "outlook": .prognosis, "complications": .prognosis, "prevention": .prevention,
        "frequency": .epidemiology, "inheritance": .genetics, "genetic changes": .genetics, "information": .definition,
        "considerations": .treatment, "stages": .diagnosis, "research": .treatment, "support groups": .definition,
    ]

    /// The intents whose sections follow this one's, in order (this one first).
    public var related: [Intent] {
        switch self {
        case .causes: [.causes, .genetics, .mechanism, .treatment, .epidemiology, .symptoms]
        case .mechanism: [.mechanism, .causes, .genetics, .symptoms]
        case .symptoms: [.symptoms, .diagnosis, .treatment, .causes]
        case .diagnosis: [.diagnosis, .symptoms, .treatment]
        case .treatment: [.treatment, .dosing, .adverseEffects, .prognosis, .prevention]
        case .prognosis: [.prognosis, .treatment, .adverseEffects]
        case .prevention: [.prevention, .causes, .treatment]
        case .epidemiology: [.epidemiology, .causes, .genetics]
        case .adverseEffects: [.adverseEffects, .dosing, .treatment]
        case .dosing: [.dosing, .treatment, .adverseEffects]
        case .genetics: [.genetics, .causes, .epidemiology]
        case .definition: [.definition, .causes, .symptoms, .treatment, .prognosis]
        case .comparison: [.comparison, .treatment, .adverseEffects, .prognosis]
        }
    }

    /// A section heading for this aspect about `topic` ("Causes of Blepharospasm"). Harms and
    /// doses belong to a drug; about a disease they are those of its treatment ("Harms of
    /// Treatment for Blepharospasm", not "Adverse Effects of Blepharospasm"); a drug has uses
    /// ("Uses of Allopurinol", not "Treatment of Allopurinol").
    public func heading(topic: String, topicIsDrug: Bool) -> String {
        if !topicIsDrug {
            switch self {
            case .adverseEffects: return "Harms of Treatment for \(topic)"
            case .dosing: return "Doses of Treatment for \(topic)"
            default: break
            }
        } else {
            // A drug is not treated or prevented: it treats and prevents.
            switch self {
            case .treatment: return "Uses of \(topic)"
            case .prevention: return "Prevention with \(topic)"
            default: break
            }
        }
        return switch self {
        case .causes: "Causes of \(topic)"
        case .mechanism: "Pathophysiology of \(topic)"
        case .symptoms: "Symptoms of \(topic)"
        case .diagnosis: "Diagnosis of \(topic)"
        case .treatment: "Treatment of \(topic)"
        case .prognosis: "Prognosis of \(topic)"
        case .prevention: "Prevention of \(topic)"
        case .epidemiology: "Epidemiology of \(topic)"
        case .adverseEffects: "Adverse Effects of \(topic)"
        case .dosing: "Dosing of \(topic)"
        case .genetics: "Genetics of \(topic)"
        case .definition: "About \(topic)"
        case .comparison: "Comparisons for \(topic)"
        }
    }

    /// A words a search for this aspect may add ("treatment", "therapy").
    var searchWords: [String] {
        switch self {
        case .causes: ["cause", "causes", "risk factors"]
        case .mechanism: ["mechanism", "pathophysiology"]
        case .symptoms: ["symptoms", "signs"]
        case .diagnosis: ["diagnosis", "test"]
        case .treatment: ["treatment", "therapy", "recommended"]
        case .prognosis: ["prognosis", "outlook"]
        case .prevention: ["prevention", "prevent"]
        case .epidemiology: ["prevalence", "incidence", "common"]
        case .adverseEffects: ["adverse effects", "side effects"]
        case .dosing: ["dose", "dosing", "mg"]
        case .genetics: ["genetic", "inherited", "gene"]
        case .definition: []
        case .comparison: ["compared"]
        }
    }
}

/// Matching of intent cues on normalised text: lower-case words separated by single spaces,
/// with a leading and trailing space (``IntentCues/normalized(_:)``).
enum IntentCues {
    /// `text` lower-cased, punctuation turned into spaces, runs of spaces collapsed, padded.
    /// Letters, digits, `/`, `-` and non-ASCII characters are kept (works over UTF-8 bytes).
    static func normalized<S: StringProtocol>(_ text: S) -> String {
        var out: [UInt8] = [0x20]
        out.reserveCapacity(text.utf8.count + 2)
        var pendingSpace = false
        for byte in text.utf8 {
            let kept: UInt8?
            switch byte {
            case 0x41...0x5A: kept = byte + 32
            case 0x61...0x7A, 0x30...0x39, 0x2F, 0x2D, 0x80...0xFF: kept = byte
            default: kept = nil
            }
            if let kept {
                if pendingSpace && out.last != 0x20 { out.append(0x20) }
                pendingSpace = false
                out.append(kept)
            } else {
                pendingSpace = true
            }
        }
        out.append(0x20)
        return String(decoding: out, as: UTF8.self)
    }

    /// `normalized` with each of the normalised `phrases` (padded, as ``normalized(_:)`` makes
    /// them) taken out, their words' place kept by a space.
    static func removing(_ phrases: [String], from normalized: String) -> String {
        var text = normalized
        for phrase in phrases where phrase.utf8.count > 2 {
            text = text.replacingOccurrences(of: phrase, with: " ")
        }
        return text
    }

    /// Caveats of a recommendation ("should be considered (unless contraindicated)") that name
    /// no harm the line is about, normalised.
    static let caveats = [
        " unless contraindicated ", " unless otherwise contraindicated ", " if not contraindicated ", " if not otherwise contraindicated ",
        " in the absence of contraindications ", " unless there are contraindications ", " if there are no contraindications ",
        " if no contraindications ",
    ]

    /// `normalized` without the caveats of ``caveats``.
    static func withoutCaveats(_ normalized: String) -> String {
        normalized.containsBytes("contraindicat") ? removing(caveats, from: normalized) : normalized
    }

    /// True when `cue` occurs at a word start in `normalized` (a cue starting with a space or
    /// ending with one is matched as written).
    static func contains(_ normalized: String, cue: String) -> Bool {
        position(of: cue, in: normalized) != nil
    }

    /// Where `cue` first occurs at a word start, as a byte offset.
    static func position(of cue: String, in normalized: String) -> Int? {
        normalized.firstByteOffset(of: cue.hasPrefix(" ") ? cue : " " + cue)
    }

    /// Sentence cues by their first three bytes (after the leading space), for counting every
    /// intent's cues in one pass over a sentence's word starts.
    private static let sentenceCueIndex: [UInt32: [(intent: Intent, cue: [UInt8])]] = {
        var index: [UInt32: [(Intent, [UInt8])]] = [:]
        for intent in Intent.allCases {
            for cue in intent.sentenceCues {
                let bytes = Array((cue.hasPrefix(" ") ? String(cue.dropFirst()) : cue).utf8)
                guard bytes.count >= 3 else { continue }
                index[key(bytes[0], bytes[1], bytes[2]), default: []].append((intent, bytes))
            }
        }
        return index
    }()

    private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 { UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c) }

    /// Treatment cues that only say a line recommends something ("The USPSTF recommends
    /// screening for …"): what it recommends decides its aspect.
    static let recommendationCues = ["recommend", "should be", "should receive", "offered", "consider", "suggest", "indicated", "option"]

    /// Aspects a recommendation may be about other than treatment, with the cues it needs of
    /// each: one for diagnosis and prevention; two for prognosis, whose single cues ("outcome",
    /// "survival") are also what treatments are recommended for ("should be informed that the
    /// chance for a recurrent seizure is greatest …" is on prognosis).
    static let recommendedAspects: [(aspect: Intent, cues: Int)] = [(.diagnosis, 1), (.prevention, 1), (.prognosis, 2)]

    /// The aspect a recommendation is about when its only treatment cues are recommendation
    /// verbs and it names another aspect ("recommends screening": diagnosis); nil otherwise.
    static func recommendedAspect(_ counts: [Intent: Int], in normalized: String) -> Intent? {
        guard let treatment = counts[.treatment],
              let other = recommendedAspects.first(where: { counts[$0.aspect] ?? 0 >= $0.cues })?.aspect else { return nil }
        let verbs = recommendationCues.filter { contains(normalized, cue: $0) }.count
        return treatment <= verbs ? other : nil
    }

    /// How many of each intent's sentence cues occur at word starts of normalised text.
    static func sentenceCueCounts(_ normalized: String) -> [Intent: Int] {
        var counts: [Intent: Int] = [:]
        var seen = Set<[UInt8]>()
        var text = normalized
        text.withUTF8 { bytes in
            guard bytes.count >= 4 else { return }
            for start in 1..<(bytes.count - 2) where bytes[start - 1] == 0x20 {
                guard let candidates = sentenceCueIndex[key(bytes[start], bytes[start + 1], bytes[start + 2])] else { continue }
                for (intent, cue) in candidates where start + cue.count <= bytes.count && !seen.contains(cue) {
                    var matched = true
                    for offset in 3..<cue.count where bytes[start + offset] != cue[offset] { matched = false; break }
                    if matched {
                        seen.insert(cue)
                        counts[intent, default: 0] += 1
                    }
                }
            }
        }
        return counts
    }

    /// Words of series names in titles that name no aspect of their subject ("ACR
    /// Appropriateness Criteria®"), normalised.
    static let titleSeriesNames = [" appropriateness criteria"]

    /// Every aspect a document title names ("Diagnosis and management of …": diagnosis and
    /// treatment), but for series names.
    static func aspects(inTitle title: String) -> Set<Intent> {
        let text = removing(titleSeriesNames, from: normalized(title))
        return Set(Intent.allCases.filter { intent in
            intent != .definition && intent != .comparison && intent.headingCues.contains { contains(text, cue: $0) }
        })
    }

    /// The aspect a heading path or section label names, if any (the last heading that names
    /// one wins: "Treatment > Dosing" is dosing). Words after "with" or "without" in a heading
    /// describe whom it is about, not what ("Outpatient Treatment > Healthy Adults Without
    /// Comorbidities or Risk Factors for Resistant Pathogens" is on treatment, not on causes).
    static func aspect(ofHeading heading: String) -> Intent? {
        var best: (intent: Intent, position: Int)?
        var offset = 0
        for segment in heading.split(whereSeparator: { $0 == ">" || $0 == ":" || $0 == "›" }) {
            let text = withoutCaveats(normalized(segment))
            let describing = [" with ", " without "].compactMap { text.firstByteOffset(of: $0) }.min()
            var found: [(intent: Intent, position: Int)] = []
            for intent in Intent.allCases where intent != .comparison {
                for cue in intent.headingCues {
                    guard let position = position(of: cue, in: text), describing.map({ position < $0 }) ?? true else { continue }
                    found.append((intent, position))
                }
            }
            // The last aspect a segment names is its own, unless it is the complications an
            // earlier test or prevention is for or of ("Monitoring for Complications" is on
            // monitoring, "Prevention of Complications" on prevention; a "course of treatment" is
            // treatment).
            var chosen: (intent: Intent, position: Int)?
            for cue in found.sorted(by: { $0.position < $1.position }) {
                if let earlier = chosen, [.diagnosis, .prevention].contains(earlier.intent), cue.intent == .prognosis {
                    let between = String(decoding: text.utf8.dropFirst(earlier.position).prefix(cue.position - earlier.position), as: UTF8.self).split(separator: " ")
                    if between.count <= 5, between.contains("for") || between.contains("of") { continue }
                }
                chosen = cue
            }
            if let chosen, best == nil || offset + chosen.position > best!.position { best = (chosen.intent, offset + chosen.position) }
            offset += text.utf8.count
        }
        return best?.intent
    }
}
