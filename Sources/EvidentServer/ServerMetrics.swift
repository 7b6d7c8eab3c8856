import CoreMetrics
import Evident
import Hummingbird
import Metrics
import Prometheus

/// The server's metrics, kept in a Prometheus registry of its own (swift-metrics types made by
/// swift-prometheus's factory) and written out in the text format at `GET /metrics`.
public final class ServerMetrics: Sendable {
    /// The registry the metrics live in.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Creates an empty set of metrics.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["http_request_duration_seconds"] = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// Counts one finished request and its time, by route (the route's pattern, not the path asked).
    func record(method: String, route: String, status: Int, nanoseconds: UInt64) {
        Counter(label: "http_requests_total", dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory).increment()
        Metrics.Timer(label: "http_request_duration_seconds", dimensions: [("route", route)], factory: factory).recordNanoseconds(nanoseconds)
    }

    /// Counts one answer by whether it cited anything.
    func recordAnswer(_ answer: Answer) {
        let cited = !answer.references.isEmpty
        Counter(label: "evident_answers_total", dimensions: [("evidence", cited ? "found" : "none")], factory: factory).increment()
    }

    /// The metrics in Prometheus's text format, with the library's sizes read now.
    func exposition(engine: Engine) -> [UInt8] {
        if let documents = try? engine.indexedDocuments() {
            Gauge(label: "evident_index_documents", factory: factory).record(documents)
        }
        if let statistics = try? engine.statistics() {
            Gauge(label: "evident_library_documents", factory: factory).record(statistics.documents)
            Gauge(label: "evident_library_passages", factory: factory).record(statistics.passages)
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

/// Records every request in ``ServerMetrics``; requests that match no route count as route "unmatched".
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status,
                           nanoseconds: UInt64(max(0, started.duration(to: .now).nanoseconds)))
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
