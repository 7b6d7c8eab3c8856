import Foundation

/// Reads a MedQuAD XML page (one NIH institute page per file) as one guideline-tier document
/// whose passages are the page's answers, labelled with their question type.
///
/// Handles the three schemas in the collection: `<Document>/<QAPairs>/<QAPair>`, the same
/// under a `<DiseaseFile>` root (one CDC page), and the older `<doc>/<qaPairs>/<pair>` used by a
/// few NINDS pages.
public struct MedQuADImporter: Importer {
    public let format = SourceFormat.medquad

    /// Creates the importer.
    public init() {}

    /// Full names of the institutes that MedQuAD's `source` attribute abbreviates.
    static let institutes: [String: String] = [
        "NINDS": "National Institute of Neurological Disorders and Stroke",
        "CancerGov": "National Cancer Institute",
        "GARD": "Genetic and Rare Diseases Information Center",
        "GHR": "Genetics Home Reference",
        "MPlusHealthTopics": "MedlinePlus",
        "NIDDK": "National Institute of Diabetes and Digestive and Kidney Diseases",
        "NIHSeniorHealth": "NIHSeniorHealth",
        "NHLBI": "National Heart, Lung, and Blood Institute",
        "CDC": "Centers for Disease Control and Prevention",
    ]

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        let parser = XMLTreeParser()
        let root: XMLNode
        do {
            while let chunk = try reader.next() { try chunk.withUnsafeBytes { try parser.feed($0) } }
            root = try parser.finish()
        } catch let error as XMLTreeParser.SyntaxError {
            throw ImportIssue(file: path, message: "\(error)")
        }
        progress(reader.compressedOffset)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        switch Self.document(from: root, fileStem: stem) {
        case .success(let document?): try emit(.document(document))
        case .success(nil): try emit(.skipped(ImportIssue(file: path, record: "page \(stem)", message: "no answers (MedQuAD removed this page's text)")))
        case .failure(let problem): try emit(.failure(ImportIssue(file: path, record: "page \(stem)", message: problem.message)))
        }
    }

    struct Problem: Error { let message: String }

    static func document(from root: XMLNode, fileStem: String) -> Result<Document?, Problem> {
        let isOld = root.name == "doc"
        guard root.name == "Document" || root.name == "DiseaseFile" || isOld else {
            return .failure(Problem(message: "root element is <\(root.name)>, expected <Document>, <DiseaseFile> or <doc>"))
        }
        guard let source = (root.attributes["source"] ?? root.attributes["corpus"])?.nonEmpty else {
            return .failure(Problem(message: "missing source attribute"))
        }
        let focus = root.child(isOld ? "doctitle-focus" : "Focus")?.normalizedText.nonEmpty
        let pairs = root.child(isOld ? "qaPairs" : "QAPairs")?.children(isOld ? "pair" : "QAPair") ?? []
        let passages: [Passage] = pairs.compactMap { pair in
            guard let answer = pair.child(isOld ? "answer" : "Answer")?.text.medquadAnswerText else { return nil }
            let question = pair.child(isOld ? "question" : "Question")
            return Passage(label: question?.attributes["qtype"]?.nonEmpty, heading: question?.normalizedText.nonEmpty, text: answer)
        }
        guard !passages.isEmpty else { return .success(nil) }
        let organization = institutes[source] ?? source
        return .success(Document(
            id: "medquad:\(source)-\(fileStem)", tier: .guideline, kind: .agencyPage,
            title: focus, authors: [organization], source: organization,
            url: root.attributes["url"]?.nonEmpty,
            keywords: focus.map { [$0] } ?? [],
            passages: passages
        ))
    }
}

extension String {
    /// MedQuAD answers use runs of spaces and newlines as paragraph breaks; keep one line per
    /// paragraph, single spaces inside.
    var medquadAnswerText: String? {
        let paragraphs = utf8.split(separator: 0x0A).compactMap { String($0)?.nonEmpty }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n")
    }
}
