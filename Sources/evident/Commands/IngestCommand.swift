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
        let library = try libraryOptions.open(create: true)
        let plan = IngestPlan.make(paths: paths, format: format)
        let bar = ProgressBar(label: "Ingesting")
        let summary: IngestSummary
        do {
            summary = try Ingestor(library: library, batchSize: batchSize).run(plan, onIssue: { issue in
                bar.clear()
                Terminal.printError(issue.description)
            }, onProgress: { progress in
                let fraction = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 0
                let stored = progress.counts.added + progress.counts.updated + progress.counts.unchanged
                bar.update(fraction: fraction, detail: "\(Terminal.number(stored)) documents, \(Terminal.bytes(progress.bytesRead))/\(Terminal.bytes(progress.totalBytes))")
            })
        } catch {
            bar.clear()
            Terminal.printError("writing to the library at \(library.directory) failed: \(error). Everything committed before this point is kept; run the same command again to finish.")
            throw ExitCode(ExitStatus.fatal)
        }
        bar.clear()
        let index: LibraryIndexer.Summary
        do {
            let indexBar = ProgressBar(label: "Indexing ")
            index = try LibraryIndexer(library: library).update { done, total in
                indexBar.update(fraction: Double(done) / Double(max(1, total)), detail: "\(Terminal.number(done))/\(Terminal.number(total)) documents")
            }
            indexBar.clear()
        } catch {
            Terminal.printError("updating the index in \(library.directory)/index failed: \(error). The library itself is intact; run `evident index` to finish.")
            throw ExitCode(ExitStatus.fatal)
        }
        if json {
            var report = IngestReport(summary: summary, library: library.directory)
            report.index = index
            try Terminal.printJSON(report)
        } else {
            print(Self.text(summary, library: library.directory))
            print(IndexCommand.text(index))
        }
        if summary.counts.failed > 0 { throw ExitCode(ExitStatus.partialFailure) }
    }

    static func text(_ summary: IngestSummary, library: String) -> String {
        let counts = summary.counts
        var lines = [
            "Ingested \(Terminal.number(summary.files)) file\(summary.files == 1 ? "" : "s") into \(library) in \(String(format: "%.2f", summary.seconds)) s:",
            "  added      \(Terminal.number(counts.added))",
            "  updated    \(Terminal.number(counts.updated))",
            "  deleted    \(Terminal.number(counts.deleted))",
            "  unchanged  \(Terminal.number(counts.unchanged))",
            "  failed     \(Terminal.number(counts.failed))",
        ]
        if counts.skipped > 0 { lines.append("  skipped    \(Terminal.number(counts.skipped))  (records with no text)") }
        if !summary.warnings.isEmpty { lines.append("  warnings   \(Terminal.number(summary.warnings.count))  (records stored with a problem read around; logged above)") }
        if summary.filesSkipped > 0 { lines.append("  \(summary.filesSkipped) file\(summary.filesSkipped == 1 ? "" : "s") in directories passed over (not document sources; --log-level info lists them)") }
        return lines.joined(separator: "\n")
    }
}

/// The JSON shape of `evident ingest --json`.
struct IngestReport: Encodable {
    var library: String
    var files: Int
    var filesSkipped: Int
    var added: Int
    var updated: Int
    var deleted: Int
    var unchanged: Int
    var skipped: Int
    var failed: Int
    var seconds: Double
    var documentsPerSecond: Double
    var errors: [ImportIssue]
    /// Problems read around; the records were stored (an unknown HTML entity kept as written).
    var warnings: [ImportIssue]
    var index: LibraryIndexer.Summary?

    init(summary: IngestSummary, library: String) {
        self.library = library
        files = summary.files
        filesSkipped = summary.filesSkipped
        added = summary.counts.added
        updated = summary.counts.updated
        deleted = summary.counts.deleted
        unchanged = summary.counts.unchanged
        skipped = summary.counts.skipped
        failed = summary.counts.failed
        seconds = (summary.seconds * 1000).rounded() / 1000
        documentsPerSecond = summary.documentsPerSecond.rounded()
        errors = summary.errors
        warnings = summary.warnings
    }
}

extension SourceFormat: ExpressibleByArgument {}
