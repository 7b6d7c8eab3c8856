import Dispatch
import Evident
import Foundation
import Logging
import MCP

/// Evident for AI assistants: a Model Context Protocol server over standard input and output
/// with the tools `ask`, `search` and `get_document`, and every document as a resource
/// (`evident://documents/<id>`). It logs to standard error only: standard output is the protocol.
public struct EvidentMCPServer: Sendable {
    /// The URI prefix of document resources.
    public static let documentURIPrefix = "evident://documents/"
    /// Documents per page of `resources/list`.
    static let pageSize = 200

    let engine: Engine
    let logger: Logger

    /// Creates the server over an engine.
    public init(engine: Engine, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    /// Serves one client on standard input and output until it disconnects.
    public func run() async throws {
        let server = Server(
            name: "evident", version: "0.1.0", title: "Evident",
            instructions: "Cited answers to clinical questions from a local library of guidelines and research. "
                + "Use `ask` for a question (the answer quotes its sources, numbered), `search` to find documents, "
                + "`get_document` (or the document resources) to read one. Never state more than the quotes support.",
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false))
        )
        await register(on: server)
        try await server.start(transport: StdioTransport(logger: logger))
        await server.waitUntilCompleted()
    }

    /// Registers the tool and resource handlers.
    func register(on server: Server) async {
        let tools = EvidentMCPTools(engine: engine)
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: EvidentMCPTools.definitions) }
        await server.withMethodHandler(CallTool.self) { call in await tools.call(call.name, arguments: call.arguments ?? [:]) }
        let engine = self.engine
        await server.withMethodHandler(ListResources.self) { parameters in
            let cursor = parameters.cursor.flatMap(Int64.init)
            let page = try await offload { try engine.documents(after: cursor, limit: Self.pageSize) }
            let resources = page.documents.map { document in
                Resource(name: document.id, uri: Self.uri(document.id), title: document.title,
                         description: [document.kind, document.year.map(String.init)].compactMap { $0 }.joined(separator: ", "),
                         mimeType: "application/json")
            }
            return .init(resources: resources, nextCursor: page.next.map(String.init))
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            .init(templates: [Resource.Template(uriTemplate: "\(Self.documentURIPrefix){id}", name: "document",
                                                title: "A library document with its passages", mimeType: "application/json")])
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            guard let id = Self.documentId(uri: parameters.uri) else {
                throw MCPError.invalidParams("not a document of this library: \(parameters.uri) (expected \(Self.documentURIPrefix)<id>)")
            }
            do {
                let view = try await offload { try engine.document(id: id) }
                return .init(contents: [.text(try EvidentMCPTools.json(view), uri: parameters.uri, mimeType: "application/json")])
            } catch let error as EngineError {
                throw MCPError.invalidParams(error.publicMessage)
            }
        }
    }

    /// The resource URI of a document.
    static func uri(_ id: String) -> String {
        documentURIPrefix + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? id)
    }

    /// The document id a resource URI names.
    static func documentId(uri: String) -> String? {
        guard uri.hasPrefix(documentURIPrefix) else { return nil }
        let encoded = String(uri.dropFirst(documentURIPrefix.count))
        guard !encoded.isEmpty else { return nil }
        return encoded.removingPercentEncoding ?? encoded
    }
}

/// Runs blocking engine work on a dispatch thread, leaving the protocol's tasks free.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
    }
}
