import Foundation

/// Reads PubMed XML (`PubmedArticleSet`): efetch output and the annual baseline and update
/// files, plain or gzipped, including `DeleteCitation` entries.
public struct PubMedXMLImporter: Importer {
    public let format = SourceFormat.pubmedXML

    /// Creates the importer.
    public init() {}

    /// Parts of a PubMed record that Evident does not store; their subtrees are never built.
    static let unreadElements: Set<String> = [
        "ReferenceList", "CommentsCorrectionsList", "History", "ChemicalList", "GrantList", "AffiliationInfo",
        "MedlineJournalInfo", "SupplMeshList", "GeneSymbolList", "InvestigatorList", "DataBankList",
        "OtherAbstract", "GeneralNote", "PersonalNameSubjectList", "Pagination",
    ]

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        var splitter = XMLRecordSplitter(recordNames: ["PubmedArticle", "PubmedBookArticle", "DeleteCitation"])
        let parsers = (0..<Self.workers).map { _ in XMLTreeParser(skipping: Self.unreadElements) }
        var pending: [XMLRecordSplitter.Record] = []
        var position = 0
        func drain() throws {
            for record in mapInParallel(pending, firstPosition: position + 1, path: path, parsers: parsers) {
                try emit(record)
            }
            position += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        do {
            while let chunk = try reader.next() {
                for record in splitter.append(chunk) {
                    pending.append(record)
                    if pending.count >= Self.recordsPerRound { try drain() }
                }
                progress(reader.compressedOffset)
            }
        } catch let issue as ImportIssue {
            // A corrupt or truncated stream: keep every record read before the damage.
            try drain()
            throw issue
        }
        try drain()
        if splitter.endsInsideRecord {
            let pmid = PubMedRecordMapper.peekPMID(in: splitter.openRecordPrefix)
            try emit(.failure(ImportIssue(
                file: path, record: recordName(position: position + 1, pmid: pmid),
                message: "truncated: the file ends inside <\(splitter.openRecordName ?? "record")>")))
        }
    }

    /// Parsing threads: records are cut cheaply on one thread, then parsed and mapped on these.
    static let workers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    /// Records parsed per parallel round (bounds memory; order is kept).
    static let recordsPerRound = 256

    /// Parses and maps records on ``workers`` threads, returning results in input order.
    private func mapInParallel(_ records: [XMLRecordSplitter.Record], firstPosition: Int, path: String, parsers: [XMLTreeParser]) -> [ImportRecord] {
        guard !records.isEmpty else { return [] }
        let results = UnsafeMutableBufferPointer<[ImportRecord]>.allocate(capacity: records.count)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        let workers = min(parsers.count, records.count)
        nonisolated(unsafe) let output = results
        // Each worker touches only its own parser and its own result slots.
        nonisolated(unsafe) let parsers = parsers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < records.count {
                output[index] = mapRecord(records[index], position: firstPosition + index, path: path, parser: parsers[worker])
                index += workers
            }
        }
        return results.flatMap { $0 }
    }

    private func mapRecord(_ record: XMLRecordSplitter.Record, position: Int, path: String, parser: XMLTreeParser) -> [ImportRecord] {
        let node: XMLNode
        do {
            node = try record.bytes.withUnsafeBytes { try parser.parse($0) }
        } catch {
            let pmid = PubMedRecordMapper.peekPMID(in: record.bytes)
            return [.failure(ImportIssue(file: path, record: recordName(position: position, pmid: pmid), message: "\(error)"))]
        }
        if record.name == "DeleteCitation" {
            return node.children("PMID").compactMap { pmid in
                pmid.normalizedText.nonEmpty.map { .deletion(id: "pmid:\($0)") }
            }
        }
        do {
            return [.document(try PubMedRecordMapper.document(from: node))]
        } catch let problem as PubMedRecordMapper.Problem {
            let pmid = node.descendants("PMID").first?.normalizedText
            return [.failure(ImportIssue(file: path, record: recordName(position: position, pmid: pmid), message: problem.message))]
        } catch {
            return [.failure(ImportIssue(file: path, record: recordName(position: position, pmid: nil), message: "\(error)"))]
        }
    }

    private func recordName(position: Int, pmid: String?) -> String {
        if let pmid, !pmid.isEmpty { return "record \(position) (PMID \(pmid))" }
        return "record \(position)"
    }
}
