import Evident
import Foundation
import Hummingbird

/// The JSON API under `/v1`: answers, search, documents and statistics, each a thin call into
/// the ``Engine`` run on ``EngineWorkers``.
struct APIRoutes: Sendable {
    let engine: Engine
    let workers: EngineWorkers
    let metrics: ServerMetrics
    let timeout: Duration

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("answers", use: answer)
        group.get("search", use: search)
        group.get("documents/{id}", use: document)
        group.get("stats", use: statistics)
    }

    @Sendable func answer(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let body = try await request.decode(as: AnswerRequest.self, context: context)
        try body.validate()
        let engine = self.engine
        let answer = try await run { try engine.ask(body.question, tier: body.tier, filter: body.filter, explain: body.explain ?? false) }
        metrics.recordAnswer(answer)
        switch body.format ?? .json {
        case .json: return try JSONResponse.encode(answer)
        case .html: return Self.text(AnswerRenderer.html(answer), type: "text/html; charset=utf-8")
        case .markdown: return Self.text(AnswerRenderer.markdown(answer), type: "text/markdown; charset=utf-8")
        case .text: return Self.text(AnswerRenderer.text(answer, width: 100, emphasis: false), type: "text/plain; charset=utf-8")
        }
    }

    @Sendable func search(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let parameters = FormQuery(request.uri.query)
        guard let query = parameters.first("q"), !query.isEmpty else { throw HTTPError(.badRequest, message: "the query parameter q is required") }
        var options = SearchOptions()
        if let limit = parameters.first("limit") {
            guard let value = Int(limit) else { throw HTTPError(.badRequest, message: "limit must be a whole number") }
            options.limit = value
        }
        if let tier = parameters.first("tier") {
            guard let value = Tier(rawValue: tier) else { throw HTTPError(.badRequest, message: "tier must be guideline or research") }
            options.tier = value
        }
        for kind in parameters.all("kind") {
            guard let value = DocumentKind(rawValue: kind) else { throw HTTPError(.badRequest, message: "unknown kind '\(kind)'") }
            options.kinds.insert(value)
        }
        options.yearFrom = try Self.year(parameters.first("yearFrom"), name: "yearFrom")
        options.yearTo = try Self.year(parameters.first("yearTo"), name: "yearTo")
        let engine = self.engine
        let selected = options
        return try JSONResponse.encode(try await run { try engine.search(query, options: selected) })
    }

    @Sendable func document(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let raw = try context.parameters.require("id")
        let id = raw.removingPercentEncoding ?? raw   // "pmid%3A123" is "pmid:123"
        let engine = self.engine
        var view = try await run { try engine.document(id: id) }
        // The file's name only, as for the library in /v1/stats.
        view.origin = view.origin.map { URL(fileURLWithPath: $0).lastPathComponent }
        return try JSONResponse.encode(view)
    }

    @Sendable func statistics(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let engine = self.engine
        var statistics = try await run { try engine.statistics() }
        // The library's name only: where it lives on the server is nobody's business.
        statistics.directory = URL(fileURLWithPath: statistics.directory).lastPathComponent
        return try JSONResponse.encode(statistics)
    }

    /// Runs engine work on the workers, mapping engine errors and the time limit to HTTP statuses.
    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await workers.run(timeout: timeout) { try work() }
        } catch let error as EngineError {
            throw Self.httpError(error)
        } catch is EngineWorkers.Timeout {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: "the server is busy: the request took longer than its time limit")
        }
    }

    /// The HTTP status and public message for an engine error.
    static func httpError(_ error: EngineError) -> HTTPError {
        switch error {
        case .documentNotFound: HTTPError(.notFound, message: error.publicMessage)
        case .invalidRequest: HTTPError(.badRequest, message: error.publicMessage)
        case .libraryUnavailable, .indexUnavailable: HTTPError(.serviceUnavailable, message: error.publicMessage)
        case .failed: HTTPError(.internalServerError, message: error.publicMessage)
        }
    }

    /// The year a query parameter gives (nil when absent); a 400 naming it when it is not a four-digit year.
    static func year(_ text: String?, name: String) throws -> Int? {
        guard let text else { return nil }
        return try checkedYear(Int(text) ?? 0, name: name)
    }

    /// `year` when it is a four-digit year (nil stays nil), else a 400 naming the parameter.
    static func checkedYear(_ year: Int?, name: String) throws -> Int? {
        guard let year else { return nil }
        guard (1000...9999).contains(year) else { throw HTTPError(.badRequest, message: "\(name) must be a four-digit year") }
        return year
    }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// JSON responses encoded the way the CLI prints them (sorted keys), so both read alike.
enum JSONResponse {
    static func encode(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
