import Evident
import HTTPTypes
import Hummingbird

/// Answers 405 with an `Allow` header when a path exists but not for the method asked (rather
/// than 404, which would say the path does not exist). The table of routes is filled in once
/// every route is registered (``RouteTable/fill(from:)``).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allowed = table.methods(forPath: request.uri.path), !allowed.contains(request.method) else { throw error }
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            throw HTTPError(.methodNotAllowed, headers: [.allow: allow], message: "\(request.method.rawValue) is not allowed here; use \(allow)")
        }
    }
}

/// The router's paths (`/v1/documents/{id}`) and the methods each serves.
final class RouteTable: Sendable {
    private let routes = Locked<[(segments: [String], methods: Set<HTTPRequest.Method>)]>([])

    /// Records every route of `router`.
    func fill<Context>(from router: Router<Context>) {
        var byPath: [String: Set<HTTPRequest.Method>] = [:]
        for route in router.routes { byPath[route.path.description, default: []].insert(route.method) }
        routes.withLock { table in
            table = byPath.map { (Self.segments($0.key), $0.value) }
        }
    }

    /// The methods served at a concrete path, or nil when no route has its shape.
    func methods(forPath path: String) -> Set<HTTPRequest.Method>? {
        let asked = Self.segments(path)
        return routes.withLock { table in
            table.first { route in
                route.segments.count == asked.count
                    && zip(route.segments, asked).allSatisfy { pattern, segment in pattern == segment || pattern.hasPrefix("{") || pattern.hasPrefix(":") }
            }?.methods
        }
    }

    static func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }
}
