import Hummingbird

/// Requires `Authorization: Bearer <key>` when the server has an API key; compares in constant
/// time and never logs the key or what was sent.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let key: [UInt8]

    init(key: String) { self.key = Array(key.utf8) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let sent = request.headers[.authorization].flatMap { value -> [UInt8]? in
            let scheme = "bearer "
            guard value.count > scheme.count, value.prefix(scheme.count).lowercased() == scheme else { return nil }
            return Array(value.dropFirst(scheme.count).utf8)
        }
        guard let sent, Self.constantTimeEqual(sent, key) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"evident\""], message: "a valid API key is required (Authorization: Bearer <key>)")
        }
        return try await next(request, context)
    }

    /// Equal bytes, in a time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
