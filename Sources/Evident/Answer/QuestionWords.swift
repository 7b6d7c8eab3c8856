/// Words of a question that carry no subject: question words, pronouns, politeness, words of
/// the asked attribute and of qualifiers, and generic nouns. They never name a concept on their
/// own and never count as a subject the answer must cover. Keys are normalised as
/// ``LexiconText`` normalises words (lower-case, plural "s" removed).
enum QuestionWords {
    static let filler: Set<String> = [
        // Question words, auxiliaries, pronouns, articles, prepositions.
        "1st", "2nd", "3rd", "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "whether", "do", "doe", "did", "done", "is", "are",
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
        "threshold", "target", "goal", "cutoff", "value", "range", "number", "amount", "stage", "type", "form", "case", "condition", "disease",
        "disorder", "syndrome", "problem", "issue", "patient", "people", "person", "adult", "men", "women", "man", "woman",
        "work", "does", "indicated", "indication", "timing", "duration", "mechanism", "work-up", "workup",
        "information", "info", "family", "familie", "detail", "overview", "article", "page", "resource", "fact",
    ]

    /// Words that carry no subject in a question, though in evidence they may name one: the asked
    /// attribute ("ACE inhibitor contraindications"), a drug's form ("do I need tablets?" asks
    /// for drug treatment), readings of a measure.
    static let questionFiller: Set<String> = ["contraindication", "contraindicated", "tablet", "pill", "capsule", "reading"]

