/// The measure a question asks the value of: "what *systolic* blood pressure should I aim for",
/// "how many *hours* after onset", "what ascitic *PMN* count diagnoses SBP", "at what daily
/// *MME* dose". A statement answers such a question only when it gives a number for that
/// measure; one that gives a number for something else (a drug's infusion rate for a blood
/// pressure target) does not.
enum AskedMeasure {
    /// Words that say a value is asked without naming what it is of ("what *dose*", "what
    /// *level*"): they make a question a value question but are not its measure.
    static let valueNouns: Set<String> = [
        "dose", "dosage", "dosing", "level", "levels", "value", "values", "count", "counts", "number", "amount", "rise", "increase",
        "drop", "fall", "target", "targets", "goal", "cutoff", "cut", "threshold", "thresholds", "range", "ratio", "rate", "score",
        "volume", "concentration", "percentage", "percent", "limit", "maximum", "minimum", "max", "min", "interval", "frequency",
        "duration", "time", "window", "age", "size", "point", "points", "daily", "total", "initial", "starting", "usual", "normal",
        "much", "many", "often", "long", "soon", "high", "low",
    ]

    /// Value nouns that are a measure of their own ("up to what *age*", "what *weight*"), with
    /// the words that state a value of it ("females *aged* 24 *years* or younger").
    static let ownMeasures: [String: [String]] = [
        "age": ["age", "aged", "year", "old", "older", "younger"],
        "weight": ["weight", "kg", "kilogram", "pound", "lb"],
        "duration": ["duration", "day", "week", "month", "year", "hour"],
        "interval": ["interval", "every", "day", "week", "month", "year"],
        "frequency": ["frequency", "every", "daily", "weekly", "monthly", "annually", "yearly", "year"],
    ]

    /// Words that end the asked phrase ("what systolic blood pressure *should* …").
    static let phraseEnd: Set<String> = [
        "should", "shall", "would", "could", "can", "must", "will", "may", "might", "is", "are", "was", "were", "be", "do", "doe",
        "does", "did", "has", "have", "for", "in", "of", "to", "with", "on", "at", "after", "before", "from", "by", "per", "and", "or",
        "make", "makes", "diagnose", "diagnoses", "define", "defines", "mean", "means", "indicate", "indicates",
        "need", "needs", "needed", "required", "give", "given", "use", "used", "i", "we", "you", "a", "an", "the",
    ]

    /// Words that open the asked phrase.
    static let openers: Set<String> = ["what", "which"]

    /// The key of the measure's most specific word, or nil when the question asks no value of a
    /// named measure. `frequency` gives a word's document frequency (the rarest word of the
    /// phrase is the one a statement must name: "systolic", not "blood").
    static func detect(in words: [LexiconText.Word], intent: Intent, details: [AttributeDetail],
                       frequency: (String) -> Int) -> String? {
        let keys = words.map(\.key)
        let asksValue = intent == .dosing || details.contains(.threshold) || details.contains(.duration)
        for start in keys.indices {
            var phraseStart: Int?
            var quantity = false
            if keys[start] == "how", start + 1 < keys.count, keys[start + 1] == "many" || keys[start + 1] == "much" {
                phraseStart = start + 2
                quantity = true
            } else if openers.contains(keys[start]) {
                phraseStart = start + 1
            }
            guard let first = phraseStart else { continue }
            var phrase: [String] = []
            var index = first
            while index < keys.count, phrase.count < 4, !phraseEnd.contains(keys[index]) {
                phrase.append(keys[index])
                index += 1
            }
            guard !phrase.isEmpty else { continue }
            // "what *dose*", "how many …": a value is asked; "what treatment": it is not.
            guard quantity || asksValue || phrase.contains(where: valueNouns.contains) else { continue }
            let named = phrase.filter(isNamingWord)
            // "Wells score for PE - what cutoff makes PE likely?": the measure is named elsewhere,
            // before a word that says it is a value ("*Wells* score").
            guard let rarest = named.min(by: { frequency($0) < frequency($1) }) ?? namedBeforeValueNoun(keys)
                    ?? phrase.first(where: { ownMeasures[$0] != nil }) else { continue }
            return rarest
        }
        return nil
    }

    private static func isNamingWord(_ key: String) -> Bool {
        !valueNouns.contains(key) && !phraseEnd.contains(key) && !QuestionWords.isFiller(key) && key.utf8.count >= 2
    }

    /// The word before the first value noun of the question ("wells" of "Wells score"), if it names something.
    private static func namedBeforeValueNoun(_ keys: [String]) -> String? {
        for index in keys.indices.dropFirst() where valueNouns.contains(keys[index]) && isNamingWord(keys[index - 1]) {
            return keys[index - 1]
        }
        return nil
    }

    /// True when the words give a number and they or their context (a row header, a list's
    /// lead-in) name the measure.
    static func isStated(_ measure: String, in words: [LexiconText.Word], context: [LexiconText.Word]) -> Bool {
        // "hours" meets "hour", "creatinine" meets "creatinine": the first letters but the last,
        // at most seven; a short measure ("PMN", "MME") is matched whole.
        let short = measure.utf8.count <= 4
        let stem = String(measure.prefix(min(7, measure.count - 1)))
        let forms = ownMeasures[measure].map(Set.init)
        func names(_ word: LexiconText.Word) -> Bool {
            if let forms { return forms.contains(word.key) }
            return short ? word.key == measure || word.key == measure + "s" : word.key.hasPrefix(stem)
        }
        guard words.contains(where: { $0.key.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } == true }) else { return false }
        return words.contains(where: names) || context.contains(where: names)
    }
}
