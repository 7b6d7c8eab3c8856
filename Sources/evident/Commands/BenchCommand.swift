import ArgumentParser
import Evident
import Foundation

/// `evident bench`: performance measurements that print a table.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure performance on real data and print a table (use a release build).",
        subcommands: [IngestBenchCommand.self, PubMedFileBenchCommand.self, SearchBenchCommand.self, GenerateCorpusCommand.self, AskBenchCommand.self, AnswersBenchCommand.self, SourceQuestionsBenchCommand.self, ProcessBenchCommand.self]
    )
}

/// `evident bench ingest PATH...`: ingest throughput per source and overall.
struct IngestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest throughput (documents/second) per source and for all sources together.",
        discussion: """
            Each source is ingested into a fresh temporary library (best of --repetitions runs), \
            once parsing only, once parsing and storing, and once as `evident ingest` runs \
            (storing, then indexing and the library vocabulary: the "pipeline" column), so the \
            table shows what storage and indexing cost. The target is 10,000 documents/second \
            for the whole pipeline on a 2-core machine (the PubMed baseline, 36 million records, \
            in about an hour).

            Example (release build):
              swift build -c release
              .build/release/evident bench ingest ../shared/data/pubmedqa ../shared/data/scifact ../shared/data/medquad
              .build/release/evident bench pubmed-file --records 30000 --output /tmp/pubmed-30k.xml.gz ../shared/data/pubmed-samples/biopython
              .build/release/evident bench ingest /tmp/pubmed-30k.xml.gz
            """
    )

    @Argument(help: ArgumentHelp("Sources to measure (files or directories).", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: "Runs per measurement; the fastest is reported.")
    var repetitions = 3

    @Flag(name: .long, help: "Print the rows as JSON.")
    var json = false

    func validate() throws {
        guard repetitions > 0 else { throw ValidationError("--repetitions must be positive") }
    }

    func run() throws {
        Terminal.warnIfDebugBuild()
        let target = 10_000.0
        if !json {
            print("source                 documents      MB   parse docs/s  ingest docs/s  pipeline docs/s  pipeline/target")
            print(String(repeating: "-", count: 106))
        }
        let rows = try IngestBenchmark(paths: paths, repetitions: repetitions).run { row in
            guard !json else { return }
            print([
                Terminal.pad(String(row.name.prefix(20)), 20),
                Terminal.pad(Terminal.number(row.documents), 11, right: true),
                Terminal.pad(String(format: "%.1f", row.megabytes), 7, right: true),
                Terminal.pad(Terminal.number(Int(row.parseDocumentsPerSecond)), 14, right: true),
                Terminal.pad(Terminal.number(Int(row.ingestDocumentsPerSecond)), 14, right: true),
                Terminal.pad(Terminal.number(Int(row.pipelineDocumentsPerSecond)), 16, right: true),
                Terminal.pad(String(format: "%.2fx", row.pipelineDocumentsPerSecond / target), 16, right: true),
            ].joined(separator: " "))
        }
        if json {
            struct Report: Encodable { var rows: [IngestBenchmark.Row]; var targetDocumentsPerSecond: Double; var peakMemoryMegabytes: Double }
            try Terminal.printJSON(Report(rows: rows, targetDocumentsPerSecond: target, peakMemoryMegabytes: IngestBenchmark.peakMemoryMegabytes.rounded()))
        } else {
            print("peak memory of this benchmark process \(Int(IngestBenchmark.peakMemoryMegabytes)) MB; target \(Terminal.number(Int(target))) documents/second")
        }
    }
}

/// `evident bench pubmed-file`: a PubMed XML file of many records made from real ones.
struct PubMedFileBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pubmed-file",
        abstract: "Write a gzipped PubMed XML file of N records made from real ones (each copy with its own PMID), for `bench ingest`.",
        discussion: """
            The <PubmedArticle> records of the given files (or of the .xml and .xml.gz files \
            in the given directories) are repeated in turn until there are --records of them, \
            each with a PMID of its own from 80000000 on.

            Example:
              evident bench pubmed-file --records 30000 --output /tmp/pubmed-30k.xml.gz ../shared/data/pubmed-samples/biopython
            """
    )

    @Argument(help: ArgumentHelp("PubMed XML files or directories holding them.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: "Records to write.")
    var records = 30_000

    @Option(name: .long, help: ArgumentHelp("The file to write (gzip).", valueName: "file"))
    var output: String

    func run() throws {
        do {
            let distinct = try PubMedBenchFile.write(records: records, from: paths, to: output)
            print("wrote \(Terminal.number(records)) records (from \(distinct) real ones) to \(output)")
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.fatal)
        }
    }
}

