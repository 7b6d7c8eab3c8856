/// What an importer yields for each record it reads from a source file.
public enum ImportRecord: Sendable {
    /// A document to add or update.
    case document(Document)
    /// A PubMed `DeleteCitation` entry: remove this document if present.
    case deletion(id: String)
    /// A record that could not be read; the file goes on with the next record.
    case failure(ImportIssue)
    /// A well-formed record with nothing to store (a MedQuAD page whose answers were removed).
    case skipped(ImportIssue)
    /// A problem the importer read around (an unknown HTML entity kept as written); the record
    /// it concerns follows as a ``document(_:)``.
    case warning(ImportIssue)
}

/// A problem with one record or one file, with enough context to find it.
public struct ImportIssue: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file the problem is in.
    public var file: String
    /// The record: "PMID 123", "record 7", "line 12"; nil when the whole file failed.
    public var record: String?
    /// What was wrong.
    public var message: String

    /// Creates an issue.
    public init(file: String, record: String? = nil, message: String) {
        self.file = file
        self.record = record
        self.message = message
    }

    /// One line: `FILE: RECORD: MESSAGE`.
    public var description: String {
        [file, record, message].compactMap { $0 }.joined(separator: ": ")
    }
}
