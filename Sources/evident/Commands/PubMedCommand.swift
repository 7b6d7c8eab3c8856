import ArgumentParser
import Evident
import Foundation

/// `evident pubmed`: search PubMed and store what it finds, or mirror the PubMed baseline.
struct PubMedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pubmed",
        abstract: "Search PubMed live and ingest the results, or mirror PubMed's baseline and daily updates.",
        discussion: """
            `evident pubmed QUERY` runs QUERY through NCBI's E-utilities (esearch, then efetch \
            in batches of 200) and stores the records in the library like `evident ingest`, \
            counting new, updated and unchanged records. `evident pubmed sync SOURCE` mirrors \
            all of PubMed from NCBI's files (see `evident pubmed sync --help`).

            NCBI allows 3 requests a second without an API key and 10 with one; Evident keeps \
            to that. Get a key at https://www.ncbi.nlm.nih.gov/account/settings/ and pass it \
            with --api-key or $NCBI_API_KEY; give NCBI an address with --email or $NCBI_EMAIL.
            """,
        subcommands: [PubMedSearchCommand.self, PubMedSyncCommand.self],
        defaultSubcommand: PubMedSearchCommand.self
    )
}

/// How to reach E-utilities (shared by `pubmed`, `pubmed sync` and `ask --live`).
struct EUtilitiesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("NCBI API key (default: $NCBI_API_KEY): 10 requests a second instead of 3.", valueName: "key"))
    var apiKey: String?

    @Option(name: .long, help: ArgumentHelp("Contact address sent to NCBI with each request (default: $NCBI_EMAIL).", valueName: "address"))
    var email: String?

    @Option(name: .long, help: ArgumentHelp("E-utilities base URL, for a mirror or proxy (default: $EVIDENT_EUTILS_URL, else NCBI's).", valueName: "url"))
    var eutilsURL: String?

    @Option(name: .long, help: ArgumentHelp("Seconds a request may take (or stall) before it is retried.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .long, help: ArgumentHelp("Attempts per request before giving up (429, 5xx and timeouts are retried with backoff).", valueName: "n"))
    var attempts: Int = 5

    @Option(name: .long, help: .hidden)
    var retryDelay: Double = 1

    @Option(name: .long, help: .hidden)
    var requestsPerSecond: Double?

    @Option(name: .long, help: .hidden)
    var connectTimeout: Double = 4

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard attempts > 0 else { throw ValidationError("--attempts must be at least 1") }
        if let requestsPerSecond, requestsPerSecond <= 0 { throw ValidationError("--requests-per-second must be positive") }
    }

    /// The client configuration these options describe.
    var configuration: EUtilitiesConfiguration {
        var configuration = EUtilitiesConfiguration(
            baseURL: eutilsURL ?? ProcessInfo.processInfo.environment["EVIDENT_EUTILS_URL"]?.nonEmptyOption ?? EUtilitiesConfiguration.ncbiBaseURL,
            email: email, apiKey: apiKey, requestsPerSecond: requestsPerSecond, timeout: .milliseconds(Int64(timeout * 1000)),
            retry: RetryPolicy(attempts: attempts, initialDelay: .milliseconds(Int64(retryDelay * 1000)), maximumDelay: .milliseconds(Int64(max(retryDelay, 30) * 1000))))
        configuration.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        return configuration
    }
}

extension String {
    /// The string, or nil when it is empty or blank.
    var nonEmptyOption: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}

