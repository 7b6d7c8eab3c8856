import Evident
import Foundation
import MCP

/// The MCP tools: their schemas and how a call runs on the engine.
struct EvidentMCPTools: Sendable {
    let engine: Engine

    static let tierSchema: Value = ["type": "string", "enum": ["guideline", "research"], "description": "Only this tier."]
    static let kindsSchema: Value = [
        "type": "array", "items": ["type": "string", "enum": .array(DocumentKind.allCases.map { .string($0.rawValue) })],
        "description": "Only these kinds of document.",
    ]
    static let yearSchema: Value = ["type": "integer", "minimum": 1000, "maximum": 9999]

    static let definitions: [Tool] = [
        Tool(
            name: "ask", title: "Ask a clinical question",
            description: "Answer a clinical question from the library: guideline statements first, then research, every "
                + "sentence an exact quote with numbered citations and a reference list (PMIDs, DOIs, links). Returns the "
                + "answer as text and as JSON. When the library holds no evidence the answer says so.",
            inputSchema: [
                "type": "object", "required": ["question"],
                "properties": [
                    "question": ["type": "string", "description": "The question, terse or full (at most 2,000 characters)."],
                    "tier": tierSchema, "kinds": kindsSchema, "yearFrom": yearSchema, "yearTo": yearSchema,
                ],
            ],
            annotations: .init(readOnlyHint: true, openWorldHint: false)
        ),
        Tool(
            name: "search", title: "Search the library",
            description: "Ranked documents of the library for a query, each with its best passage. Query syntax: words, "
                + "\"phrases\", +required, -excluded.",
            inputSchema: [
                "type": "object", "required": ["query"],
                "properties": [
                    "query": ["type": "string"], "limit": ["type": "integer", "minimum": 1, "maximum": 100, "default": 10],
                    "tier": tierSchema, "kinds": kindsSchema, "yearFrom": yearSchema, "yearTo": yearSchema,
                ],
            ],
            annotations: .init(readOnlyHint: true, openWorldHint: false)
        ),
        Tool(
            name: "get_document", title: "Read a document",
            description: "A library document with its metadata and passages, by id (a reference's documentId, e.g. pmid:21645374).",
            inputSchema: ["type": "object", "required": ["id"], "properties": ["id": ["type": "string"]]],
            annotations: .init(readOnlyHint: true, openWorldHint: false)
        ),
    ]

    /// Runs one tool call; failures come back as an error result the assistant can read.
    func call(_ name: String, arguments: [String: Value]) async -> CallTool.Result {
        do {
            switch name {
            case "ask":
                guard let question = arguments["question"]?.stringValue else { return Self.failure("ask needs a question (a string)") }
                let (tier, filter) = try Self.limits(arguments)
                let engine = self.engine
                let answer = try await offload { try engine.ask(question, tier: tier, filter: filter) }
                return try CallTool.Result(content: [.text(text: AnswerRenderer.markdown(answer), annotations: nil, _meta: nil)], structuredContent: answer)
            case "search":
                guard let query = arguments["query"]?.stringValue else { return Self.failure("search needs a query (a string)") }
                let (tier, filter) = try Self.limits(arguments)
                let limit = arguments["limit"]?.intValue ?? 10
                let options = SearchOptions(limit: limit, tier: tier, kinds: filter.kinds, yearFrom: filter.yearFrom, yearTo: filter.yearTo)
                let engine = self.engine
                let response = try await offload { try engine.search(query, options: options) }
                let lines = response.results.map { result in
                    "\(result.rank). [\(result.id)] \(result.title ?? "Untitled")\(result.year.map { " (\($0))" } ?? "") — \(result.passage?.text.prefix(300) ?? "")"
                }
                return try CallTool.Result(content: [.text(text: lines.isEmpty ? "No documents match." : lines.joined(separator: "\n"), annotations: nil, _meta: nil)], structuredContent: response)
            case "get_document":
                guard let id = arguments["id"]?.stringValue else { return Self.failure("get_document needs an id (a string)") }
                let engine = self.engine
                let view = try await offload { try engine.document(id: id) }
                return try CallTool.Result(content: [.text(text: view.text(width: 100), annotations: nil, _meta: nil)], structuredContent: view)
            default:
                return Self.failure("no tool '\(name)': the tools are ask, search and get_document")
            }
        } catch let error as EngineError {
            return Self.failure(error.publicMessage)
        } catch let error as ArgumentError {
            return Self.failure(error.message)
        } catch {
            return Self.failure("the request could not be completed")
        }
    }

    struct ArgumentError: Error { let message: String }

    /// The tier and document filter in a call's arguments.
    static func limits(_ arguments: [String: Value]) throws -> (Tier?, AnswerFilter) {
        var tier: Tier?
        if let value = arguments["tier"] {
            guard let text = value.stringValue, let parsed = Tier(rawValue: text) else { throw ArgumentError(message: "tier must be guideline or research") }
            tier = parsed
        }
        var kinds = Set<DocumentKind>()
        for value in arguments["kinds"]?.arrayValue ?? [] {
            guard let text = value.stringValue, let kind = DocumentKind(rawValue: text) else { throw ArgumentError(message: "unknown kind \(value)") }
            kinds.insert(kind)
        }
        return (tier, AnswerFilter(kinds: kinds, yearFrom: arguments["yearFrom"]?.intValue, yearTo: arguments["yearTo"]?.intValue))
    }

    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    /// JSON as the CLI prints it.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
