import Foundation

/// Reads a guideline written in Markdown with a metadata header:
///
/// ```
/// ---
/// title: Clinical Practice Guideline for the Management of Gout
/// organization: American College of Rheumatology
/// year: 2020
/// doi: 10.1002/art.41247
/// url: https://...
/// tier: guideline            # or research; default guideline
/// kind: practice guideline   # optional, see DocumentKind
/// id: acr-gout-2020          # optional; default doi:<doi>, else guideline:<file name>
/// ---
/// # Heading
/// text ...
/// ```
///
/// Each heading's text becomes one passage, labelled with its heading path.
public struct GuidelineMarkdownImporter: Importer {
    public let format = SourceFormat.guidelineMarkdown

    /// Creates the importer.
    public init() {}

    /// Header keys a guideline file may use.
    static let knownKeys: Set<String> = ["title", "organization", "year", "doi", "url", "tier", "kind", "id", "authors", "keywords", "pmid"]

    /// True if the text opens with a `---` header that has a `title:` line.
    static func headerLooksLikeGuideline(_ text: String) -> Bool {
        guard let (header, _) = try? splitHeader(text) else { return false }
        return header["title"] != nil
    }

    public func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws {
        let reader = try ChunkReader(path: path)
        let bytes = try reader.readAll()
        progress(reader.compressedOffset)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ImportIssue(file: path, message: "not valid UTF-8 (first bad byte at offset \(firstInvalidUTF8Offset(bytes)))")
        }
        do {
            try emit(.document(try Self.document(markdown: text, fileName: (path as NSString).lastPathComponent)))
        } catch let problem as HeaderProblem {
            try emit(.failure(ImportIssue(file: path, record: problem.field.map { "header field '\($0)'" } ?? "header", message: problem.message)))
        }
    }

    struct HeaderProblem: Error {
        var field: String?
        var message: String
    }

    /// Splits `---` front matter into key/value pairs and the Markdown body.
    static func splitHeader(_ text: String) throws -> ([String: String], String) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}")) == "---" else {
            throw HeaderProblem(message: "missing metadata header: the file must start with a '---' line")
        }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw HeaderProblem(message: "metadata header is not closed by a '---' line")
        }
        var header: [String: String] = [:]
        for line in lines[..<end] where !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { throw HeaderProblem(message: "header line '\(line)' is not 'key: value'") }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces) }
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote { value = String(value.dropFirst().dropLast()) }
            header[key] = value
        }
        return (header, lines[(end + 1)...].joined(separator: "\n"))
    }

    static func document(markdown: String, fileName: String) throws -> Document {
        let (header, body) = try splitHeader(markdown)
        if let unknown = header.keys.first(where: { !knownKeys.contains($0) }) {
            throw HeaderProblem(field: unknown, message: "unknown field (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        guard let title = header["title"]?.nonEmpty else { throw HeaderProblem(field: "title", message: "missing or empty") }
        let tier = try header["tier"].map { value in
            guard let tier = Tier(rawValue: value.lowercased()) else { throw HeaderProblem(field: "tier", message: "'\(value)' is not guideline or research") }
            return tier
        } ?? .guideline
        let kind = try header["kind"].map { value in
            guard let kind = DocumentKind(rawValue: value.lowercased()) else {
                throw HeaderProblem(field: "kind", message: "'\(value)' is not one of: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        } ?? (tier == .guideline ? .practiceGuideline : .journalArticle)
        let year = try header["year"].map { value in
            guard let year = Int(value), (1800...2200).contains(year) else { throw HeaderProblem(field: "year", message: "'\(value)' is not a year") }
            return year
        }
        let doi = header["doi"]?.nonEmpty
        let stem = (fileName as NSString).deletingPathExtension
        let id = header["id"]?.nonEmpty ?? doi.map { "doi:\($0)" } ?? "guideline:\(stem)"
        let organization = header["organization"]?.nonEmpty
        let (_, passages) = MarkdownSections.passages(from: body)
        guard !passages.isEmpty else { throw HeaderProblem(message: "no text below the header") }
        return Document(
            id: id, tier: tier, kind: kind, title: title,
            authors: header["authors"].map(listValue) ?? organization.map { [$0] } ?? [],
            source: organization, year: year, pmid: header["pmid"]?.nonEmpty, doi: doi,
            url: header["url"]?.nonEmpty ?? doi.map { "https://doi.org/\($0)" },
            keywords: header["keywords"].map(listValue) ?? [],
            passages: passages
        )
    }

    private static func listValue(_ value: String) -> [String] {
        value.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap { String($0).nonEmpty }
    }
}

/// The offset of the first byte that breaks UTF-8 decoding.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): offset += UTF8.width(scalar)
        case .emptyInput: return offset
        case .error: return offset
        }
    }
}
