import ArgumentParser

/// The `evident` command: answers clinical questions from a local library of evidence.
@main
struct EvidentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evident",
        abstract: "Answer clinical questions from a local, cited library of guidelines and research.",
        discussion: """
            Evident keeps a library of evidence on this machine (guidelines, NIH institute pages, \
            PubMed abstracts, full-text articles) and answers from it offline.

            Start by ingesting sources, then look at what you have:
              evident ingest ../shared/data/pubmedqa/ori_pqal.json ../shared/data/medquad
              evident stats
              evident show pmid:21645374

            Then ask it, here or as a service:
              evident ask "What causes blepharospasm?"
              evident serve          (web page and HTTP API at http://127.0.0.1:8080/)
              evident mcp            (Model Context Protocol server for AI assistants)

            The library lives in --library DIR, else $EVIDENT_LIBRARY, else \
            $XDG_DATA_HOME/evident (~/.local/share/evident).

            Exit status: 0 success; 1 some input failed (everything valid was still stored); \
            2 the library could not be opened or written; 3 not found; 4 PubMed or a sync \
            source could not be reached; 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [AskCommand.self, IngestCommand.self, PubMedCommand.self, SearchCommand.self, StatsCommand.self, ShowCommand.self, IndexCommand.self, ServeCommand.self, MCPCommand.self, ResourcesCommand.self, AspectsCommand.self, EvalCommand.self, BenchCommand.self]
    )

    /// Sets up logging before any command runs, then dispatches.
    static func main() async {
        LoggingBootstrap.once(level: LoggingBootstrap.requestedLevel(arguments: CommandLine.arguments))
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
