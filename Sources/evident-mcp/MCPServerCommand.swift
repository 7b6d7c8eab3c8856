import ArgumentParser
import Evident
import EvidentMCP
import Foundation
import Logging

/// `evident-mcp` (what `evident mcp` runs): the Model Context Protocol server for AI assistants.
/// It is a program of its own because the MCP SDK links the networking stack (libcurl and its
/// libraries), which would otherwise slow every start of the `evident` command.
@main
struct MCPServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evident mcp",
        abstract: "Serve the library to an AI assistant over the Model Context Protocol (standard input and output).",
        discussion: """
            Tools: ask (the cited answer as Markdown text and as JSON), search, get_document. \
            Resources: every document, as evident://documents/<id> (JSON). Logs go to standard \
            error; standard output carries the protocol only.

            An assistant's configuration runs it as a command, for example:
              {"mcpServers": {"evident": {"command": "evident", "args": ["mcp", "--library", "/path/to/library"]}}}
            """
    )

    @Option(name: .long, help: ArgumentHelp("The library directory (default: $EVIDENT_LIBRARY, else $XDG_DATA_HOME/evident).", valueName: "dir"))
    var library: String?

    @Option(name: .long, help: ArgumentHelp("A compiled MeSH vocabulary (default: $EVIDENT_MESH, else the installed one).", valueName: "file"))
    var mesh: String?

    @Option(name: .long, help: ArgumentHelp("Diagnostic log level on standard error: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: String?

    func run() async throws {
        let level = logLevel.flatMap(Logger.Level.init(rawValue:))
            ?? ProcessInfo.processInfo.environment["EVIDENT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let engine: Engine
        do {
            engine = try Engine(.init(libraryDirectory: LibraryLocation.resolve(explicit: library), mesh: mesh))
            for warning in try engine.warnings() { FileHandle.standardError.write(Data("note: \(warning)\n".utf8)) }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(error.isNotFound ? 3 : 2)
        }
        var logger = Logger(label: "evident.mcp")
        logger.logLevel = level
        do {
            try await EvidentMCPServer(engine: engine, logger: logger).run()
        } catch {
            FileHandle.standardError.write(Data("error: the MCP server stopped: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

extension EngineError {
    var isNotFound: Bool { if case .documentNotFound = self { true } else { false } }
}
