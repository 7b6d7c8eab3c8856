import Foundation

/// Reads PubMedQA JSON: one object keyed by PMID, each value an abstract split into labelled
/// `CONTEXTS` with its conclusion in `LONG_ANSWER`, plus `MESHES` and `YEAR`.
public struct PubMedQAImporter: Importer {
    public let format = SourceFormat.pubmedqa

    /// Creates the importer.
    public init() {}

    struct Record: Decodable {
        var CONTEXTS: [String]
        var LABELS: [String]?
        var LONG_ANSWER: String?
        var MESHES: [String]?
        var YEAR: String?
    }

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        var splitter = JSONObjectMemberSplitter()
        let decoder = JSONDecoder()
        var position = 0
        do {
            while let chunk = try reader.next() {
                for member in try splitter.append(chunk) {
                    position += 1
                    try emit(Self.record(member.bytes, position: position, path: path, decoder: decoder))
                }
                progress(reader.compressedOffset)
            }
        } catch let error as JSONObjectMemberSplitter.SyntaxError {
            throw ImportIssue(file: path, record: "after record \(position)", message: "not a JSON object: \(error)")
        }
        if !splitter.isComplete {
            throw ImportIssue(file: path, record: "record \(position + 1)", message: "truncated: the file ends before the JSON object closes")
        }
    }

    static func record(_ bytes: ArraySlice<UInt8>, position: Int, path: String, decoder: JSONDecoder) -> ImportRecord {
        // Wrap the member in braces so it decodes as a one-key object.
        var object: [UInt8] = [UInt8(ascii: "{")]
        object.append(contentsOf: bytes)
        object.append(UInt8(ascii: "}"))
        let decoded: [String: Record]
        do {
            decoded = try decoder.decode([String: Record].self, from: Data(object))
        } catch {
            let key = String(decoding: bytes.prefix(40), as: UTF8.self).split(separator: "\"").first.map(String.init)
            let name = key.map { "record \(position) (PMID \($0))" } ?? "record \(position)"
            return .failure(ImportIssue(file: path, record: name, message: "invalid record: \(DecodingProblem.describe(error))"))
        }
        guard let (pmid, record) = decoded.first else {
            return .failure(ImportIssue(file: path, record: "record \(position)", message: "empty record"))
        }
        guard !pmid.isEmpty, pmid.allSatisfy(\.isNumber) else {
            return .failure(ImportIssue(file: path, record: "record \(position)", message: "key '\(pmid)' is not a PMID"))
        }
        var passages = record.CONTEXTS.enumerated().compactMap { offset, text -> Passage? in
            guard let text = text.nonEmpty else { return nil }
            let label = record.LABELS.flatMap { offset < $0.count ? $0[offset].nonEmpty : nil }
            return Passage(label: label?.uppercased(), text: text)
        }
        if let conclusion = record.LONG_ANSWER?.nonEmpty { passages.append(Passage(label: "CONCLUSIONS", text: conclusion)) }
        return .document(Document(
            id: "pmid:\(pmid)", tier: .research, kind: .journalArticle,
            year: record.YEAR.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
            pmid: pmid, url: "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/",
            meshTerms: record.MESHES ?? [], passages: passages
        ))
    }
}

/// Turns a `DecodingError` into a short sentence naming the field.
enum DecodingProblem {
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { key in
                // Array positions have string values like "Index 3"; dictionary keys keep their text.
                if let index = key.intValue, key.stringValue.hasPrefix("Index ") { return "[\(index)]" }
                return key.stringValue
            }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return "missing field '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case .typeMismatch(let type, let context): return "field '\(path(context))' is not \(type)"
        case .valueNotFound(let type, let context): return "field '\(path(context))' is null, expected \(type)"
        case .dataCorrupted(let context): return "malformed JSON" + (context.codingPath.isEmpty ? "" : " at \(path(context))")
        @unknown default: return "\(error)"
        }
    }
}
