import Foundation

/// Relevance judgements (qrels): query id → document id → graded relevance.
public struct RelevanceJudgments: Sendable {
    public var judgments: [String: [String: Int]]

    /// Creates judgements from a dictionary.
    public init(_ judgments: [String: [String: Int]]) { self.judgments = judgments }

    /// A problem reading a qrels file, naming the line.
    public struct ParseError: Error, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path): line \(line): \(message)" }
    }

    /// Reads a BEIR qrels TSV (`query-id corpus-id score`, header optional) or a TREC qrels file
    /// (`query-id 0 doc-id relevance`).
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ParseError(path: path, line: 0, message: "cannot read the file as UTF-8")
        }
        var judgments: [String: [String: Int]] = [:]
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            if fields.isEmpty { continue }
            if offset == 0 && fields.first == "query-id" { continue }
            let (query, document, grade): (String, String, String)
            switch fields.count {
            case 3: (query, document, grade) = (fields[0], fields[1], fields[2])
            case 4: (query, document, grade) = (fields[0], fields[2], fields[3])
            default: throw ParseError(path: path, line: offset + 1, message: "expected 3 (BEIR) or 4 (TREC) fields, found \(fields.count)")
            }
            guard let relevance = Int(grade) else { throw ParseError(path: path, line: offset + 1, message: "relevance '\(grade)' is not an integer") }
            judgments[query, default: [:]][document] = relevance
        }
        self.judgments = judgments
    }
}