/// `evident bench search`: indexing and query speed of the search engine on a BEIR corpus.
struct SearchBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Indexing throughput, index size and single-thread query latency on a BEIR corpus.",
        discussion: """
            The corpus is read into memory, indexed once (timed; on one thread unless \
            --threads says more), then every query is run --rounds times on one thread (the \
            fastest round per query is kept). With --run-file \
            the top 100 per query are written as a TREC run, for `bench/peers.py` to score.

            Example (release build):
              .build/release/evident bench search --corpus ../shared/data/scifact/corpus.jsonl \\
                  --queries ../shared/data/scifact/queries.train.jsonl
            """
    )

    @Option(name: .long, help: ArgumentHelp("BEIR corpus.jsonl.", valueName: "file"))
    var corpus: String

    @Option(name: .long, help: ArgumentHelp("BEIR queries.jsonl.", valueName: "file"))
    var queries: String

    @Option(name: .long, help: ArgumentHelp("Write the top 100 per query as a TREC run file.", valueName: "file"))
    var runFile: String?

    @Option(name: .long, help: "Timing rounds per query.")
    var rounds = 3

    @Option(name: .long, help: ArgumentHelp(
        "Keep the index in this folder and reuse it on later runs over the same corpus (skips indexing; for large corpora).",
        valueName: "dir"))
    var index: String?

    @Option(name: .long, help: ArgumentHelp("List this many of the slowest queries with their latencies.", valueName: "n"))
    var slowest = 0

    @Option(name: .long, help: ArgumentHelp(
        "Threads that analyze documents while indexing (`evident ingest` uses every core; 1 compares with single-thread peers).",
        valueName: "n"))
    var threads = 1

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        Terminal.warnIfDebugBuild()
        var benchmark = SearchBenchmark(corpus: corpus, queries: queries)
        benchmark.runFile = runFile
        benchmark.rounds = max(1, rounds)
        benchmark.indexDirectory = index
        benchmark.slowest = max(0, slowest)
        benchmark.indexingThreads = max(1, threads)
        let report = try benchmark.run()
        if json {
            try Terminal.printJSON(report)
            return
        }
        let threads = report.indexingThreads ?? 1
        let indexing = report.indexSeconds.map { seconds in
            "\(String(format: "%.2f", seconds)) s, \(Terminal.number(Int(report.documentsPerSecond ?? 0))) documents/s, \(threads) thread\(threads == 1 ? "" : "s")"
        } ?? "reused the index in \(index ?? "")"
        print("""
            documents            \(Terminal.number(report.documents)) (\(Terminal.bytes(Int64(report.rawTextBytes))) of text)
            indexing             \(indexing)
            index size           \(Terminal.bytes(Int64(report.indexBytes))) (\(String(format: "%.0f", report.indexToTextRatio * 100))% of the text), \(report.segments) segment\(report.segments == 1 ? "" : "s")
            queries              \(Terminal.number(report.queries)), top 10, one thread
            latency p50          \(String(format: "%.3f", report.latencyP50Milliseconds)) ms
            latency p99          \(String(format: "%.3f", report.latencyP99Milliseconds)) ms
            queries/second       \(Terminal.number(Int(report.queriesPerSecond)))
            peak memory          \(Int(IngestBenchmark.peakMemoryMegabytes)) MB
            """)
        if !report.slowestQueries.isEmpty {
            print("slowest queries")
            for query in report.slowestQueries {
                print("  \(String(format: "%8.3f", query.milliseconds)) ms  \(query.id)  \(query.text)")
            }
        }
    }
}

