import Foundation

/// Reads a National Guideline Clearinghouse summary (`ngc-<id>.xml`, gzipped or not) as one
/// guideline-tier practice guideline `ngc:<id>`.
///
/// Metadata: title ("Guideline Title"), developers as authors and source ("Guideline
/// Developer(s)", NGC's organisation type removed), year and release text ("Date Released"),
/// status ("Guideline Status" and "Date Released"), the guideline's own PMID (the first PubMed
/// link of its "Bibliographic Source(s)"), the PMIDs it cites (the other PubMed links there and
/// in "References Supporting the Recommendations"), DOI and URL (from links in "Guideline
/// Availability"; only http and https URLs), keywords ("Disease/Condition(s)").
///
/// Passages: "Major Recommendations" split at its headings (label `recommendations`, its grade
/// definitions `definitions`, see ``NGCPassages``), then the fields of ``contentFields``.
/// Fields not read, and why:
/// - methods (collecting, assessing, analysing the evidence; formulating and validating the
///   recommendations; number of source documents; cost analysis; type of supporting
///   evidence; NEATS assessment): how the guideline was made, not what it says;
/// - objectives, outcomes considered, category, specialty, intended users, IOM categories:
///   scope labels, not statements;
/// - funding, committee, composition, disclosures, endorsers, adaptation, availability,
///   companion documents, patient resources, implementation, NQMC measures, NGC status,
///   copyright, NGC disclaimer: administrative.
///
/// A summary without "Major Recommendations" (NGC's bibliographic stub of a withdrawn
/// guideline) is skipped. Broken XML fails the file; a field with broken HTML or an unknown
/// entity is read around and reported as a warning naming the field.
public struct NGCImporter: Importer {
    public let format = SourceFormat.ngc

    /// Creates the importer.
    public init() {}

    /// Fields read as passages, with their labels.
    static let contentFields: [String: String] = [
        "Clinical Algorithm(s)": "clinical algorithm",
        "Target Population": "target population",
        "Interventions and Practices Considered": "interventions",
        "Rating Scheme for the Strength of the Evidence": NGCPassages.definitionsLabel,
        "Rating Scheme for the Strength of the Recommendations": NGCPassages.definitionsLabel,
        "Potential Benefits": "benefits",
        "Potential Harms": "harms",
        "Contraindications": "contraindications",
        "Qualifying Statements": "qualifying statements",
        "FDA Warning/Regulatory Alert": "regulatory alert",
    ]

    /// A field's whole text when the summary has nothing to say there.
    static let emptyAnswers: Set<String> = ["not applicable", "not stated", "none provided", "none", "not available", "none stated", "not specified", "none specified", "none identified"]

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
        for record in Self.records(from: root, path: path) { try emit(record) }
    }

    /// The summary id from a file name: `ngc-10963.xml.gz` → `ngc:10963`.
    static func documentID(path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".gz", ".xml"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        if name.hasPrefix("ngc-") { name = String(name.dropFirst(4)) }
        return "ngc:\(name)"
    }

    /// What one parsed summary (read from `path`) yields: warnings, then its document; or a
    /// skip (a stub) or a failure.
    public static func records(from root: XMLNode, path: String) -> [ImportRecord] {
        let id = documentID(path: path)
        let summary: NGCSummary
        do {
            summary = try NGCSummary(root: root)
        } catch {
            return [.failure(ImportIssue(file: path, record: id, message: error.message))]
        }
        var mapper = NGCRecordMapper(summary: summary, id: id)
        let outcome = mapper.map()
        let warnings = mapper.warnings.map { ImportRecord.warning(ImportIssue(file: path, record: "field '\($0.field)'", message: $0.message)) }
        switch outcome {
        case .document(let document): return warnings + [.document(document)]
        case .stub(let reason): return [.skipped(ImportIssue(file: path, record: id, message: reason))]
        case .failure(let field, let message): return warnings + [.failure(ImportIssue(file: path, record: "field '\(field)'", message: message))]
        }
    }
}

/// Maps one summary's fields to a document, collecting what it had to read around.
struct NGCRecordMapper {
    enum Outcome {
        case document(Document)
        case stub(String)
        case failure(field: String, message: String)
    }

    let summary: NGCSummary
    let id: String
    /// Problems read around, by field.
    private(set) var warnings: [(field: String, message: String)] = []

    init(summary: NGCSummary, id: String) {
        self.summary = summary
        self.id = id
    }

