import Foundation

/// The files an ingest will read, found by expanding the paths the user gave.
public struct IngestPlan: Sendable {
    /// One file (or guideline pack folder) and how to read it.
    public struct Job: Sendable {
        public var path: String
        public var format: SourceFormat
        /// Which of the user's arguments this file came from.
        public var argument: Int
        /// Size on disk, for progress.
        public var bytes: Int64
    }

    public var arguments: [String]
    public var jobs: [Job]
    /// Problems with the arguments themselves: missing files, unknown formats.
    public var problems: [ImportIssue]
    /// Files passed over while walking directories (not document sources), with the reason.
    public var passedOver: [ImportIssue]

    /// Total bytes to read.
    public var totalBytes: Int64 { jobs.reduce(0) { $0 + $1.bytes } }

    /// Expands `paths`: files as given, directories walked recursively in name order.
    ///
    /// A file named on the command line whose format is unknown is a problem; one met while
    /// walking a directory (a README, a licence, a query file) is passed over and noted.
    public static func make(paths: [String], format: SourceFormat?) -> IngestPlan {
        var plan = IngestPlan(arguments: paths, jobs: [], problems: [], passedOver: [])
        let manager = FileManager.default
        for (argument, path) in paths.enumerated() {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                plan.problems.append(ImportIssue(file: path, message: "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                plan.walk(directory: path, argument: argument, format: format)
            } else {
                plan.add(file: path, argument: argument, format: format, explicit: true)
            }
        }
        return plan
    }

    private mutating func walk(directory: String, argument: Int, format: SourceFormat?) {
        if format == nil || format == .openMedicine, OpenMedicineImporter.isPack(directory: directory) {
            jobs.append(Job(path: directory, format: .openMedicine, argument: argument, bytes: Library.directorySize(directory)))
            return
        }
        if format == .openMedicine {
            problems.append(ImportIssue(file: directory, message: "not an open-medicine pack: no registry.json and content/ folder"))
            return
        }
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else {
            problems.append(ImportIssue(file: directory, message: "cannot list the directory"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(directory: path, argument: argument, format: format)
            } else {
                add(file: path, argument: argument, format: format, explicit: false)
            }
        }
    }

    private mutating func add(file path: String, argument: Int, format: SourceFormat?, explicit: Bool) {
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        if let format {
            jobs.append(Job(path: path, format: format, argument: argument, bytes: bytes))
            return
        }
        switch FormatDetector.detect(path: path) {
        case .format(let detected):
            jobs.append(Job(path: path, format: detected, argument: argument, bytes: bytes))
        case .notASource(let reason):
            let issue = ImportIssue(file: path, message: "not a document source: \(reason)")
            if explicit { problems.append(issue) } else { passedOver.append(issue) }
        case .unknown:
            let hint = "unknown format (use --format; known: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")))"
            if explicit {
                problems.append(ImportIssue(file: path, message: hint))
            } else {
                passedOver.append(ImportIssue(file: path, message: "not a recognised source format"))
            }
        }
    }
}
