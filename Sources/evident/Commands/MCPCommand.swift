import ArgumentParser
import Evident
import EvidentMCP
import Foundation
import Logging

/// `evident mcp`: the Model Context Protocol server for AI assistants.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the library to an AI assistant over the Model Context Protocol (standard input and output).",
        discussion: """
            Tools: ask (the cited answer as Markdown text and as JSON), search, get_document. \
            Resources: every document, as evident://documents/<id> (JSON). Logs go to standard \
            error; standard output carries the protocol only.

            An assistant's configuration runs it as a command, for example:
              {"mcpServers": {"evident": {"command": "evident", "args": ["mcp", "--library", "/path/to/library"]}}}
            """
    )

    @Option(name: .long, help: ArgumentHelp("A compiled MeSH vocabulary (default: $EVIDENT_MESH, else the installed one).", valueName: "file"))
    var mesh: String?

    @OptionGroup var libraryOptions: LibraryOptions

    func run() async throws {
        let engine = try libraryOptions.engine(mesh: mesh, disclaimer: ProcessInfo.processInfo.environment["EVIDENT_DISCLAIMER"])
        do {
            for warning in try engine.warnings() { Terminal.writeError("note: \(warning)\n") }
        } catch {
            throw Terminal.fail(error)
        }
        var logger = Logger(label: "evident.mcp")
        logger.logLevel = LoggingBootstrap.requestedLevel(arguments: CommandLine.arguments)
        do {
            try await EvidentMCPServer(engine: engine, logger: logger).run()
        } catch {
            Terminal.printError("the MCP server stopped: \(error)")
            throw ExitCode(ExitStatus.fatal)
        }
    }
}
