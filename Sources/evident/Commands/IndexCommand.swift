import ArgumentParser
import Evident
import Foundation

/// `evident index`: brings the search index up to date (ingest does this by itself).
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Bring the search index up to date with the library (ingest does this itself).",
        discussion: """
            Indexes documents changed since the index's last commit and drops deleted ones. \
            Use it to finish after an interrupted ingest, or with --rebuild to index everything anew.
            """
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Flag(name: .long, help: "Delete the index and build it again from the library.")
    var rebuild = false

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let library = try libraryOptions.open(create: false)
        if rebuild { try? FileManager.default.removeItem(atPath: LibraryIndex.directory(of: library)) }
        let bar = ProgressBar(label: "Indexing ")
        let summary: LibraryIndexer.Summary
        do {
            summary = try LibraryIndexer(library: library).update { done, total in
                bar.update(fraction: Double(done) / Double(max(1, total)), detail: "\(Terminal.number(done))/\(Terminal.number(total)) documents")
            }
        } catch {
            bar.clear()
            Terminal.printError("indexing \(library.directory) failed: \(error)")
            throw ExitCode(ExitStatus.fatal)
        }
        bar.clear()
        if json { try Terminal.printJSON(summary) } else { print(Self.text(summary)) }
    }

    static func text(_ summary: LibraryIndexer.Summary) -> String {
        if summary.indexed == 0 && summary.removed == 0 {
            return "Index is up to date: \(Terminal.number(summary.liveDocuments)) documents in \(summary.segments) segment\(summary.segments == 1 ? "" : "s")."
        }
        return "Indexed \(Terminal.number(summary.indexed)) documents, removed \(Terminal.number(summary.removed)) in \(String(format: "%.2f", summary.seconds)) s; \(Terminal.number(summary.liveDocuments)) documents in \(summary.segments) segment\(summary.segments == 1 ? "" : "s")."
    }
}