    /// True when a normalised word carries no subject.
    static func isFiller(_ key: String) -> Bool {
        filler.contains(key) || key.utf8.count < 2 || key.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// True when a normalised word of a question carries no subject.
    static func isQuestionFiller(_ key: String) -> Bool {
        isFiller(key) || questionFiller.contains(key)
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
        "rsen", "grastim", "ciguat", "camten", "dostat", "sertib", "lutamide", "glinide", "orexant",
    ]

    /// True when an unknown word looks like a drug's name.
    static func looksLikeDrug(_ word: String) -> Bool {
        word.utf8.count >= 7 && drugStems.contains { word.hasSuffix($0) }
    }

    /// Clinical shorthand that no vocabulary defines but every clinician writes, and what it
    /// stands for (linked through the vocabulary once written out).
    static let shorthand: [String: String] = [
        "afib": "atrial fibrillation", "a-fib": "atrial fibrillation", "aflutter": "atrial flutter", "htn": "hypertension",
        "dm": "diabetes mellitus", "dm2": "type 2 diabetes", "t2dm": "type 2 diabetes", "t1dm": "type 1 diabetes", "dm1": "type 1 diabetes",
        "chf": "heart failure", "hfref": "heart failure with reduced ejection fraction", "hfpef": "heart failure with preserved ejection fraction",
        "cad": "coronary artery disease", "mi": "myocardial infarction", "stemi": "ST elevation myocardial infarction",
        "nstemi": "non-ST elevation myocardial infarction", "acs": "acute coronary syndrome", "tia": "transient ischemic attack",
        "cva": "stroke", "dvt": "deep vein thrombosis", "vte": "venous thromboembolism", "pe": "pulmonary embolism",
        "ckd": "chronic kidney disease", "aki": "acute kidney injury", "esrd": "end-stage renal disease", "uti": "urinary tract infection",
        "cap": "community-acquired pneumonia", "pna": "pneumonia", "copd": "chronic obstructive pulmonary disease",
        "ards": "acute respiratory distress syndrome", "osa": "obstructive sleep apnea", "gerd": "gastroesophageal reflux",
        "ugib": "upper gastrointestinal bleeding", "lgib": "lower gastrointestinal bleeding",
        "ibd": "inflammatory bowel disease", "ibs": "irritable bowel syndrome", "uc": "ulcerative colitis", "ra": "rheumatoid arthritis",
        "oa": "osteoarthritis", "sle": "systemic lupus erythematosus", "ms": "multiple sclerosis", "als": "amyotrophic lateral sclerosis",
        "bph": "benign prostatic hyperplasia", "dka": "diabetic ketoacidosis", "hhs": "hyperosmolar hyperglycemic state",
        "tbi": "traumatic brain injury", "sah": "subarachnoid hemorrhage", "ich": "intracerebral hemorrhage", "lbp": "low back pain",
        "mdd": "major depressive disorder", "gad": "generalized anxiety disorder", "ptsd": "post-traumatic stress disorder",
        "adhd": "attention deficit hyperactivity disorder", "aud": "alcohol use disorder", "oud": "opioid use disorder",
        "etoh": "alcohol", "ult": "urate-lowering therapy", "ssri": "selective serotonin reuptake inhibitors", "ssris": "selective serotonin reuptake inhibitors", "nsaid": "anti-inflammatory agents",
        "nsaids": "anti-inflammatory agents", "ppi": "proton pump inhibitors", "ppis": "proton pump inhibitors", "ics": "inhaled corticosteroids",
        "doac": "direct oral anticoagulant", "doacs": "direct oral anticoagulants", "sglt2i": "SGLT2 inhibitors", "a1c": "HbA1c",
        "hba1c": "HbA1c", "bp": "blood pressure", "crc": "colorectal cancer", "hcc": "hepatocellular carcinoma",
        "nafld": "non-alcoholic fatty liver disease", "nash": "non-alcoholic steatohepatitis", "hiv": "HIV infection",
        "rsv": "respiratory syncytial virus infection", "cdiff": "Clostridium difficile infection",
        "mrsa": "methicillin-resistant Staphylococcus aureus", "pud": "peptic ulcer disease",
        "abx": "antibacterial agents", "vanc": "vancomycin", "vanco": "vancomycin", "amox": "amoxicillin", "tx": "treatment",
        "dx": "diagnosis", "ddx": "differential diagnosis", "sx": "symptoms", "mgmt": "management",
        "strep": "streptococcal infections", "staph": "staphylococcal infections",
        "acei": "angiotensin-converting enzyme inhibitors", "aceis": "angiotensin-converting enzyme inhibitors",
        "arb": "angiotensin receptor antagonists", "arbs": "angiotensin receptor antagonists", "tpa": "tissue plasminogen activator",
        "benzo": "benzodiazepines", "benzos": "benzodiazepines", "resus": "resuscitation", "hrt": "hormone replacement therapy", "mht": "hormone replacement therapy",
        "mmi": "methimazole", "ptu": "propylthiouracil", "infxn": "infection", "infxns": "infections",
    ]

    /// Two-word lay and clinical shorthand, written out before linking: a pair MeSH does not
    /// name, whose words alone mean something else ("water pills" is not water).
    static let shorthandPairs: [String: String] = [
        "c diff": "Clostridium difficile infection", "strep throat": "streptococcal pharyngitis",
        "gi bleed": "gastrointestinal bleeding", "gi bleeding": "gastrointestinal bleeding", "gi bleeds": "gastrointestinal bleeding",
        "brain bleed": "intracranial hemorrhage", "nose bleed": "epistaxis", "nose bleeds": "epistaxis",
        "water pill": "diuretics", "water pills": "diuretics", "water tablet": "diuretics", "water tablets": "diuretics",
        "mini stroke": "transient ischemic attack", "mini-stroke": "transient ischemic attack",
        "sugar diabetes": "diabetes mellitus", "heart flutter": "atrial flutter",
        "sugar level": "blood glucose", "sugar levels": "blood glucose", "sugar reading": "blood glucose", "sugar readings": "blood glucose",
        "thyroid lump": "thyroid nodule", "neck lump": "neck mass",
        "underactive thyroid": "hypothyroidism", "overactive thyroid": "hyperthyroidism", "acid reflux": "gastroesophageal reflux",
        "water infection": "urinary tract infections", "stomach bug": "gastroenteritis", "stomach flu": "gastroenteritis",
        "enlarged prostate": "prostatic hyperplasia", "blood clot": "thrombosis", "blood clots": "thrombosis",
        // "ED" after a preposition or article is a place, not erectile dysfunction.
        "in ed": "in the emergency department", "the ed": "the emergency department", "to ed": "to the emergency department",
        "hep a": "hepatitis A", "hep b": "hepatitis B", "hep c": "hepatitis C", "hep e": "hepatitis E",
        "ear infection": "otitis media", "ear infections": "otitis media", "latent tb": "latent tuberculosis",
        "chest infection": "respiratory tract infections", "chest infections": "respiratory tract infections",
        "baby blues": "postpartum depression", "hot flushes": "hot flashes", "hot flush": "hot flashes", "hot flashes": "hot flashes",
        "beers criteria": "potentially inappropriate medication list", "beers list": "potentially inappropriate medication list",
        "per beers": "per potentially inappropriate medication list", "beers criterion": "potentially inappropriate medication list",
    ]

    /// Words that open a question sentence inside a longer message.
    static let questionOpeners: Set<String> = [
        "what", "how", "is", "are", "can", "could", "should", "does", "do", "which", "when", "why", "would", "will", "may",
        "tell", "please", "explain", "any", "whats", "hows", "where", "who", "did", "was", "were",
    ]

    /// Words by which a question refers back to something named before it ("is it safe?").
    static let referringWords: Set<String> = ["it", "its", "this", "that", "these", "those", "them", "they", "their"]

    /// Verbs that make "back" an adverb ("coming back", "it came back", "get back to work").
    static let verbsBeforeBack: Set<String> = [
        "come", "comes", "coming", "came", "go", "goes", "going", "went", "get", "gets", "getting", "got", "bring", "brings",
        "bringing", "brought", "keep", "keeps", "kept", "grow", "grows", "growing", "grew", "flare", "flares", "flared", "bounce",
        "is", "be", "was", "been", "are", "turn", "turned", "cut", "cutting", "hold", "holding", "held", "look", "looking",
    ]

    /// True when the word at `position` is "back" as an adverb, not the body part ("stop it
    /// coming back", "it came back after a year").
    static func isAdverbialBack(_ words: [LexiconText.Word], at position: Int) -> Bool {
        guard words[position].key == "back", position > 0 else { return false }
        let before = words[position - 1].original.lowercased()
        return verbsBeforeBack.contains(before) || position > 1 && referringWords.contains(before) && verbsBeforeBack.contains(words[position - 2].original.lowercased())
    }

    /// True when a question refers back to something the message named before it.
    static func refersBack(_ question: String) -> Bool {
        LexiconText.words(question).contains { referringWords.contains($0.key) }
    }
}