/// `evident bench generate`: a large synthetic corpus from real sentences.
struct GenerateCorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a BEIR corpus of N documents built from the real sentences of source files.",
        discussion: """
            Each document gets a real title and 4–14 real sentences drawn at random from the \
            sources (any format `evident ingest` reads), so term statistics stay realistic as the \
            corpus grows. Use it to measure how latency and index size scale:

              .build/release/evident bench generate --documents 1000000 --output /tmp/scale-1m/corpus.jsonl \\
                  ../shared/data/pubmedqa ../shared/data/scifact/corpus.jsonl ../shared/data/medquad
              .build/release/evident bench search --corpus /tmp/scale-1m/corpus.jsonl \\
                  --queries ../shared/data/scifact/queries.train.jsonl
            """
    )

    @Argument(help: ArgumentHelp("Source files or folders to draw sentences and titles from.", valueName: "source"))
    var sources: [String]

    @Option(name: .long, help: "Number of documents.")
    var documents: Int

    @Option(name: .long, help: ArgumentHelp("Output corpus.jsonl (its folder names the collection).", valueName: "file"))
    var output: String

    @Option(name: .long, help: "Random seed (the same seed gives the same corpus).")
    var seed: UInt64 = 42

    func validate() throws {
        guard documents > 0 else { throw ValidationError("--documents must be positive") }
    }

    func run() throws {
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let summary = try ScaleCorpus(sources: sources, documents: documents, seed: seed).write(to: output)
        print("Wrote \(Terminal.number(summary.documents)) documents (\(Terminal.bytes(summary.bytes))) to \(output) from \(Terminal.number(summary.sentencePool)) sentences and \(Terminal.number(summary.titlePool)) titles.")
    }
}

/// `evident bench ask`: answer latency over a question set.
struct AskBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer latency (p50/p99) over a set of 20 questions on a warm process.",
        discussion: """
            Loads the MeSH vocabulary, the index and the aspect model once (reported as setup), \
            then answers every question --rounds times and keeps each question's fastest run. \
            The target is a p50 under 30 ms on the starter library (`make library`).
            """
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Option(name: .long, help: ArgumentHelp("A compiled MeSH vocabulary (default: the installed one).", valueName: "file"))
    var mesh: String?

    @Option(name: .long, help: "Rounds per question.")
    var rounds = 3

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        Terminal.warnIfDebugBuild()
        let library = try libraryOptions.open(create: false)
        let start = DispatchTime.now().uptimeNanoseconds
        let composer = try AnswerComposer.open(library: library, mesh: mesh).composer
        let setup = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let report = try AskBenchmark.run(composer: composer, setupMilliseconds: setup, rounds: max(1, rounds))
        if json { try Terminal.printJSON(report); return }
        print("""
            questions        \(report.questions) × \(report.rounds) rounds (fastest per question)
            setup            \(String(format: "%.0f", report.setupMilliseconds)) ms (vocabulary, index, aspect model; once per process)
            latency p50      \(String(format: "%.1f", report.p50Milliseconds)) ms
            latency p99      \(String(format: "%.1f", report.p99Milliseconds)) ms
            statements       \(String(format: "%.1f", report.meanStatements)) per answer
            """)
    }
}

/// `evident bench process`: whole-process time and memory of `ask` and `search`.
struct ProcessBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Whole-process wall time (median) and peak memory of `evident ask` and `evident search`.",
        discussion: """
            Runs this executable as a user would, --runs times per command after one warm-up \
            run, and reports the median wall time and the largest peak resident memory. The \
            targets on the starter library: ask under 60 ms and 60 MB, search under 30 ms.
            """
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Option(name: .long, help: "Runs per command.")
    var runs = 7

    @Option(name: .long, help: ArgumentHelp("The question `ask` answers.", valueName: "question"))
    var question = "What causes blepharospasm?"

    @Flag(name: .long, help: "Print the rows as JSON.")
    var json = false

    func run() throws {
        Terminal.warnIfDebugBuild()
        let executable = EvidentResources.executablePath()
        let library = libraryOptions.directory
        let rows = try [
            ProcessBenchmark.measure(executable: executable, arguments: ["ask", question, "--library", library], runs: max(1, runs)),
            ProcessBenchmark.measure(executable: executable, arguments: ["ask", question, "--library", library, "--format", "json"], runs: max(1, runs)),
            ProcessBenchmark.measure(executable: executable, arguments: ["search", "blepharospasm", "--library", library], runs: max(1, runs)),
        ]
        if json { try Terminal.printJSON(rows); return }
        print("command                                             median ms     max ms   peak MB")
        for row in rows {
            print("\(Terminal.pad(String(row.command.replacingOccurrences(of: " --library " + library, with: "").prefix(50)), 50))  \(Terminal.pad(String(format: "%.1f", row.medianMilliseconds), 9, right: true))  \(Terminal.pad(String(format: "%.1f", row.maximumMilliseconds), 9, right: true))  \(Terminal.pad(String(format: "%.1f", row.peakMegabytes), 8, right: true))")
        }
    }
}

