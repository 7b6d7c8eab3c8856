import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Evident
@testable import EvidentServer

/// The web page's files, the security headers, and the OpenAPI document kept true to the router.
@Suite("Web page, security headers and the OpenAPI document")
struct PageAndSchemaTests {
    static func router() throws -> Router<ServerRequestContext> {
        var configuration = ServerConfiguration()
        configuration.rateLimitPerMinute = 0
        return try EvidentServer.router(engine: ServerFixture.engine, configuration: configuration)
    }

    @Test("the page and its script and style are served with a strict CSP; an unchanged file answers 304")
    func page() async throws {
        try await Application(router: try Self.router()).test(.router) { client in
            var etag = ""
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let csp = try #require(response.headers[.contentSecurityPolicy])
                #expect(csp.contains("script-src 'self'") && csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                let html = String(buffer: response.body)
                #expect(html.contains("<script src=\"/app.js\" defer></script>"))
                #expect(!html.contains("<script>") && !html.contains("style=") && !html.contains("http://") && !html.contains("https://"))
                etag = response.headers[.eTag] ?? ""
            }
            try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/app.js", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
                let script = String(buffer: response.body)
                // Source text is only ever set as text; the filter lists every kind the library knows.
                #expect(!script.contains("innerHTML") && !script.contains("outerHTML") && !script.contains("insertAdjacentHTML") && !script.contains("eval("))
                for kind in DocumentKind.allCases { #expect(script.contains("\"\(kind.rawValue)\""), "\(kind.rawValue)") }
            }
            try await client.execute(uri: "/app.css", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                #expect(!String(buffer: response.body).contains("@import") && !String(buffer: response.body).contains("url(http"))
            }
            try await client.execute(uri: "/v1/stats", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy] != nil && response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test("openapi.json describes exactly the routes the router serves, and its Answer schema the keys an answer has")
    func openAPI() async throws {
        let router = try Self.router()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.load())) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" })
            .subtracting(["GET /app.js", "GET /app.css", "GET /favicon.svg", "GET /"])
        #expect(documented == served)

        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let answer = try ServerFixture.engine.ask("What causes blepharospasm?")
        let encoded = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(answer)) as? [String: Any])
        let required = Set(try #require(schemas["Answer"]?["required"] as? [String]))
        #expect(required == Set(encoded.keys))
        let reference = try #require((encoded["references"] as? [[String: Any]])?.first)
        #expect(Set(try #require(schemas["Reference"]?["required"] as? [String])) == Set(reference.keys))
        let kinds = (((schemas["Reference"]?["properties"] as? [String: Any])?["kind"] as? [String: Any])?["enum"] as? [String]) ?? []
        #expect(Set(kinds) == Set(DocumentKind.allCases.map(\.rawValue)))
    }
}
