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
        let engine = try libraryOptions.engine()
        let view: DocumentView
        do {
            view = try engine.document(id: id)
        } catch {
            throw Terminal.fail(error)
        }
        if json {
            try Terminal.printJSON(view)
            return
        }
        print(view.text(width: Terminal.stdoutIsTTY ? Terminal.width : 100))
    }
}
