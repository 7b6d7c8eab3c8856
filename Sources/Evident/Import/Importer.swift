/// Reads one source file and yields its records one at a time.
///
/// Importers stream: they never hold more than one record (or one small file) in memory.
/// A problem with one record is yielded as ``ImportRecord/failure(_:)`` and reading goes on;
/// a problem with the file as a whole (missing, truncated, unreadable) is thrown.
public protocol Importer: Sendable {
    /// The format this importer reads.
    var format: SourceFormat { get }
    /// Reads `path`, calling `emit` for every record and `progress` with bytes consumed.
    func read(path: String, progress: (Int64) -> Void, emit: (ImportRecord) throws -> Void) throws
}
