/// Why a PubMed request or sync failed, naming the query or file and the last answer.
public enum PubMedError: Error, Sendable, CustomStringConvertible {
    /// Every attempt failed; `lastStatus` is the last HTTP status or the transport failure.
    case gaveUp(what: String, attempts: Int, lastStatus: String)
    /// The server answered with a status that retrying cannot fix (400, 404, …).
    case rejected(what: String, status: Int, message: String)
    /// The server could not be reached at all (no network).
    case unreachable(what: String, reason: String)
    /// The answer is not what E-utilities sends (not JSON or XML, an error member).
    case unreadable(what: String, reason: String)
    /// A downloaded file does not match its `.md5`.
    case checksumMismatch(file: String, expected: String, actual: String)
    /// A sync source that holds no PubMed files, or cannot be listed.
    case badSource(String)

    public var description: String {
        switch self {
        case .gaveUp(let what, let attempts, let status): "\(what): gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"); last answer: \(status)"
        case .rejected(let what, let status, let message): "\(what): the server answered \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .unreachable(let what, let reason): "\(what): \(reason)"
        case .unreadable(let what, let reason): "\(what): unreadable answer: \(reason)"
        case .checksumMismatch(let file, let expected, let actual): "\(file): MD5 \(actual) does not match its .md5 (\(expected)); the file was not ingested"
        case .badSource(let reason): reason
        }
    }

    /// True when the network (or the server) could not be used at all, as opposed to a bad answer.
    public var isUnavailable: Bool {
        switch self {
        case .gaveUp, .unreachable: true
        default: false
        }
    }
}
