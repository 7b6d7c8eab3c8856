import Evident
import Foundation
import Hummingbird
import Logging

/// Evident over HTTP: the JSON API under `/v1`, the web page at `/`, health, metrics and the
/// OpenAPI document, all answering from one ``Engine``.
public enum EvidentServer {
    /// The router with every route and middleware (what the application serves and tests drive).
    public static func router(engine: Engine, configuration: ServerConfiguration, metrics: ServerMetrics = ServerMetrics()) throws -> Router<ServerRequestContext> {
        try router(engine: engine, configuration: configuration, metrics: metrics, clock: { ProcessInfo.processInfo.systemUptime })
    }

    /// The router, with the clock the rate limit reads (tests stop it).
    static func router(engine: Engine, configuration: ServerConfiguration, metrics: ServerMetrics,
                       clock: @escaping @Sendable () -> TimeInterval) throws -> Router<ServerRequestContext> {
        let workers = EngineWorkers(threads: configuration.workerThreads)
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorBodyMiddleware())
        let routeTable = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(table: routeTable))

        try WebAssets.load().register(on: router)
        let openAPI = try OpenAPIDocument.load()
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
        }
        router.get("healthz") { _, _ -> Response in
            guard engine.isReady, let documents = try? engine.indexedDocuments() else {
                throw HTTPError(.serviceUnavailable, message: "not ready: the library or its index cannot be opened")
            }
            return try JSONResponse.encode(["status": "ready", "documents": "\(documents)"])
        }

        let api = router.group("v1")
        if configuration.rateLimitPerMinute > 0 {
            api.add(middleware: RateLimitMiddleware(limiter: RateLimiter(perMinute: configuration.rateLimitPerMinute, clock: clock)))
        }
        if let key = configuration.apiKey {
            api.add(middleware: APIKeyMiddleware(key: key))
        }
        APIRoutes(engine: engine, workers: workers, metrics: metrics, timeout: configuration.requestTimeout).register(on: api)

        let metricsRoutes = router.group("metrics")
        if let key = configuration.apiKey { metricsRoutes.add(middleware: APIKeyMiddleware(key: key)) }
        metricsRoutes.get { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(engine: engine))))
        }
        routeTable.fill(from: router)
        return router
    }

    /// The HTTP application: listens on the configured address; `onReady` receives the bound port.
    public static func application(engine: Engine, configuration: ServerConfiguration, logger: Logger,
                                   onReady: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let router = try router(engine: engine, configuration: configuration)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Evident"),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
    }
}
