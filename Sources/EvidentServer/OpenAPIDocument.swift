import Foundation

/// The OpenAPI 3.1 description of the HTTP API (`openapi.json` in the module's resources).
public enum OpenAPIDocument {
    /// The document's bytes as served at `GET /openapi.json`.
    public static func load() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw ServerSetupError("openapi.json is missing from the installation (EvidentServer resources)")
        }
        return try Array(Data(contentsOf: url))
    }
}
