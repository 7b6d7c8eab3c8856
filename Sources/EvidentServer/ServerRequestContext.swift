import Hummingbird
import NIOCore

/// The per-request context of Evident's router: the client's address (for rate limits) and the
/// body size limit.
public struct ServerRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, when the connection has one.
    public let clientAddress: String?

    /// Creates the context for a request arriving on a connection.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies larger than this are refused with 413 (questions are short).
    public var maxUploadSize: Int { ServerConfiguration.maximumBodyBytes }
}
