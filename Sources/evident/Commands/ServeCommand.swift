import ArgumentParser
import Evident
import EvidentServer
import Foundation
import Hummingbird
import Logging

/// `evident serve`: the HTTP API and the web page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the library over HTTP: a web page for clinicians and a JSON API.",
        discussion: """
            Open http://127.0.0.1:8080/ for the page: ask a question, read the answer with its \
            numbered citations (the quote shows on hover or focus), filter by tier, year and kind \
            of study, copy the answer as Markdown, export the references as BibTeX or RIS.

            The API (described at /openapi.json):
              POST /v1/answers        {"question": "...", "tier"?, "format"?: json|html|markdown|text, "kinds"?, "yearFrom"?, "yearTo"?}
              GET  /v1/search?q=...   (&limit, &tier, &kind (repeatable), &yearFrom, &yearTo)
              GET  /v1/documents/{id}
              GET  /v1/stats
              GET  /healthz           200 when the library and index are open, else 503
              GET  /metrics           Prometheus text format

            The server keeps answering while `evident ingest` adds to the library in another \
            process and picks up each new index commit by itself. It listens on loopback unless \
            --host says otherwise; put a TLS proxy in front to serve a network. SIGTERM or \
            Ctrl-C stops it after the requests in flight.

            Examples:
              evident serve
              evident serve --port 9000 --api-key-file /etc/evident/key
              curl -s localhost:8080/v1/answers -d '{"question":"What causes blepharospasm?","format":"text"}'
            """
    )

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port; the one chosen is printed).")
    var port = 8080

    @Option(name: .long, help: ArgumentHelp("A file holding the API key clients must send as 'Authorization: Bearer <key>' (at least 16 characters).", valueName: "file"))
    var apiKeyFile: String?

    @Option(name: .long, help: ArgumentHelp("API requests per minute per client address (0: no limit).", valueName: "n"))
    var rateLimit = 600

    @Option(name: .long, help: ArgumentHelp("Seconds an answer may take, waiting included, before the server answers 503.", valueName: "seconds"))
    var timeout: Double = 10

    @OptionGroup var answerOptions: AnswerOptions

    @OptionGroup var libraryOptions: LibraryOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 or more") }
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }

    func run() async throws {
        let engine = try libraryOptions.engine(answerOptions)
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.rateLimitPerMinute = rateLimit
        configuration.requestTimeout = .milliseconds(Int64(timeout * 1000))
        do {
            if let apiKeyFile { configuration.apiKey = try ServerConfiguration.readAPIKey(path: apiKeyFile) }
            // Open everything an answer needs now, so the first request is as fast as the rest.
            for warning in try engine.warnings() { Terminal.writeError("note: \(warning)\n") }
        } catch let error as ServerSetupError {
            Terminal.printError(error.description)
            throw ExitCode(ExitStatus.fatal)
        } catch let error as EngineError {
            throw Terminal.fail(error)
        }
        var logger = Logger(label: "evident.serve")
        logger.logLevel = LoggingBootstrap.requestedLevel(arguments: CommandLine.arguments)
        let host = self.host
        do {
            let application = try EvidentServer.application(engine: engine, configuration: configuration, logger: logger) { port in
                let documents = (try? engine.indexedDocuments()) ?? 0
                Terminal.writeError("Evident is serving \(Terminal.number(documents)) documents at http://\(host):\(port)/ (Ctrl-C to stop)\n")
            }
            try await application.runService()
        } catch let error as ServerSetupError {
            Terminal.printError(error.description)
            throw ExitCode(ExitStatus.fatal)
        } catch {
            Terminal.printError("the server stopped: \(error)")
            throw ExitCode(ExitStatus.fatal)
        }
    }
}
