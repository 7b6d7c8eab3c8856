import ArgumentParser
import Evident
import Foundation

/// `evident pubmed sync SOURCE`: mirror PubMed's baseline and daily update files.
struct PubMedSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Mirror all of PubMed: the annual baseline, then the daily update files, in order.",
        discussion: """
            SOURCE is `ncbi` (https://ftp.ncbi.nlm.nih.gov/pubmed/), another mirror's URL in the \
            same layout, or a local directory holding baseline/ and updatefiles/ (for files \
            fetched beforehand, e.g. with `wget -m`). Each pubmed*.xml.gz is checked against its \
            .md5 and ingested; DeleteCitation entries delete. Finished files are recorded in the \
            library: an interrupted sync (even kill -9) resumes with the file it was on, and a \
            later run (daily, from cron) fetches only new update files.

            A file that fails its MD5, is truncated or cannot be fetched stops the sync (later \
            update files depend on it); run it again to resume there. The full baseline is \
            about 1,300 files, 36 million records and 40 GB of downloads.

            Examples:
              evident pubmed sync ncbi --library /srv/evident --api-key "$NCBI_API_KEY"
              evident pubmed sync /data/pubmed-mirror --json

            Exit status: 0 done; 1 some records failed or a file stopped the sync (rerun to \
            resume); 2 the library could not be written; 4 the source could not be reached.
            """
    )

    @Argument(help: ArgumentHelp("ncbi, a mirror URL, or a local directory with baseline/ and updatefiles/.", valueName: "source"))
    var source: String

    @Flag(name: .long, help: "Print the report as one JSON object on standard output.")
    var json = false

    @OptionGroup var eutils: EUtilitiesOptions

    @OptionGroup var libraryOptions: LibraryOptions

    func run() async throws {
        let library = try libraryOptions.open(create: true)
        let source = PubMedSyncSource(source)
        var client: EUtilitiesClient?
        if case .remote = source { client = EUtilitiesClient(eutils.configuration) }
        let bar = ProgressBar(label: "Syncing  ")
        let result: Result<PubMedSync.Report, Error>
        do {
            result = .success(try await PubMedSync(source: source, library: library, client: client).run(onIssue: { issue in
                bar.clear()
                Terminal.printError(issue.description)
            }, onProgress: { progress in
                bar.update(fraction: Double(progress.filesDone) / Double(max(1, progress.filesTotal)), detail: "\(progress.file), \(Terminal.number(progress.counts.records)) records")
            }))
        } catch {
            result = .failure(error)
        }
        if let client { await client.shutdown() }
        bar.clear()
        let report: PubMedSync.Report
        switch result {
        case .success(let value): report = value
        case .failure(let error as PubMedError):
            Terminal.printError(error.description)
            throw ExitCode(ExitStatus.unavailable)
        case .failure(let error):
            Terminal.printError("writing to the library at \(library.directory) failed: \(error); run the same command again to resume")
            throw ExitCode(ExitStatus.fatal)
        }
        if json {
            try Terminal.printJSON(report)
        } else {
            print("Synced \(Terminal.number(report.files.count)) file\(report.files.count == 1 ? "" : "s") from \(report.source) in \(String(format: "%.2f", report.seconds)) s (\(Terminal.number(report.alreadyDone)) done before):")
            for (label, value) in [("added", report.counts.added), ("updated", report.counts.updated), ("deleted", report.counts.deleted), ("unchanged", report.counts.unchanged), ("failed", report.counts.failed)] {
                print("  \(label.padding(toLength: 10, withPad: " ", startingAt: 0)) \(Terminal.number(value))")
            }
            if let stopped = report.stoppedAt { print("Stopped at \(stopped.file): run the same command again to resume there.") }
        }
        if report.stoppedAt != nil || report.counts.failed > 0 { throw ExitCode(ExitStatus.partialFailure) }
    }
}
