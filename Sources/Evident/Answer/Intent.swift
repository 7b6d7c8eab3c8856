/// What a question asks about. Answers put the asked intent's section first, then related ones.
public enum Intent: String, Codable, Sendable, CaseIterable {
    case causes, mechanism, symptoms, diagnosis, treatment, prognosis, prevention, epidemiology
    case adverseEffects = "adverse effects"
    case dosing, genetics, definition, comparison

    /// Cue phrases (lower-case, matched as word prefixes) that signal the intent in a question.
    var cues: [String] {
        switch self {
        case .causes: ["cause", "caus", "why do", "why does", "why is", "risk factor", "etiolog", "aetiolog", "what leads to", "trigger", "reason for", "due to", "responsible for", "contribut"]
        case .mechanism: ["mechanism", "pathophysiolog", "pathogenes", "how does", "how do", "mediat", "pathway"]
        case .symptoms: ["symptom", "signs ", "sign of", "presentation", "manifest", "feel like", "look like", "clinical feature"]
        case .diagnosis: ["diagnos", "test for", "tests", "detect", "screen", "confirm", "workup", "work-up", "imaging", "biopsy", "how is it found"]
        case .treatment: ["treat", "therap", "manag", "cure", "medication", "medicine for", "drug for", "what helps", "relief", "surgery", "first-line", "first line"]
        case .prognosis: ["prognos", "outlook", "survival", "life expectancy", "recover", "go away", "long-term", "mortality", "course of"]
        case .prevention: ["prevent", "avoid", "reduce the risk", "lower the risk", "prophyla", "vaccin"]
        case .epidemiology: ["how common", "prevalen", "inciden", "epidemiolog", "who gets", "how many people", "frequen"]
        case .adverseEffects: ["side effect", "adverse", "toxicit", "harm", "safe", "safety", "complication", "interaction"]
        case .dosing: ["dose", "dosage", "dosing", "how much", "how often", "mg", "regimen"]
        case .genetics: ["gene", "genetic", "inherit", "heredit", "run in families", "mutation", "familial"]
        case .definition: ["what is", "what are", "define", "definition", "meaning of", "explain", "tell me about"]
        case .comparison: [" vs ", " vs. ", " versus ", "compared", "comparison", "better than", "difference between"]
        }
    }

    /// The intents whose sections follow this one's, in order.
    public var related: [Intent] {
        switch self {
        case .causes: [.causes, .genetics, .mechanism, .epidemiology, .symptoms, .treatment]
        case .mechanism: [.mechanism, .causes, .genetics, .symptoms]
        case .symptoms: [.symptoms, .diagnosis, .causes, .treatment]
        case .diagnosis: [.diagnosis, .symptoms, .treatment]
        case .treatment: [.treatment, .dosing, .adverseEffects, .prognosis]
        case .prognosis: [.prognosis, .treatment, .adverseEffects]
        case .prevention: [.prevention, .causes, .treatment]
        case .epidemiology: [.epidemiology, .causes, .genetics]
        case .adverseEffects: [.adverseEffects, .dosing, .treatment]
        case .dosing: [.dosing, .adverseEffects, .treatment]
        case .genetics: [.genetics, .causes, .epidemiology]
        case .definition: [.definition, .symptoms, .causes, .treatment, .prognosis]
        case .comparison: [.comparison, .treatment, .adverseEffects, .prognosis]
        }
    }

    /// A section heading for this intent about `topic` ("Causes of Blepharospasm").
    public func heading(topic: String) -> String {
        switch self {
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

    /// The intent a question asks, by its cue phrases (the first cue found wins ties by position:
    /// the question's own words come before the generic "what is").
    public static func detect(in question: String) -> Intent {
        let text = " " + question.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") + " "
        var best: (intent: Intent, score: Int)?
        for intent in Intent.allCases where intent != .definition {
            let score = intent.cues.reduce(0) { count, cue in
                count + (cue.hasPrefix(" ") ? (text.contains(cue) ? 1 : 0) : (text.contains(" " + cue) ? 1 : 0))
            }
            if score > 0 && (best == nil || score > best!.score) { best = (intent, score) }
        }
        return best?.intent ?? .definition
    }
}