/// `evident bench medquad`: the library's own MedQuAD questions, answered and checked.
struct SourceQuestionsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "medquad",
        abstract: "Ask the library's MedQuAD questions (as written, lower-cased, misspelled, in a message): does the answer cite the page?",
        discussion: """
            Every NIH page of MedQuAD carries the questions it answers. Each is asked as written, \
            lower-cased, with its longest word misspelled, and inside a three-sentence message; \
            the answer should cite the page the question came from (target 95% each). \
            A question whose page answers it with nothing to quote (only links, as Genetics Home \
            Reference answers every treatment question) is not asked; the table counts them apart. \
            --sample N asks every k-th question so that about N are asked.
            """
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Option(name: .long, help: ArgumentHelp("Ask about this many questions (0: all 16,000).", valueName: "n"))
    var sample = 1_000

    @Flag(name: .long, help: "After the table, list the questions whose answer missed its page, with what it cited instead.")
    var failures = false

    @Flag(name: .long, help: "Print the rows as JSON (with the missed questions).")
    var json = false

    func run() throws {
        Terminal.warnIfDebugBuild()
        let library = try libraryOptions.open(create: false)
        let all = try library.medquadQuestions()
        guard !all.isEmpty else {
            Terminal.printError("no MedQuAD pages in \(library.directory): ingest the MedQuAD folder to run this benchmark")
            throw ExitCode(ExitStatus.partialFailure)
        }
        let step = sample > 0 ? max(1, all.count / sample) : 1
        let questions = stride(from: 0, to: all.count, by: step).map { all[$0] }
        let composer = try AnswerComposer.open(library: library).composer
        let bar = ProgressBar(label: "answering")
        let rows = try SourceQuestionBenchmark.run(composer: composer, questions: questions) { done, total in
            bar.update(fraction: Double(done) / Double(total), detail: "\(done)/\(total) answers")
        }
        bar.clear()
        if json { try Terminal.printJSON(rows); return }
        print("variant        questions   no text   cites page   p50 ms   p99 ms")
        for row in rows {
            print("\(Terminal.pad(row.variant.rawValue, 12))  \(Terminal.pad(Terminal.number(row.questions), 10, right: true))  \(Terminal.pad(Terminal.number(row.withoutAnswerText.count), 8, right: true))  \(Terminal.pad(String(format: "%.1f%%", row.citesPage * 100), 10, right: true))  \(Terminal.pad(String(format: "%.1f", row.p50Milliseconds), 7, right: true))  \(Terminal.pad(String(format: "%.1f", row.p99Milliseconds), 7, right: true))")
        }
        guard failures else { return }
        if let unasked = rows.first?.withoutAnswerText, !unasked.isEmpty {
            print("\nnot asked (the page's answer has nothing to quote):")
            for question in unasked { print("\(question.documentId)  \(question.question)\n    page: \(question.pageAnswer)") }
        }
        for row in rows where !row.missed.isEmpty {
            print("\nmissed (\(row.variant.rawValue)):")
            for miss in row.missed {
                print("\(miss.documentId)  \(miss.question)\n    topics: \(miss.topics.joined(separator: "; "))\n    answered: \(miss.answered.joined(separator: " | "))")
            }
        }
    }
}
