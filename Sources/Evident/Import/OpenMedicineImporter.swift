import Foundation

/// Reads the guideline pack that the `open-medicine` package ships: `registry.json` (title,
/// organization, year, DOI, topics per guideline) and `content/<id>/*.md` (its sections).
///
/// Each registry entry becomes one guideline-tier document; each section file's headings
/// become passages, so a reference cites the guideline itself (with its DOI).
public struct OpenMedicineImporter: Importer {
    public let format = SourceFormat.openMedicine

    /// Creates the importer.
    public init() {}

    struct Entry: Decodable {
        var id: String
        var title: String
        var doi: String?
        var year: Int?
        var organization: String?
        var topics: [String]?
        var sections: [String]?
    }

    /// True if `directory` holds `registry.json` and `content/`.
    public static func isPack(directory: String) -> Bool {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        return manager.fileExists(atPath: (directory as NSString).appendingPathComponent("registry.json"))
            && manager.fileExists(atPath: (directory as NSString).appendingPathComponent("content"), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let registryPath = (path as NSString).appendingPathComponent("registry.json")
        let registryBytes = try ChunkReader(path: registryPath).readAll()
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: Data(registryBytes))
        } catch {
            throw ImportIssue(file: registryPath, message: "invalid registry: \(DecodingProblem.describe(error))")
        }
        var consumed: Int64 = Int64(registryBytes.count)
        for (offset, entry) in entries.enumerated() {
            let record = "entry \(offset + 1) (\(entry.id))"
            let folder = (path as NSString).appendingPathComponent("content/\(entry.id)")
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                try emit(.failure(ImportIssue(file: registryPath, record: record, message: "no content folder at \(folder)")))
                continue
            }
            let order = entry.sections ?? []
            let sectionFiles = files.filter { $0.hasSuffix(".md") }.sorted { a, b in
                let (ia, ib) = (order.firstIndex(of: String(a.dropLast(3))) ?? .max, order.firstIndex(of: String(b.dropLast(3))) ?? .max)
                return ia != ib ? ia < ib : a < b
            }
            var passages: [Passage] = []
            var failed = false
            for file in sectionFiles {
                let filePath = (folder as NSString).appendingPathComponent(file)
                let bytes = try ChunkReader(path: filePath).readAll()
                consumed += Int64(bytes.count)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    try emit(.failure(ImportIssue(file: filePath, record: record, message: "not valid UTF-8 (first bad byte at offset \(firstInvalidUTF8Offset(bytes)))")))
                    failed = true
                    break
                }
                passages += MarkdownSections.passages(from: text).passages
            }
            progress(consumed)
            if failed { continue }
            guard !passages.isEmpty else {
                try emit(.failure(ImportIssue(file: folder, record: record, message: "no section text (.md files) for this guideline")))
                continue
            }
            let doi = entry.doi?.nonEmpty
            try emit(.document(Document(
                id: doi.map { "doi:\($0)" } ?? "guideline:\(entry.id)", tier: .guideline, kind: .guidelineSummary,
                title: entry.title, authors: entry.organization.map { [$0] } ?? [], source: entry.organization,
                year: entry.year, doi: doi, url: doi.map { "https://doi.org/\($0)" },
                keywords: entry.topics ?? [], passages: passages
            )))
        }
    }
}
