import Foundation

/// Reads MEDLINE text records (`.nbib`, PubMed's "MEDLINE" export): `TAG - value` lines,
/// continuation lines indented, records separated by blank lines.
public struct MedlineImporter: Importer {
    public let format = SourceFormat.medline

    /// Creates the importer.
    public init() {}

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        var lines = LineSplitter()
        var fields: [(tag: String, value: String)] = []
        var position = 0
        var lineNumber = 0
        var recordLine = 1

        func flush() throws {
            guard !fields.isEmpty else { return }
            position += 1
            let record = fields
            fields.removeAll()
            do {
                try emit(.document(try MedlineRecord(fields: record).document()))
            } catch let problem as MedlineRecord.Problem {
                let pmid = record.first { $0.tag == "PMID" }?.value
                let name = pmid.map { "record \(position) (PMID \($0))" } ?? "record \(position) (line \(recordLine))"
                try emit(.failure(ImportIssue(file: path, record: name, message: problem.message)))
            }
        }

        func consume(_ line: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard let text = String(validating: line, as: UTF8.self) else {
                throw ImportIssue(file: path, record: "line \(lineNumber)", message: "not valid UTF-8")
            }
            if text.allSatisfy(\.isWhitespace) { try flush(); return }
            if text.first == " " || text.first == "\t" {
                guard !fields.isEmpty else { return }
                fields[fields.count - 1].value += " " + text.trimmingCharacters(in: .whitespaces)
                return
            }
            guard let dash = text.firstIndex(of: "-"), text.distance(from: text.startIndex, to: dash) <= 4 else {
                throw ImportIssue(file: path, record: "line \(lineNumber)", message: "expected 'TAG - value', found '\(text.prefix(40))'")
            }
            if fields.isEmpty { recordLine = lineNumber }
            let tag = text[..<dash].trimmingCharacters(in: .whitespaces)
            let value = text[text.index(after: dash)...].trimmingCharacters(in: .whitespaces)
            if tag == "PMID" { try flush(); recordLine = lineNumber }
            fields.append((tag, value))
        }

        while let chunk = try reader.next() {
            for line in lines.append(chunk) { try consume(line) }
            progress(reader.compressedOffset)
        }
        if let last = lines.finish() { try consume(last) }
        try flush()
    }
}

/// The fields of one MEDLINE record and their mapping to a ``Document``.
struct MedlineRecord {
    struct Problem: Error { let message: String }
    let fields: [(tag: String, value: String)]

    func values(_ tag: String) -> [String] { fields.filter { $0.tag == tag }.map(\.value) }
    func value(_ tag: String) -> String? { values(tag).first?.nonEmpty }

    func document() throws -> Document {
        guard let pmid = value("PMID") else { throw Problem(message: "missing PMID field") }
        guard pmid.allSatisfy(\.isNumber) else { throw Problem(message: "PMID '\(pmid)' is not a number") }
        let types = values("PT")
        let kind = DocumentKind.fromPublicationTypes(types)
        let articleIDs = values("AID") + values("LID")
        let doi = articleIDs.first { $0.hasSuffix("[doi]") }.map { String($0.dropLast(5)).trimmingCharacters(in: .whitespaces) }
        return Document(
            id: "pmid:\(pmid)", tier: kind.defaultTier, kind: kind, title: value("TI")?.collapsingWhitespace,
            authors: values("AU").compactMap(\.nonEmpty),
            source: value("JT") ?? value("TA"),
            year: value("DP").flatMap(PubMedRecordMapper.firstYear(in:)),
            pmid: pmid, doi: doi, pmcid: value("PMC"), url: "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/",
            meshTerms: values("MH").map(Self.meshDescriptor),
            keywords: values("OT").compactMap(\.nonEmpty),
            publicationTypes: types,
            revised: value("LR").flatMap(Self.isoDate),
            passages: value("AB").map { StructuredAbstract.sections(of: $0.collapsingWhitespace) } ?? []
        )
    }

    /// "Information Storage and Retrieval/*methods" → "Information Storage and Retrieval".
    static func meshDescriptor(_ heading: String) -> String {
        let descriptor = heading.split(separator: "/", maxSplits: 1).first.map(String.init) ?? heading
        return descriptor.trimmingCharacters(in: CharacterSet(charactersIn: "* "))
    }

    /// "20041117" → "2004-11-17".
    static func isoDate(_ compact: String) -> String? {
        let digits = compact.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isNumber) else { return nil }
        let chars = Array(digits)
        return "\(String(chars[0..<4]))-\(String(chars[4..<6]))-\(String(chars[6..<8]))"
    }
}
