import Foundation
import Hummingbird

/// Turns every failure into a JSON body `{"error": {"status": 404, "message": "…"}}`: the
/// status's reason when the error gives no message, and a bare "internal error" for anything
/// unexpected (logged here, never sent: no paths, SQL or stack traces reach a client).
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return Self.response(status: error.status, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as any HTTPResponseError {
            return Self.response(status: error.status, message: error.status.reasonPhrase, headers: [:])
        } catch {
            context.logger.error("request failed: \(error)", metadata: ["path": "\(request.uri.path)"])
            return Self.response(status: .internalServerError, message: "internal error", headers: [:])
        }
    }

    /// The JSON error response.
    static func response(status: HTTPResponse.Status, message: String, headers: HTTPFields) -> Response {
        let data = (try? JSONEncoder().encode(ErrorBody(error: .init(status: status.code, message: message)))) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The JSON shape of every error response.
struct ErrorBody: Codable, Sendable {
    struct Detail: Codable, Sendable {
        let status: Int
        let message: String
    }

    let error: Detail
}
