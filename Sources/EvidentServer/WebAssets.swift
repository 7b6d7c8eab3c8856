import Foundation
import Hummingbird

/// The web page's files (`Web/` in the module's resources), read once and served from memory with
/// an ETag, so the page works offline and from any proxy without a file system path.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        let bytes: [UInt8]
        let contentType: String
        let etag: String
    }

    /// Request path → file.
    let assets: [String: Asset]

    /// Reads the shipped files; a missing file is a packaging error, reported at start.
    static func load() throws -> WebAssets {
        guard let directory = Bundle.module.url(forResource: "Web", withExtension: nil) else {
            throw ServerSetupError("the web page's files are missing from the installation (EvidentServer resources)")
        }
        let types = ["html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
                     "svg": "image/svg+xml", "json": "application/json"]
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Array(Data(contentsOf: directory.appendingPathComponent(name)))
            let type = types[(name as NSString).pathExtension] ?? "application/octet-stream"
            assets[name == "index.html" ? "/" : "/\(name)"] = Asset(bytes: bytes, contentType: type, etag: "\"\(Self.fingerprint(bytes))\"")
        }
        return WebAssets(assets: assets)
    }

    func register(on router: Router<ServerRequestContext>) {
        for path in assets.keys.sorted() {
            router.get(RouterPath(path)) { request, _ in try self.response(path: path, request: request) }
        }
    }

    func response(path: String, request: Request) throws -> Response {
        guard let asset = assets[path] else { throw HTTPError(.notFound) }
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"]
        if request.headers[.ifNoneMatch] == asset.etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(asset.bytes.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// FNV-1a of the bytes, as hex: enough to tell versions of a file apart.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
