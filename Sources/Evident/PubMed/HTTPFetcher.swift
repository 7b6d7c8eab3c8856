import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// HTTP GETs over async-http-client (SwiftNIO, linked statically: no libcurl, so `evident`
/// starts as fast as before). The only file of Evident that speaks HTTP.
public final class HTTPFetcher: Sendable {
    /// One answer: its status, its `Retry-After`, and its body (empty for a download).
    public struct Reply: Sendable {
        public var status: Int
        public var retryAfter: String?
        public var body: [UInt8]
    }

    /// Why no answer came.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Nothing arrived within the time limit, or the response stalled.
        case timedOut
        /// The host could not be reached (no network, refused, unknown name).
        case unreachable(String)
        /// The response exceeded the size limit.
        case tooLarge(Int)

        public var description: String {
            switch self {
            case .timedOut: "timed out"
            case .unreachable(let reason): "cannot reach the server (\(reason))"
            case .tooLarge(let limit): "the response is larger than \(limit) bytes"
            }
        }
    }

    private let client: HTTPClient
    /// The fetcher's own event loop: timeouts fire on time even when a server in the same
    /// process keeps the shared loops busy.
    private let group: MultiThreadedEventLoopGroup
    private let timeout: Duration

    /// Creates a fetcher; `timeout` bounds each request and any stall within it. A host that
    /// accepts no connection within `connectTimeout` is unreachable (not retried).
    public init(timeout: Duration, connectTimeout: Duration = .seconds(4)) {
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        let amount = Self.timeAmount(timeout)
        configuration.timeout = .init(connect: min(amount, Self.timeAmount(connectTimeout)), read: amount)
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.decompression = .disabled
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
    }

    /// Closes the connections and stops the event loop (a second call does nothing).
    public func shutdown() async {
        try? await client.shutdown()
        try? await group.shutdownGracefully()
    }

    /// GETs `url`, reading at most `limit` bytes of body.
    public func get(_ url: String, limit: Int = 256 << 20) async throws -> Reply {
        try await perform(url) { response in
            var body = [UInt8]()
            for try await buffer in response.body {
                body.append(contentsOf: buffer.readableBytesView)
                if body.count > limit { throw Failure.tooLarge(limit) }
            }
            return Reply(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"), body: body)
        }
    }

    /// GETs `url` into the file at `path` (written only for a 2xx answer; replaced if present).
    /// A non-2xx answer's body is returned instead, for its message.
    public func download(_ url: String, to path: String) async throws -> Reply {
        try await perform(url) { response in
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                var body = [UInt8]()
                for try await buffer in response.body where body.count < 64 << 10 { body.append(contentsOf: buffer.readableBytesView) }
                return Reply(status: status, retryAfter: response.headers.first(name: "Retry-After"), body: body)
            }
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            defer { try? handle.close() }
            for try await buffer in response.body {
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
            try handle.synchronize()
            return Reply(status: status, retryAfter: nil, body: [])
        }
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    private func perform(_ url: String, read: (HTTPClientResponse) async throws -> Reply) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "evident (E-utilities client)")
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(timeout))
            return try await read(response)
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout: throw Failure.timedOut
            case .connectTimeout: throw Failure.unreachable("no connection within the connect timeout")
            case .remoteConnectionClosed, .cancelled: throw Failure.timedOut
            default: throw Failure.unreachable("\(error)")
            }
        } catch let error as Failure {
            throw error
        } catch let error as CocoaError {
            throw error
        } catch {
            if "\(error)".localizedCaseInsensitiveContains("timeout") || "\(error)".localizedCaseInsensitiveContains("timed out") { throw Failure.timedOut }
            throw Failure.unreachable("\(error)")
        }
    }
}
