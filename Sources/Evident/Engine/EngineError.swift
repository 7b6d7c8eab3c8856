/// Why the engine could not do what was asked, in terms a CLI, a server or an assistant can
/// each turn into its own message and status (no paths of the machine in ``publicMessage``).
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The library cannot be opened (missing, unreadable, or not a library).
    case libraryUnavailable(directory: String, reason: String)
    /// The index cannot be read (run `evident index`).
    case indexUnavailable(reason: String)
    /// No document has this id.
    case documentNotFound(id: String)
    /// The request itself is wrong: an empty or over-long question, a bad query.
    case invalidRequest(String)
    /// Something failed while answering or searching.
    case failed(String)

    /// A message for the person at the terminal (may name local paths).
    public var description: String {
        switch self {
        case .libraryUnavailable(let directory, let reason): "cannot open the library \(directory): \(reason)"
        case .indexUnavailable(let reason): "the index cannot be read: \(reason)"
        case .documentNotFound(let id): "no document '\(id)' in this library"
        case .invalidRequest(let reason): reason
        case .failed(let reason): reason
        }
    }

    /// A message safe to send to a remote client: no paths, SQL or internals.
    public var publicMessage: String {
        switch self {
        case .libraryUnavailable: "the library is not available"
        case .indexUnavailable: "the index is not available"
        case .documentNotFound(let id): "no document '\(id)' in this library"
        case .invalidRequest(let reason): reason
        case .failed: "the request could not be completed"
        }
    }
}
