/// A composed answer: guideline statements first, then research, each with numbered citations
/// and the exact quotes they rest on. Its JSON form is stable (see README).
public struct Answer: Codable, Sendable {
    /// One cited statement: a sentence, a table row or a list, quoted from its source.
    public struct Statement: Codable, Sendable, Equatable {
        /// The statement, an exact piece of its quote (empty for a list with no lead-in text).
        public var text: String
        /// The context its source gives it: heading path, table row header, list lead-in.
        public var label: String?
        /// List items, each an exact piece of the quote (nil for a single statement).
        public var items: [String]?
        /// The recommendation's grade, in the source's own words, when it states one.
        public var strength: Strength?
        public var citations: [Int]
        public var evidence: [Evidence]
        /// Why it was chosen (only with `--explain`).
        public var explain: StatementExplanation?

        /// Creates a statement.
        public init(text: String, label: String? = nil, items: [String]? = nil, strength: Strength? = nil, citations: [Int], evidence: [Evidence], explain: StatementExplanation? = nil) {
            self.text = text
            self.label = label
            self.items = items
            self.strength = strength
            self.citations = citations
            self.evidence = evidence
            self.explain = explain
        }

        /// Encodes every key (`null` where absent) except `explain`, which appears only when set.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(label, forKey: .label)
            try container.encode(items, forKey: .items)
            try container.encode(strength, forKey: .strength)
            try container.encode(citations, forKey: .citations)
            try container.encode(evidence, forKey: .evidence)
            try container.encodeIfPresent(explain, forKey: .explain)
        }
    }

    /// A recommendation's grade: the source's words and, when the guideline defines them, what they mean.
    public struct Strength: Codable, Sendable, Equatable {
        /// "Level B", "Strong recommendation, moderate-quality evidence".
        public var grade: String
        /// The guideline's definition of the grade ("Probably effective …").
        public var definition: String?
    }

    /// Where a statement comes from.
    public struct Evidence: Codable, Sendable, Equatable {
        /// Reference number.
        public var reference: Int
        /// `<document id>#<passage ordinal>`.
        public var passageId: String
        /// The exact sentence in the passage.
        public var quote: String
    }

    /// A titled group of statements.
    public struct Section: Codable, Sendable {
        public var heading: String
        public var statements: [Statement]
    }

    /// The guideline part.
    public struct GuidelinePart: Codable, Sendable {
        public var summary: [Statement]
        public var sections: [Section]
        /// Set when the library has no guideline evidence for the question.
        public var note: String?

        /// True when the part says nothing, not even a note (the answer was asked of the other tier only).
        public var isEmpty: Bool { summary.isEmpty && sections.isEmpty && note == nil }

        /// Encodes every key, `note` as `null` when absent.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(summary, forKey: .summary)
            try container.encode(sections, forKey: .sections)
            try container.encode(note, forKey: .note)
        }
    }

    /// The research part.
    public struct ResearchPart: Codable, Sendable {
        public var sections: [Section]
        public var note: String?

        /// True when the part says nothing, not even a note (the answer was asked of the other tier only).
        public var isEmpty: Bool { sections.isEmpty && note == nil }

        /// Encodes every key, `note` as `null` when absent.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sections, forKey: .sections)
            try container.encode(note, forKey: .note)
        }
    }

    /// A recognised medical concept.
    public struct Topic: Codable, Sendable, Equatable {
        public var label: String
        public var meshId: String?

        /// Encodes every key, `null` where absent (the JSON shape is fixed).
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try container.encode(meshId, forKey: .meshId)
        }
    }

    /// One entry of the reference list.
    public struct Reference: Codable, Sendable {
        public var number: Int
        public var documentId: String
        public var tier: Tier
        public var kind: DocumentKind
        public var title: String?
        public var authors: [String]
        public var source: String?
        public var year: Int?
        public var pmid: String?
        public var doi: String?
        /// The source's URL as stored (data: possibly not a web address).
        public var url: String?
        /// What renderers link to: the source's own http(s) URL, else its DOI or PubMed page
        /// (see ``WebLink``); nil when there is nothing safe to link.
        public var link: String?
        /// Guidelines in the library that cite this record ("American Academy of Neurology:
        /// Practice guideline update…"), for research the guidelines rest on.
        public var citedBy: [String] = []

        /// Encodes every key, `null` where absent (the JSON shape is fixed).
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(number, forKey: .number)
            try container.encode(documentId, forKey: .documentId)
            try container.encode(tier, forKey: .tier)
            try container.encode(kind, forKey: .kind)
            try container.encode(title, forKey: .title)
            try container.encode(authors, forKey: .authors)
            try container.encode(source, forKey: .source)
            try container.encode(year, forKey: .year)
            try container.encode(pmid, forKey: .pmid)
            try container.encode(doi, forKey: .doi)
            try container.encode(url, forKey: .url)
            try container.encode(link, forKey: .link)
            try container.encode(citedBy, forKey: .citedBy)
        }

        /// Formatted like a journal's reference list: authors or organization, title, source, year, identifiers.
        public var citation: String {
            var parts: [String] = []
            if !authors.isEmpty {
                parts.append(authors.count > 3 ? authors.prefix(3).joined(separator: ", ") + ", et al" : authors.joined(separator: ", "))
            } else if let source { parts.append(source) }
            if let title {
                parts.append(title.hasSuffix(".") ? String(title.dropLast()) : title)
            } else if authors.isEmpty && source == nil {
                parts.append(pmid != nil ? "PubMed abstract" : "Untitled document")
            }
            let venue = [authors.isEmpty ? nil : source, year.map(String.init)].compactMap { $0 }.joined(separator: ", ")
            if !venue.isEmpty { parts.append(venue) }
            var identifiers: [String] = []
            if let pmid { identifiers.append("PMID: \(pmid)") }
            if let doi { identifiers.append("doi:\(doi)") }
            if let url, pmid == nil, doi == nil { identifiers.append(url) }
            let cited = citedBy.isEmpty ? "" : " Cited by: " + citedBy.joined(separator: "; ") + "."
            return (parts.joined(separator: ". ") + ".") + (identifiers.isEmpty ? "" : " " + identifiers.joined(separator: ". ")) + cited
        }
    }

    /// A spelling correction made to the question.
    public typealias Correction = StructuredQuery.Correction

    public var question: String
    /// The question as answered, when spelling was corrected ("showing results for …").
    public var correctedQuestion: String?
    public var corrections: [Correction]
    public var intent: Intent
    /// The concepts the answer is about (the primary one first).
    public var topics: [Topic]
    public var guidelines: GuidelinePart
    public var research: ResearchPart
    /// What the evidence does not cover: a concept or qualifier of the question no statement addresses.
    public var notes: [String]
    public var references: [Reference]
    /// Set when the library holds nothing relevant: what to ingest instead.
    public var message: String?
    public var disclaimer: String
    public var elapsedMs: Double
    /// How the question was understood (only with `--explain`).
    public var explain: StructuredQuery?

    /// Encodes every key (`null` where absent) except `explain`, which appears only when set.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(question, forKey: .question)
        try container.encode(correctedQuestion, forKey: .correctedQuestion)
        try container.encode(corrections, forKey: .corrections)
        try container.encode(intent, forKey: .intent)
        try container.encode(topics, forKey: .topics)
        try container.encode(guidelines, forKey: .guidelines)
        try container.encode(research, forKey: .research)
        try container.encode(notes, forKey: .notes)
        try container.encode(references, forKey: .references)
        try container.encode(message, forKey: .message)
        try container.encode(disclaimer, forKey: .disclaimer)
        try container.encode(elapsedMs, forKey: .elapsedMs)
        try container.encodeIfPresent(explain, forKey: .explain)
    }

    /// Every statement, guideline first, in reading order.
    public var allStatements: [Statement] {
        guidelines.summary + guidelines.sections.flatMap(\.statements) + research.sections.flatMap(\.statements)
    }

    /// The default closing disclaimer.
    public static let defaultDisclaimer = "This summary is generated from the sources cited above and is not medical advice; check the cited sources and use clinical judgement."
}
