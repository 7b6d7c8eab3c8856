import ArgumentParser
import Evident

/// `evident show ID`: one document with its metadata and passages.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one document with its metadata and passages.",
        discussion: """
            ID is a document id as stored: pmid:12345, pmc:PMC1234567, doi:10.1002/art.41247, \
            medquad:NINDS-0000043, ngc:10963, scifact:4983. A bare number is read as a PMID; a PMID \
            with no PubMed record in the library finds the guideline whose own PMID it is.
            A guideline summary shows its status, release date and the PubMed records it cites \
            (with titles for those in the library).
            Exit status 3 if there is no such document.
            """
    )

    @Argument(help: ArgumentHelp("The document id.", valueName: "id"))
    var id: String

    @OptionGroup var libraryOptions: LibraryOptions

    @Flag(name: .long, help: "Print the document as JSON.")
    var json = false

    func run() throws {
        let library = try libraryOptions.open(create: false)
        guard let stored = try library.document(id: id) else {
            Terminal.printError("no document '\(id)' in \(library.directory)")
            throw ExitCode(ExitStatus.notFound)
        }
        let cited = stored.document.citedPMIDs.isEmpty ? [] : try library.citedRecords(of: stored.document.id)
        let view = DocumentView(stored, cited: cited)
        if json {
            try Terminal.printJSON(view)
            return
        }
        print(view.text(width: Terminal.stdoutIsTTY ? Terminal.width : 100))
    }
}

/// A stored document as `show` presents it, passages carrying stable ids.
struct DocumentView: Encodable {
    struct PassageView: Encodable {
        var id: String
        var label: String?
        var heading: String?
        var text: String
    }

    var id: String
    var tier: String
    var kind: String
    var title: String?
    var authors: [String]
    var source: String?
    var year: Int?
    var pmid: String?
    var doi: String?
    var pmcid: String?
    var url: String?
    var meshTerms: [String]
    var keywords: [String]
    var publicationTypes: [String]
    var version: Int
    var revised: String?
    var status: String?
    var released: String?
    var citedPMIDs: [String]
    /// The cited PubMed records, with titles for those in the library.
    var citedRecords: [Library.CitedRecord]
    var origin: String?
    var ingestedAt: String
    var passages: [PassageView]

    init(_ stored: Library.StoredDocument, cited: [Library.CitedRecord] = []) {
        let document = stored.document
        id = document.id
        tier = document.tier.rawValue
        kind = document.kind.rawValue
        title = document.title
        authors = document.authors
        source = document.source
        year = document.year
        pmid = document.pmid
        doi = document.doi
        pmcid = document.pmcid
        url = document.url
        meshTerms = document.meshTerms
        keywords = document.keywords
        publicationTypes = document.publicationTypes
        version = document.version
        revised = document.revised
        status = document.status
        released = document.released
        citedPMIDs = document.citedPMIDs
        citedRecords = cited
        origin = stored.origin
        ingestedAt = stored.ingestedAt
        passages = document.passages.enumerated().map { PassageView(id: "\(document.id)#\($0.offset)", label: $0.element.label, heading: $0.element.heading, text: $0.element.text) }
    }

    func text(width: Int) -> String {
        var lines: [String] = [title ?? "(untitled)", ""]
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)")
        }
        field("id", id)
        field("tier", tier)
        field("kind", kind)
        field("authors", authors.count > 6 ? authors.prefix(6).joined(separator: ", ") + ", et al." : authors.joined(separator: ", "))
        field("source", source)
        field("year", year.map(String.init))
        field("PMID", pmid)
        field("DOI", doi)
        field("PMC", pmcid)
        field("URL", url)
        field("MeSH", meshTerms.joined(separator: "; "))
        field("keywords", keywords.joined(separator: "; "))
        field("types", publicationTypes.joined(separator: "; "))
        field("revised", revised)
        field("status", status)
        field("released", released)
        if !citedPMIDs.isEmpty {
            let known = citedRecords.filter { $0.title != nil }.count
            field("cites", "\(citedPMIDs.count) PubMed record\(citedPMIDs.count == 1 ? "" : "s") (\(known) in this library)")
            for record in citedRecords {
                let line = "PMID \(record.pmid)" + (record.title.map { "  \($0)" } ?? "")
                lines.append(contentsOf: TextWrapping.wrap(line, width: width, indent: String(repeating: " ", count: 13)))
            }
        }
        field("from", origin)
        for passage in passages {
            lines.append("")
            let header = [passage.label, passage.heading].compactMap { $0 }.joined(separator: " — ")
            lines.append("[\(passage.id)]" + (header.isEmpty ? "" : " \(header)"))
            for paragraph in passage.text.split(separator: "\n") {
                lines.append(contentsOf: TextWrapping.wrap(String(paragraph), width: width, indent: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
