import ArgumentParser
import Foundation

/// `evident mcp`: runs `evident-mcp`, installed beside `evident`, with the same arguments.
///
/// The MCP server is a program of its own so that the networking stack its SDK links is loaded
/// only by it, not by every `evident ask`.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the library to an AI assistant over the Model Context Protocol (standard input and output).",
        discussion: """
            Tools: ask (the cited answer as Markdown text and as JSON), search, get_document. \
            Resources: every document, as evident://documents/<id> (JSON). Logs go to standard \
            error; standard output carries the protocol only. Runs the evident-mcp program \
            installed beside evident.

            An assistant's configuration runs it as a command, for example:
              {"mcpServers": {"evident": {"command": "evident", "args": ["mcp", "--library", "/path/to/library"]}}}
            """
    )

    @Option(name: .long, help: ArgumentHelp("A compiled MeSH vocabulary (default: $EVIDENT_MESH, else the installed one).", valueName: "file"))
    var mesh: String?

    @OptionGroup var libraryOptions: LibraryOptions

    func run() throws {
        let program = Self.sibling("evident-mcp")
        guard FileManager.default.isExecutableFile(atPath: program) else {
            Terminal.printError("evident-mcp is missing: it is built and installed beside evident (\(program))")
            throw ExitCode(ExitStatus.fatal)
        }
        var arguments = [program, "--library", libraryOptions.directory]
        if let mesh { arguments += ["--mesh", mesh] }
        if let level = libraryOptions.logLevel { arguments += ["--log-level", level.rawValue] }
        let argv = arguments.map { strdup($0) } + [nil]
        execv(program, argv)
        Terminal.printError("cannot run \(program): \(String(cString: strerror(errno)))")
        throw ExitCode(ExitStatus.fatal)
    }

    /// A program in the same directory as this one.
    static func sibling(_ name: String) -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map(URL.init(fileURLWithPath:)) ?? me
        return resolved.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
