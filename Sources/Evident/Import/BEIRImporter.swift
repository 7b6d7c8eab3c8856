import Foundation

/// Reads a BEIR `corpus.jsonl`: one `{"_id", "title", "text"}` object per line, research tier.
///
/// Ids are prefixed with the collection name, taken from the corpus's folder
/// (`scifact/corpus.jsonl` → `scifact:4983`).
public struct BEIRImporter: Importer {
    public let format = SourceFormat.beir

    /// Creates the importer.
    public init() {}

    struct Line: Decodable {
        var _id: String
        var title: String?
        var text: String
    }

    /// The id prefix for a corpus file: its folder's name, lower-cased.
    public static func collectionName(for path: String) -> String {
        let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let cleaned = folder.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return cleaned.isEmpty ? "beir" : cleaned
    }

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        let collection = Self.collectionName(for: path)
        var lines = LineSplitter()
        let decoder = JSONDecoder()
        var lineNumber = 0
        func consume(_ line: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            do {
                let record = try decoder.decode(Line.self, from: Data(line))
                guard let id = record._id.nonEmpty else {
                    try emit(.failure(ImportIssue(file: path, record: "line \(lineNumber)", message: "empty _id")))
                    return
                }
                let passages = record.text.nonEmpty.map { [Passage(text: $0)] } ?? []
                try emit(.document(Document(
                    id: "\(collection):\(id)", tier: .research, kind: .journalArticle,
                    title: record.title?.nonEmpty, passages: passages)))
            } catch let error as DecodingError {
                try emit(.failure(ImportIssue(file: path, record: "line \(lineNumber)", message: "invalid record: \(DecodingProblem.describe(error))")))
            }
        }
        while let chunk = try reader.next() {
            for line in lines.append(chunk) { try consume(line) }
            progress(reader.compressedOffset)
        }
        if let last = lines.finish() { try consume(last) }
    }
}
