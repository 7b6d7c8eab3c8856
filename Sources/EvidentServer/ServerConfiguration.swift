import Foundation

/// How `evident serve` listens and what it allows each client.
public struct ServerConfiguration: Sendable {
    /// Address to listen on (loopback by default: put a proxy in front to serve others).
    public var host = "127.0.0.1"
    /// Port to listen on (0: any free port, printed when the server is ready).
    public var port = 8080
    /// The key clients must send as `Authorization: Bearer <key>` to use the API (nil: no key).
    public var apiKey: String?
    /// Requests per minute one client address may make to the API (0: no limit).
    public var rateLimitPerMinute = 600
    /// The longest an answer, search or document read may take, waiting included.
    public var requestTimeout: Duration = .seconds(10)
    /// The largest request body accepted (413 beyond it).
    public static let maximumBodyBytes = 16 * 1024
    /// Engine jobs run at once (default: one per core).
    public var workerThreads = ProcessInfo.processInfo.activeProcessorCount

    /// Creates the default configuration.
    public init() {}
}

extension ServerConfiguration {
    /// Reads an API key file: its first non-empty line, without surrounding white space.
    public static func readAPIKey(path: String) throws -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ServerSetupError("cannot read the API key file \(path): \(error.localizedDescription)")
        }
        guard let key = text.split(whereSeparator: \.isNewline).lazy.map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) else {
            throw ServerSetupError("the API key file \(path) is empty")
        }
        guard key.count >= 16 else { throw ServerSetupError("the API key in \(path) is shorter than 16 characters") }
        return key
    }
}

/// The server cannot start as configured.
public struct ServerSetupError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, naming the file or option.
    public let description: String

    init(_ description: String) { self.description = description }
}
