import ArgumentParser
import Evident
import Foundation
import Logging

/// Options every command that reads or writes the library shares.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The library directory.",
        discussion: "Default: $EVIDENT_LIBRARY, else $XDG_DATA_HOME/evident (~/.local/share/evident).",
        valueName: "dir"))
    var library: String?

    @Option(name: .long, help: ArgumentHelp("Diagnostic log level on standard error: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: Logger.Level?

    /// The resolved library directory.
    var directory: String { LibraryLocation.resolve(explicit: library) }

    /// Opens the library, turning failures into exit status 2 with a clear message.
    func open(create: Bool) throws -> Library {
        do {
            return try Library(directory: directory, create: create)
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.fatal)
        }
    }
}

/// Options of the commands that answer questions (`ask`, `serve`).
struct AnswerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A compiled MeSH vocabulary (default: $EVIDENT_MESH, else the installed one; see `evident resources`).", valueName: "file"))
    var mesh: String?

    @Option(name: .long, help: ArgumentHelp("The closing disclaimer (default: $EVIDENT_DISCLAIMER, else a fixed sentence).", valueName: "text"))
    var disclaimer: String?
}

extension LibraryOptions {
    /// Opens the engine over the library, turning failures into exit status 2 with a clear message.
    func engine(mesh: String? = nil, disclaimer: String? = nil) throws -> Engine {
        do {
            return try Engine(.init(libraryDirectory: directory, mesh: mesh, disclaimer: disclaimer))
        } catch {
            throw Terminal.fail(error)
        }
    }

    /// Opens the engine that answers as `options` say.
    func engine(_ options: AnswerOptions) throws -> Engine {
        try engine(mesh: options.mesh, disclaimer: options.disclaimer)
    }
}

extension Terminal {
    /// Prints an engine error and returns the exit code that means it (3: no such document,
    /// 2: anything else).
    static func fail(_ error: EngineError) -> ExitCode {
        printError(error.description)
        if case .documentNotFound = error { return ExitCode(ExitStatus.notFound) }
        return ExitCode(ExitStatus.fatal)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Exit statuses with a meaning (documented in `evident --help` and the README).
enum ExitStatus {
    static let success: Int32 = 0
    static let partialFailure: Int32 = 1
    static let fatal: Int32 = 2
    static let notFound: Int32 = 3
    /// PubMed (or a sync source) could not be reached, or refused the request.
    static let unavailable: Int32 = 4
}

/// Bootstraps swift-log exactly once per process, on standard error.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    /// The level asked for: `--log-level L` (or `--log-level=L`), else $EVIDENT_LOG_LEVEL, else warning.
    static func requestedLevel(arguments: [String]) -> Logger.Level {
        for (index, argument) in arguments.enumerated() {
            if argument == "--log-level", index + 1 < arguments.count, let level = Logger.Level(rawValue: arguments[index + 1]) { return level }
            if argument.hasPrefix("--log-level="), let level = Logger.Level(rawValue: String(argument.dropFirst(12))) { return level }
        }
        return ProcessInfo.processInfo.environment["EVIDENT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    }

    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
