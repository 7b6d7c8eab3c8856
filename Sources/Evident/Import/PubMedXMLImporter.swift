/// Reads PubMed XML (`PubmedArticleSet`): efetch output and the annual baseline and update
/// files, plain or gzipped, including `DeleteCitation` entries.
public struct PubMedXMLImporter: Importer {
    public let format = SourceFormat.pubmedXML

    /// Creates the importer.
    public init() {}

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        var splitter = XMLRecordSplitter(recordNames: ["PubmedArticle", "PubmedBookArticle", "DeleteCitation"])
        let parser = XMLTreeParser()
        var position = 0
        while let chunk = try reader.next() {
            for record in splitter.append(chunk) {
                position += 1
                try emitRecord(record, position: position, path: path, parser: parser, emit: emit)
            }
            progress(reader.compressedOffset)
        }
        if splitter.endsInsideRecord {
            let pmid = PubMedRecordMapper.peekPMID(in: splitter.openRecordPrefix)
            try emit(.failure(ImportIssue(
                file: path, record: recordName(position: position + 1, pmid: pmid),
                message: "truncated: the file ends inside <\(splitter.openRecordName ?? "record")>")))
        }
    }

    private func emitRecord(
        _ record: XMLRecordSplitter.Record, position: Int, path: String, parser: XMLTreeParser,
        emit: (ImportRecord) throws -> Void
    ) throws {
        let node: XMLNode
        do {
            node = try record.bytes.withUnsafeBytes { try parser.parse($0) }
        } catch {
            let pmid = PubMedRecordMapper.peekPMID(in: record.bytes)
            try emit(.failure(ImportIssue(file: path, record: recordName(position: position, pmid: pmid), message: "\(error)")))
            return
        }
        if record.name == "DeleteCitation" {
            for pmid in node.children("PMID") {
                let id = pmid.normalizedText
                if !id.isEmpty { try emit(.deletion(id: "pmid:\(id)")) }
            }
            return
        }
        do {
            try emit(.document(try PubMedRecordMapper.document(from: node)))
        } catch let problem as PubMedRecordMapper.Problem {
            let pmid = node.descendants("PMID").first?.normalizedText
            try emit(.failure(ImportIssue(file: path, record: recordName(position: position, pmid: pmid), message: problem.message)))
        }
    }

    private func recordName(position: Int, pmid: String?) -> String {
        if let pmid, !pmid.isEmpty { return "record \(position) (PMID \(pmid))" }
        return "record \(position)"
    }
}
