import Foundation
import Logging

/// Reads source files into the library: importers parse on a background thread while the
/// calling thread writes batches, each batch one transaction.
public final class Ingestor {
    /// Progress of a running ingest.
    public struct Progress: Sendable {
        public var bytesRead: Int64
        public var totalBytes: Int64
        public var filesDone: Int
        public var totalFiles: Int
        public var counts: IngestCounts
    }

    private let library: Library
    private let batchSize: Int
    private let logger: Logger

    /// Creates an ingestor writing to `library`, `batchSize` records per transaction.
    public init(library: Library, batchSize: Int = 2_000, logger: Logger = Logger(label: "evident.ingest")) {
        self.library = library
        self.batchSize = batchSize
        self.logger = logger
    }

    private enum Event: Sendable {
        case batch([(change: Library.Change, argument: Int)])
        case failure(ImportIssue, argument: Int)
        case skipped(ImportIssue, argument: Int)
        case warning(ImportIssue)
        /// Files finished since the last such event, and their bytes.
        case filesDone(count: Int, bytes: Int64)
        case progress(bytes: Int64)
    }

    /// Runs the plan. `onIssue` hears each failed record or file as it happens; `onProgress`
    /// after each batch. Throws only if the library itself cannot be written. Holds the
    /// library's ``WriterLock`` throughout (waiting for another writer first).
    public func run(
        _ plan: IngestPlan,
        onIssue: (ImportIssue) -> Void = { _ in },
        onProgress: (Progress) -> Void = { _ in }
    ) throws -> IngestSummary {
        try WriterLock.withLock(library.directory, onWait: { holder in
            logger.warning("waiting for another writer to finish with this library (\(holder))")
        }) {
            try runLocked(plan, onIssue: onIssue, onProgress: onProgress)
        }
    }

    private func runLocked(
        _ plan: IngestPlan,
        onIssue: (ImportIssue) -> Void,
        onProgress: (Progress) -> Void
    ) throws -> IngestSummary {
        let started = Date()
        var perArgument = Array(repeating: IngestCounts(), count: plan.arguments.count)
        var errors: [ImportIssue] = []
        var warnings: [ImportIssue] = []
        for problem in plan.problems {
            errors.append(problem)
            onIssue(problem)
            if let argument = plan.arguments.firstIndex(of: problem.file) { perArgument[argument].failed += 1 }
        }
        for passed in plan.passedOver { logger.info("skipped \(passed.file): \(passed.message)") }

        var logEntries: [Int64] = []
        for (index, argument) in plan.arguments.enumerated() {
            let format = plan.jobs.first { $0.argument == index }?.format
            logEntries.append(try library.logStart(path: argument, format: format))
        }

        let queue = BoundedQueue<Event>(capacity: 3)
        let jobs = plan.jobs
        let batchSize = batchSize
        let logger = logger
        let producer = Thread {
            Self.produce(jobs: jobs, batchSize: batchSize, queue: queue, logger: logger)
            queue.close()
        }
        producer.stackSize = 8 << 20
        producer.start()

        var progress = Progress(bytesRead: 0, totalBytes: plan.totalBytes, filesDone: 0, totalFiles: jobs.count, counts: IngestCounts())
        var finishedBytes: Int64 = 0
        var writeError: Error?
        while let event = queue.pop() {
            switch event {
            case .batch(let entries):
                guard writeError == nil else { continue }
                do {
                    let outcomes = try library.apply(entries.map(\.change))
                    for (entry, outcome) in zip(entries, outcomes) {
                        perArgument[entry.argument].count(outcome)
                        progress.counts.count(outcome)
                    }
                } catch {
                    writeError = error
                    queue.close()
                }
            case .failure(let issue, let argument):
                perArgument[argument].failed += 1
                progress.counts.failed += 1
                errors.append(issue)
                onIssue(issue)
            case .skipped(let issue, let argument):
                perArgument[argument].skipped += 1
                progress.counts.skipped += 1
                logger.info("\(issue)")
            case .warning(let issue):
                warnings.append(issue)
                logger.warning("\(issue)")
            case .filesDone(let count, let bytes):
                finishedBytes += bytes
                progress.filesDone += count
                progress.bytesRead = finishedBytes
            case .progress(let bytes):
                progress.bytesRead = finishedBytes + bytes
            }
            onProgress(progress)
        }
        while !producer.isFinished { usleep(1_000) }

        for (index, entry) in logEntries.enumerated() {
            let failed = perArgument[index].failed > 0 || writeError != nil
            try? library.logFinish(entry, counts: perArgument[index], status: writeError != nil ? "interrupted" : (failed ? "done with errors" : "done"), message: writeError.map { "\($0)" })
        }
        if let writeError { throw writeError }
        let total = perArgument.reduce(IngestCounts(), +)
        return IngestSummary(
            counts: total, files: jobs.count, filesSkipped: plan.passedOver.count,
            seconds: Date().timeIntervalSince(started), errors: errors, warnings: warnings)
    }

    /// Runs every importer, cutting its records into batches for the writer.
    private static func produce(jobs: [IngestPlan.Job], batchSize: Int, queue: BoundedQueue<Event>, logger: Logger) {
        var batch: [(change: Library.Change, argument: Int)] = []
        batch.reserveCapacity(batchSize)
        func flush() {
            guard !batch.isEmpty else { return }
            queue.push(.batch(batch))
            batch.removeAll(keepingCapacity: true)
        }
        var doneFiles = 0
        var doneBytes: Int64 = 0
        func reportDone() {
            guard doneFiles > 0 else { return }
            queue.push(.filesDone(count: doneFiles, bytes: doneBytes))
            doneFiles = 0
            doneBytes = 0
        }
        for job in jobs {
            var lastReported: Int64 = 0
            do {
                try job.format.importer.read(path: job.path, progress: { bytes in
                    if bytes - lastReported >= 1 << 20 {
                        lastReported = bytes
                        queue.push(.progress(bytes: bytes))
                    }
                }, emit: { record in
                    switch record {
                    case .document(let document):
                        if WebLink.isUnlinkable(document.url) {
                            logger.warning("\(job.path): \(document.id): url '\(document.url!.prefix(80))' is not an http(s) address; stored as text, never linked")
                        }
                        batch.append((.upsert(document, origin: job.path), job.argument))
                        if batch.count >= batchSize { flush() }
                    case .deletion(let id):
                        batch.append((.delete(id), job.argument))
                        if batch.count >= batchSize { flush() }
                    case .failure(let issue):
                        flush()
                        queue.push(.failure(issue, argument: job.argument))
                    case .skipped(let issue):
                        queue.push(.skipped(issue, argument: job.argument))
                    case .warning(let issue):
                        queue.push(.warning(issue))
                    }
                })
            } catch let issue as ImportIssue {
                flush()
                queue.push(.failure(issue, argument: job.argument))
            } catch {
                flush()
                queue.push(.failure(ImportIssue(file: job.path, message: "\(error)"), argument: job.argument))
            }
            // Finished files are reported together (each event is a thread hand-off, and a folder
            // of small NIH pages finishes thousands of files a second).
            doneFiles += 1
            doneBytes += job.bytes
            if doneBytes >= 1 << 20 || doneFiles >= 256 { reportDone() }
        }
        flush()
        reportDone()
    }
}
