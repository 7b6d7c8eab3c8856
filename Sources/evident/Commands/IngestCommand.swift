import ArgumentParser
import Evident
import Foundation

/// `evident ingest`: reads source files into the library.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add source files to the library (PubMed, MEDLINE, PMC, MedQuAD, PubMedQA, BEIR, guidelines).",
        discussion: """
            Each PATH is a file or a directory (walked recursively). The format is detected from \
            the content; --format overrides it. Formats:
            \(SourceFormat.allCases.map { "  \($0.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

            Re-ingesting a record updates it in place; unchanged records are left alone; a newer \
            PubMed version replaces an older; DeleteCitation entries delete. A bad record prints \
            one error line naming the file and the record, and everything valid is still stored. \
            An interrupted ingest leaves the library readable; run the same command again to finish.

            Examples:
              evident ingest ../shared/data/pubmedqa/ori_pqal.json
              evident ingest pubmed25n0001.xml.gz pubmed25n0002.xml.gz
              evident ingest --format medline export.nbib
              evident ingest "$(python3 -c 'import open_medicine,os;print(os.path.dirname(open_medicine.__file__))')/guidelines"

            Exit status: 0 all records stored; 1 some records or files failed; 2 the library could not be written.
            """
    )

    @Argument(help: ArgumentHelp("Files or directories to ingest.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Read every PATH as this format instead of detecting it.", valueName: "format"))
    var format: SourceFormat?

    @OptionGroup var libraryOptions: LibraryOptions

    @Flag(name: .long, help: "Print the summary as one JSON object on standard output.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Records per transaction.", valueName: "n"))
    var batchSize = 2_000

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() throws {
        let engine: Engine
        do {
            engine = try Engine(.init(libraryDirectory: libraryOptions.directory, createLibrary: true))
        } catch {
            throw Terminal.fail(error)
        }
        let bar = ProgressBar(label: "Ingesting")
        let indexBar = ProgressBar(label: "Indexing ")
        let report: IngestReport
        do {
            report = try engine.ingest(paths, format: format, batchSize: batchSize, onIssue: { issue in
                bar.clear()
                Terminal.printError(issue.description)
            }, onProgress: { progress in
                let fraction = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 0
                let stored = progress.counts.added + progress.counts.updated + progress.counts.unchanged
                bar.update(fraction: fraction, detail: "\(Terminal.number(stored)) documents, \(Terminal.bytes(progress.bytesRead))/\(Terminal.bytes(progress.totalBytes))")
            }, onIndexProgress: { done, total in
                bar.clear()
                indexBar.update(fraction: Double(done) / Double(max(1, total)), detail: "\(Terminal.number(done))/\(Terminal.number(total)) documents")
            })
        } catch {
            bar.clear()
            indexBar.clear()
            throw Terminal.fail(error)
        }
        bar.clear()
        indexBar.clear()
        if json {
            try Terminal.printJSON(report)
        } else {
            print(Self.text(report))
            if let index = report.index { print(IndexCommand.text(index)) }
        }
        if report.failed > 0 { throw ExitCode(ExitStatus.partialFailure) }
    }

    static func text(_ report: IngestReport) -> String {
        var lines = [
            "Ingested \(Terminal.number(report.files)) file\(report.files == 1 ? "" : "s") into \(report.library) in \(String(format: "%.2f", report.seconds)) s:",
            "  added      \(Terminal.number(report.added))",
            "  updated    \(Terminal.number(report.updated))",
            "  deleted    \(Terminal.number(report.deleted))",
            "  unchanged  \(Terminal.number(report.unchanged))",
            "  failed     \(Terminal.number(report.failed))",
        ]
        if report.skipped > 0 { lines.append("  skipped    \(Terminal.number(report.skipped))  (records with no text)") }
        if !report.warnings.isEmpty { lines.append("  warnings   \(Terminal.number(report.warnings.count))  (records stored with a problem read around; logged above)") }
        if report.filesSkipped > 0 { lines.append("  \(report.filesSkipped) file\(report.filesSkipped == 1 ? "" : "s") in directories passed over (not document sources; --log-level info lists them)") }
        return lines.joined(separator: "\n")
    }
}

extension SourceFormat: ExpressibleByArgument {}
