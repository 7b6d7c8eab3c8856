/// Words of a question that carry no subject: question words, pronouns, politeness, words of
/// the asked attribute and of qualifiers, and generic nouns. They never name a concept on their
/// own and never count as a subject the answer must cover. Keys are normalised as
/// ``LexiconText`` normalises words (lower-case, plural "s" removed).
enum QuestionWords {
    static let filler: Set<String> = [
        // Question words, auxiliaries, pronouns, articles, prepositions.
        "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "whether", "do", "doe", "did", "done", "is", "are",
        "was", "were", "be", "been", "being", "can", "could", "should", "would", "will", "may", "might", "must", "shall", "have",
        "ha", "had", "having", "get", "got", "getting", "i", "me", "my", "mine", "myself", "we", "u", "our", "you", "your", "he",
        "him", "his", "she", "her", "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here", "a",
        "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "without", "about", "from", "into", "after", "before",
        "during", "over", "under", "between", "and", "or", "but", "if", "so", "than", "then", "not", "no", "yes", "any", "some",
        "all", "each", "every", "other", "another", "such", "same", "very", "really", "also", "just", "only", "still", "even",
        "much", "many", "more", "most", "less", "least", "lot", "lots", "like", "as", "up", "down", "out", "off", "again", "ever",
        "s", "t", "im", "ive", "id", "dont", "doesnt", "cant", "wont", "isnt", "arent", "vs", "versus", "v",
        // Politeness and message filler.
        "hi", "hello", "hey", "dear", "doctor", "doc", "thanks", "thank", "please", "help", "question", "wondering", "wonder",
        "worried", "worry", "concerned", "concern", "recently", "know", "want", "need", "tell", "explain", "ask", "asking",
        "said", "told", "say", "think", "thought", "feel", "felt", "seem", "seems", "appreciate", "advice", "advise", "suggest",
        "anyone", "someone", "something", "anything", "thing", "way", "ways", "kind", "sort", "time", "day", "today", "now",
        "year", "month", "week", "old", "ago", "since", "yesterday", "last", "next", "new", "good", "bad", "best", "better",
        "right", "wrong", "normal", "ok", "okay", "safe", "sure", "possible", "likely", "able", "go", "going", "come", "take",
        "taking", "took", "give", "given", "make", "made", "use", "used", "using", "start", "started", "stop", "keep", "try",
        "tried", "see", "saw", "look", "looking", "find", "found", "mean", "meaning", "happen", "happened", "happening",
        // Attribute words (the asked attribute, not the subject).
        "cause", "causes", "caused", "causing", "reason", "trigger", "risk", "factor", "treat", "treatment", "treated",
        "treating", "therapy", "therapie", "manage", "management", "managed", "managing", "cure", "medication", "medicine",
        "drug", "symptom", "sign", "diagnosis", "diagnose", "diagnosed", "test", "testing", "prognosis", "outlook", "prevent",
        "prevention", "preventing", "side", "effect", "adverse", "dose", "dosage", "dosing", "common", "often", "long", "soon",
        "genetic", "inherited", "inherit", "define", "definition", "option", "recommended", "recommendation", "recommend",
        "guideline", "evidence", "study", "research", "first", "line", "first-line", "initial", "choice", "approach", "tx", "dx",
        "emergency", "acute", "chronic", "severe", "mild", "moderate", "relapse", "flare", "attack", "episode", "level",
        "threshold", "target", "value", "range", "number", "amount", "stage", "type", "form", "case", "condition", "disease",
        "disorder", "syndrome", "problem", "issue", "patient", "people", "person", "adult", "men", "women", "man", "woman",
        "work", "does", "indicated", "indication", "timing", "duration", "mechanism", "work-up", "workup",
        "information", "info", "family", "familie", "detail", "overview", "article", "page", "resource", "fact",
    ]

    /// True when a normalised word carries no subject.
    static func isFiller(_ key: String) -> Bool {
        filler.contains(key) || key.utf8.count < 2 || key.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Words that say something about a disease without changing which disease it is ("gout
    /// flare" is gout; "alcohol use disorder" is not alcohol).
    static let modifiers: Set<String> = [
        "acute", "chronic", "flare", "attack", "exacerbation", "relapse", "relapsing", "severe", "mild", "moderate",
        "recurrent", "early", "late", "advanced", "stable", "unstable", "uncomplicated", "episode", "management",
        "treatment", "therapy", "diagnosis", "prevention", "screening", "initial", "suspected", "known", "new", "onset",
        "benign", "idiopathic", "essential", "primary", "simple", "common", "classic", "typical",
    ]

    /// True when a word only qualifies a disease name: a modifier, or (for names the library
    /// defines as abbreviations) an adjective ("aneurysmal subarachnoid hemorrhage").
    static func isQualifyingWord(_ key: String, adjectivesToo: Bool) -> Bool {
        if modifiers.contains(key) { return true }
        guard adjectivesToo, key.utf8.count >= 5 else { return false }
        return ["al", "ic", "ous", "ive", "ary", "oid", "ant", "ent", "ile"].contains { key.hasSuffix($0) }
    }

    /// Stems of international nonproprietary drug names (WHO): an unknown word ending so is a drug.
    static let drugStems = [
        "mab", "nib", "tinib", "ciclib", "gepant", "tide", "vir", "stat", "gliflozin", "gliptin", "glutide", "parin", "xaban",
        "gatran", "sartan", "pril", "olol", "dipine", "azole", "mycin", "cillin", "cycline", "floxacin", "sone", "lone",
        "tant", "siran", "cept", "ase", "zumab", "ximab", "umab", "limus", "platin", "taxel", "rubicin", "setron", "tidine",
        "prazole", "lukast", "terol", "tropium", "dronate", "fibrate", "glitazone", "caine", "vudine", "buvir", "previr",
        "asvir", "semide", "thiazide", "lisib", "rafenib", "degib", "parib", "zomib", "lintide", "relin", "tocin", "vaptan",
    ]

    /// True when an unknown word looks like a drug's name.
    static func looksLikeDrug(_ word: String) -> Bool {
        word.utf8.count >= 7 && drugStems.contains { word.hasSuffix($0) }
    }

    /// Words that open a question sentence inside a longer message.
    static let questionOpeners: Set<String> = [
        "what", "how", "is", "are", "can", "could", "should", "does", "do", "which", "when", "why", "would", "will", "may",
        "tell", "please", "explain", "any", "whats", "hows", "where", "who", "did", "was", "were",
    ]
}
