import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Evident
@testable import EvidentServer

/// The HTTP API over a real library, driven through the router (no sockets).
@Suite("HTTP API: answers, search, documents, stats, health, metrics")
struct APITests {
    static func application(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
        var configuration = ServerConfiguration()
        configuration.rateLimitPerMinute = 0
        configure(&configuration)
        return Application(router: try EvidentServer.router(engine: ServerFixture.engine, configuration: configuration))
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    static func body(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    /// The error body's message, after checking its shape and that it names no local path.
    static func errorMessage(_ response: TestResponse, status: HTTPResponse.Status) throws -> String {
        #expect(response.status == status)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let error = try #require(try json(response.body)["error"] as? [String: Any])
        #expect(error["status"] as? Int == status.code)
        let message = try #require(error["message"] as? String)
        #expect(!message.contains(ServerFixture.libraryDirectory) && !message.contains(NSTemporaryDirectory()))
        return message
    }

    @Test("POST /v1/answers returns the answer JSON the CLI prints, or its html, markdown or text rendering")
    func answers() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": "What causes blepharospasm?"])) { response in
                #expect(response.status == .ok)
                let answer = try Self.json(response.body)
                let references = try #require(answer["references"] as? [[String: Any]])
                #expect(references.contains { ($0["documentId"] as? String)?.hasPrefix("medquad:NINDS-") == true })
                let guidelines = try #require(answer["guidelines"] as? [String: Any])
                #expect(!(guidelines["sections"] as? [Any] ?? []).isEmpty)
                #expect(guidelines.keys.contains("note"))
                #expect(answer["intent"] as? String == "causes")
            }
            for (format, type, marker) in [("text", "text/plain", "From the Guidelines"), ("markdown", "text/markdown", "## From the Guidelines"), ("html", "text/html", "<h2>From the Guidelines</h2>")] {
                try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": "What causes blepharospasm?", "format": format])) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(format)")
                    #expect(String(buffer: response.body).contains(marker), "\(format): \(String(buffer: response.body).prefix(200))")
                }
            }
            // Filters narrow what may be cited: research only, from a year on that no document reaches.
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": "What causes blepharospasm?", "tier": "research", "yearFrom": 2100])) { response in
                let answer = try Self.json(response.body)
                #expect((answer["references"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test("bad requests get a JSON error naming the problem: bad JSON, no question, too long, too large, wrong types, unknown routes")
    func errors() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/v1/answers", method: .post, body: ByteBuffer(string: "{\"question\": ")) { response in
                _ = try Self.errorMessage(response, status: .badRequest)
            }
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["tier": "guideline"])) { response in
                _ = try Self.errorMessage(response, status: .badRequest)
            }
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": "   "])) { response in
                let message = try Self.errorMessage(response, status: .badRequest)
                #expect(message == "the question is empty")
            }
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": String(repeating: "a", count: 2_001)])) { response in
                let message = try Self.errorMessage(response, status: .badRequest)
                #expect(message.contains("longer than 2000"))
            }
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": String(repeating: "gout ", count: 4_000)])) { response in
                _ = try Self.errorMessage(response, status: .contentTooLarge)
            }
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": "gout", "yearFrom": 20])) { response in
                let message = try Self.errorMessage(response, status: .badRequest)
                #expect(message.contains("four-digit year"))
            }
            try await client.execute(uri: "/v1/documents/pmid:1", method: .get) { response in
                let message = try Self.errorMessage(response, status: .notFound)
                #expect(message == "no document 'pmid:1' in this library")
            }
            try await client.execute(uri: "/v1/search?q=gout&tier=nowhere", method: .get) { response in
                _ = try Self.errorMessage(response, status: .badRequest)
            }
            try await client.execute(uri: "/v1/search", method: .get) { response in
                let message = try Self.errorMessage(response, status: .badRequest)
                #expect(message.contains("q is required"))
            }
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                _ = try Self.errorMessage(response, status: .notFound)
            }
            try await client.execute(uri: "/v1/answers", method: .get) { response in
                _ = try Self.errorMessage(response, status: .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
        }
    }

    @Test("search takes the CLI's options as query parameters (form-encoded, kinds repeated); documents and stats name no local path")
    func searchDocumentsStats() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/v1/search?q=What+causes+blepharospasm%3F&limit=3&kind=agency+page&kind=review", method: .get) { response in
                #expect(response.status == .ok)
                let results = try #require(try Self.json(response.body)["results"] as? [[String: Any]])
                #expect(results.count == 3)
                #expect(results.allSatisfy { $0["kind"] as? String == "agency page" })
                #expect((results.first?["title"] as? String)?.lowercased().contains("blepharospasm") == true)
            }
            try await client.execute(uri: "/v1/documents/medquad:NINDS-0000043", method: .get) { response in
                #expect(response.status == .ok)
                let document = try Self.json(response.body)
                #expect(document["id"] as? String == "medquad:NINDS-0000043")
                #expect(!(document["passages"] as? [Any] ?? []).isEmpty)
                #expect((document["origin"] as? String)?.contains("/") != true)
            }
            try await client.execute(uri: "/v1/documents/medquad%3ANINDS-0000043", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/stats", method: .get) { response in
                let statistics = try Self.json(response.body)
                #expect((statistics["documents"] as? Int ?? 0) > 250)
                #expect((statistics["directory"] as? String)?.contains("/") == false)
            }
        }
    }

    @Test("an API key is required under /v1 and for /metrics when set (Bearer, exact); health and the page stay open")
    func apiKey() async throws {
        let key = "s3cret-key-for-tests-0123"
        try await Self.application { $0.apiKey = key }.test(.router) { client in
            try await client.execute(uri: "/v1/stats", method: .get) { response in
                _ = try Self.errorMessage(response, status: .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            for wrong in ["Bearer \(key)x", "Bearer \(key.dropLast())", "Basic \(key)", key] {
                try await client.execute(uri: "/v1/stats", method: .get, headers: [.authorization: wrong]) { response in
                    #expect(response.status == .unauthorized, "\(wrong)")
                }
            }
            try await client.execute(uri: "/v1/stats", method: .get, headers: [.authorization: "Bearer \(key)"]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/", method: .get) { response in #expect(response.status == .ok) }
        }
        #expect(APIKeyMiddleware<BasicRequestContext>.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!APIKeyMiddleware<BasicRequestContext>.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!APIKeyMiddleware<BasicRequestContext>.constantTimeEqual(Array("abd".utf8), Array("abc".utf8)))
    }

    @Test("a client over its rate gets 429 with Retry-After; the limit refills with time")
    func rateLimit() async throws {
        // The limiter's clock stands still, so the eleventh request comes "at once" however slow the machine.
        var configuration = ServerConfiguration()
        configuration.rateLimitPerMinute = 60
        let router = try EvidentServer.router(engine: ServerFixture.engine, configuration: configuration, metrics: ServerMetrics(), clock: { 1_000 })
        try await Application(router: router).test(.router) { client in
            for _ in 0..<10 {
                try await client.execute(uri: "/v1/documents/pmid:1", method: .get) { response in #expect(response.status == .notFound) }
            }
            try await client.execute(uri: "/v1/stats", method: .get) { response in
                _ = try Self.errorMessage(response, status: .tooManyRequests)
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
        }
        let limiter = RateLimiter(perMinute: 60)
        for _ in 0..<10 { #expect(limiter.take(client: "a", now: 100) == nil) }
        #expect(limiter.take(client: "a", now: 100) == 1)
        #expect(limiter.take(client: "b", now: 100) == nil)
        #expect(limiter.take(client: "a", now: 101.5) == nil)
    }

    @Test("health is ready with the index open; metrics count requests by route and status, answers without evidence, index size")
    func healthAndMetrics() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let health = try Self.json(response.body)
                #expect(health["status"] as? String == "ready")
            }
            try await client.execute(uri: "/v1/answers", method: .post, body: Self.body(["question": "What is the capital of France?"])) { response in
                #expect(response.status == .ok)
                let answer = try Self.json(response.body)
                #expect(answer["message"] as? String != nil)
            }
            try await client.execute(uri: "/v1/documents/nope", method: .get) { _ in }
            let indexed = try ServerFixture.engine.indexedDocuments()
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(text.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
                #expect(text.contains(#"http_requests_total{method="GET",route="/v1/documents/{id}",status="404"} 1"#))
                #expect(text.contains(#"evident_answers_total{evidence="none"} 1"#))
                #expect(text.contains("http_request_duration_seconds_bucket{route=\"/v1/answers\""))
                #expect(text.contains("evident_index_documents \(indexed)"))
            }
        }
        // A library with nothing indexed yet: not ready.
        let empty = try Library(directory: ServerFixture.temporaryDirectory("empty-library"), create: true)
        let unready = try Engine(.init(libraryDirectory: empty.directory, mesh: ServerFixture.meshPath))
        try await Application(router: try EvidentServer.router(engine: unready, configuration: ServerConfiguration())).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                _ = try Self.errorMessage(response, status: .serviceUnavailable)
            }
        }
    }
}