    mutating func map() -> Outcome {
        guard let recommendations = summary.field("Major Recommendations") else {
            return .stub("no Major Recommendations: a bibliographic record of a withdrawn guideline, nothing to store")
        }
        let title = text(of: "Guideline Title")
        guard !title.isEmpty else { return .failure(field: "Guideline Title", message: "missing or empty") }

        var passages = NGCPassages(label: NGCPassages.recommendationsLabel)
        for value in recommendations.values { passages.add(read(value, field: recommendations.name).blocks) }
        let recommendationText = passages.passages
        guard !recommendationText.isEmpty else {
            return .failure(field: recommendations.name, message: "empty: the field has no recommendation text")
        }
        guard recommendationText.contains(where: { $0.label == NGCPassages.recommendationsLabel }) else {
            return .failure(field: recommendations.name, message: "no recommendations: the field holds only grade definitions")
        }
        var all = recommendationText
        var done: Set<String> = [recommendations.name]
        for field in summary.fields {
            guard let label = NGCImporter.contentFields[field.name], done.insert(field.name).inserted else { continue }
            var builder = NGCPassages(label: label, headingPrefix: [field.name])
            for value in field.values { builder.add(read(value, field: field.name).blocks) }
            let texts = builder.passages.map(\.text).joined(separator: " ")
            if texts.utf8.count <= 40, NGCImporter.emptyAnswers.contains(texts.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))) { continue }
            all += builder.passages
        }

        let developers = NGCMetadata.developers(summary.values("Guideline Developer(s)").map { read($0, field: "Guideline Developer(s)").plainText })
        let releaseText = text(of: "Date Released")
        let release = releaseText.isEmpty ? nil : NGCMetadata.release(releaseText)
        if release?.year == nil { warnings.append((field: "Date Released", message: "no year in '\(releaseText)'")) }
        let status = NGCMetadata.status(paragraphs: summary.values("Guideline Status").flatMap { read($0, field: "Guideline Status").blocks.map(\.text) }, release: release)
        let (pmid, cited) = pubMedIDs()
        let availability = summary.values("Guideline Availability").flatMap { read($0, field: "Guideline Availability").links }
        let url = availability.first { NGCMetadata.isWebURL($0.href) }?.href.trimmingCharacters(in: .whitespaces)
        if url == nil, let other = availability.first?.href {
            warnings.append((field: "Guideline Availability", message: "no http or https link to use as the URL (first link: '\(other)')"))
        }
        let keywords = summary.values("Disease/Condition(s)").flatMap { read($0, field: "Disease/Condition(s)").lines }
        return .document(Document(
            id: id, tier: .guideline, kind: .practiceGuideline, title: title, authors: developers,
            source: developers.isEmpty ? nil : developers.joined(separator: "; "), year: release?.year, pmid: pmid,
            doi: NGCMetadata.doi(in: availability), url: url, keywords: keywords, passages: all,
            status: status, released: release?.text, citedPMIDs: cited
        ))
    }

    /// The guideline's own PMID (the first PubMed link of its first bibliographic source) and
    /// the PMIDs it cites (every other PubMed link there and in the supporting references), in
    /// numeric order (the order the library returns them in).
    private mutating func pubMedIDs() -> (String?, [String]) {
        let sources = summary.values("Bibliographic Source(s)").map { read($0, field: "Bibliographic Source(s)").links }
        let own = sources.first.flatMap { NGCMetadata.pubMedIDs(in: $0).first }
        var cited: [String] = []
        var seen: Set<String> = own.map { [$0] } ?? []
        let references = summary.values("References Supporting the Recommendations").flatMap { read($0, field: "References Supporting the Recommendations").links }
        for id in NGCMetadata.pubMedIDs(in: sources.flatMap { $0 } + references) where seen.insert(id).inserted {
            cited.append(id)
        }
        return (own, cited.sorted { ($0.count, $0) < ($1.count, $1) })
    }

    /// A field's text on one line (its blocks joined by spaces).
    private mutating func text(of field: String) -> String {
        summary.values(field).map { read($0, field: field).blocks.map(\.text).joined(separator: " ") }.joined(separator: " ")
    }

    /// Parses a value's HTML, noting its problems as warnings on the field.
    private mutating func read(_ html: String, field: String) -> HTMLText {
        let parsed = HTMLText(html: html)
        let markup = parsed.problems.filter(\.isUnbalancedMarkup).map(\.description)
        let references = parsed.problems.filter { !$0.isUnbalancedMarkup }.map(\.description)
        if !markup.isEmpty { warnings.append((field: field, message: "unbalanced HTML (text kept): \(markup.joined(separator: "; "))")) }
        if !references.isEmpty { warnings.append((field: field, message: "\(references.joined(separator: "; ")) (kept as written)")) }
        return parsed
    }
}