/// `evident pubmed QUERY`: search and ingest.
struct PubMedSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search PubMed and ingest the records found (the default subcommand).",
        discussion: """
            QUERY is PubMed's own syntax: words, "phrases", field tags ([mh] MeSH, [tiab] title \
            and abstract, [pt] publication type, [dp] date), AND/OR/NOT. Records are fetched \
            best match first (--sort date: newest first), stored, and indexed; re-running the \
            same query updates what changed and leaves the rest.

            Examples:
              evident pubmed "blepharospasm[mh] AND botulinum toxins[mh]" --max 200
              evident pubmed "semaglutide heart failure" --since 2023 --json
              NCBI_API_KEY=... evident pubmed "sepsis[mh] AND randomized controlled trial[pt]" --max 5000

            Exit status: 0 every record stored; 1 some records failed (the rest were stored); \
            2 the library could not be written; 4 PubMed could not be reached or refused the \
            request (records stored before that stay); 64 usage error.
            """
    )

    enum Sort: String, ExpressibleByArgument, CaseIterable {
        case relevance, date
    }

    @Argument(help: ArgumentHelp("The PubMed query.", valueName: "query"))
    var query: String

    @Option(name: .long, help: ArgumentHelp("The most records to fetch.", valueName: "n"))
    var max = 100

    @Option(name: .long, help: ArgumentHelp("Only records published on or after this date (YYYY, YYYY/MM or YYYY/MM/DD).", valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only records published on or before this date.", valueName: "date"))
    var until: String?

    @Option(name: .long, help: "Order: relevance (PubMed's Best Match) or date (newest first).")
    var sort: Sort = .relevance

    @Flag(name: .long, help: "Print the report as one JSON object on standard output.")
    var json = false

    @OptionGroup var eutils: EUtilitiesOptions

    @OptionGroup var libraryOptions: LibraryOptions

    func validate() throws {
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the query is empty") }
        guard max > 0 else { throw ValidationError("--max must be positive") }
        if let since, PubMedSearch.normalizedDate(since) == nil { throw ValidationError("--since '\(since)' is not a date (YYYY, YYYY/MM or YYYY/MM/DD)") }
        if let until, PubMedSearch.normalizedDate(until) == nil { throw ValidationError("--until '\(until)' is not a date (YYYY, YYYY/MM or YYYY/MM/DD)") }
    }

    func run() async throws {
        let engine: Engine
        do {
            engine = try Engine(.init(libraryDirectory: libraryOptions.directory, createLibrary: true))
        } catch {
            throw Terminal.fail(error)
        }
        let search = PubMedSearch(
            term: query, maximum: max, since: since.flatMap(PubMedSearch.normalizedDate), until: until.flatMap(PubMedSearch.normalizedDate),
            sort: sort == .date ? .publicationDate : .relevance)
        let client = EUtilitiesClient(eutils.configuration)
        let bar = ProgressBar(label: "Fetching ")
        let indexBar = ProgressBar(label: "Indexing ")
        let result: Result<PubMedReport, Error>
        do {
            result = .success(try await engine.ingestPubMed(search, client: client, onIssue: { issue in
                bar.clear()
                Terminal.printError(issue.description)
            }, onProgress: { progress in
                let stored = progress.counts.added + progress.counts.updated + progress.counts.unchanged
                bar.update(fraction: Double(progress.fetched) / Double(Swift.max(1, progress.total)), detail: "\(Terminal.number(stored)) of \(Terminal.number(progress.total)) records")
            }, onIndexProgress: { done, total in
                bar.clear()
                indexBar.update(fraction: Double(done) / Double(Swift.max(1, total)), detail: "\(Terminal.number(done))/\(Terminal.number(total)) documents")
            }))
        } catch {
            result = .failure(error)
        }
        await client.shutdown()
        bar.clear()
        indexBar.clear()
        let report: PubMedReport
        switch result {
        case .success(let value): report = value
        case .failure(let error as PubMedError):
            Terminal.printError(error.description)
            throw ExitCode(ExitStatus.unavailable)
        case .failure(let error as EngineError):
            throw Terminal.fail(error)
        case .failure(let error):
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.fatal)
        }
        if json {
            try Terminal.printJSON(report)
        } else {
            print("PubMed: \(Terminal.number(report.found)) record\(report.found == 1 ? "" : "s") match \"\(report.query)\"" + (report.translation.map { " (read as \($0))" } ?? "") + "; fetched \(Terminal.number(report.requested)).")
            print(IngestCommand.text(report.ingest))
            if let index = report.ingest.index { print(IndexCommand.text(index)) }
        }
        if report.ingest.failed > 0 { throw ExitCode(ExitStatus.partialFailure) }
    }
}
