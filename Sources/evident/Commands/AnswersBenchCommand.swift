import ArgumentParser
import Evident
import Foundation

/// `evident bench answers`: answer quality over a question suite.
struct AnswersBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Answer quality over a question suite: key fact found, lead states it, wrong statements, honest abstentions.",
        discussion: """
            Each question of the suite (JSON lines: question, shape, concept, facts, mustNot, \
            abstain, missing) is answered from the library and scored:
              key fact found   some statement (with its label and list items) matches a fact pattern
              lead states it   the answer's opening statement matches one
              wrong            questions with a statement matching a mustNot pattern
              abstentions      unanswerable questions answered "no evidence", naming what is missing
              concept found    the expected concept is among the answer's topics
            Times are per answer on a warm process (release build).

            Example:
              evident bench answers --suite bench/answers/suite.jsonl --library demo-library
            """
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Option(name: .long, help: ArgumentHelp("The question suite (JSON lines).", valueName: "file"))
    var suite = "bench/answers/suite.jsonl"

    @Option(name: .long, help: ArgumentHelp("A compiled MeSH vocabulary (default: the installed one).", valueName: "file"))
    var mesh: String?

    @Flag(name: .long, help: "List the questions that missed (no fact, lead without it, wrong statements, dishonest abstention).")
    var failures = false

    @Flag(name: .long, help: "Print the report as JSON (with every question's outcome).")
    var json = false

    func run() throws {
        Terminal.warnIfDebugBuild()
        let questions: AnswerSuite
        do {
            questions = try AnswerSuite(path: suite)
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.partialFailure)
        }
        let library = try libraryOptions.open(create: false)
        let composer = try AnswerComposer.open(library: library, mesh: mesh).composer
        // One warm-up pass so times are a warm process's.
        _ = try composer.answer(questions.questions.first?.question ?? "warm up")
        let report = try AnswerQualityBenchmark.run(questions, composer: composer)
        if json { try Terminal.printJSON(report); return }
        func percent(_ value: Double) -> String { String(format: "%5.1f%%", value * 100) }
        print("questions          \(report.questions) (\(report.answerable) answerable, \(report.abstentionsExpected) where the library has no evidence)")
        print("key fact found     \(percent(report.factFound))")
        print("lead states it     \(percent(report.leadStatesFact))")
        print("wrong statements   \(report.questionsWithWrongStatements) questions")
        print("honest abstentions \(percent(report.honestAbstentions)) (false \"no evidence\" on answerable questions: \(report.falseAbstentions))")
        print("concept found      \(percent(report.conceptFound))")
        print("time per answer    p50 \(String(format: "%.1f", report.p50Milliseconds)) ms, p99 \(String(format: "%.1f", report.p99Milliseconds)) ms")
        print("")
        print("shape               n   fact   lead  wrong  abstain")
        for (shape, row) in report.byShape.sorted(by: { $0.key < $1.key }) {
            let fact = row["factFound"].map(percent) ?? "     -"
            let lead = row["leadStatesFact"].map(percent) ?? "     -"
            let abstain = row["honestAbstentions"].map(percent) ?? "     -"
            print("\(shape.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(format: "%4d", Int(row["questions"] ?? 0))) \(fact) \(lead) \(String(format: "%6d", Int(row["wrong"] ?? 0)))  \(abstain)")
        }
        if failures {
            print("")
            for outcome in report.outcomes {
                let missed = outcome.abstainExpected ? !outcome.honestAbstention : (!outcome.factFound || !outcome.leadStatesFact)
                guard missed || !outcome.wrongStatements.isEmpty || outcome.conceptFound == false else { continue }
                var problems: [String] = []
                if outcome.abstainExpected && !outcome.honestAbstention { problems.append("not an honest abstention") }
                if !outcome.abstainExpected && !outcome.answered { problems.append("answered no evidence") }
                if !outcome.abstainExpected && outcome.answered && !outcome.factFound { problems.append("no key fact") }
                if !outcome.abstainExpected && outcome.factFound && !outcome.leadStatesFact { problems.append("lead misses it") }
                if !outcome.wrongStatements.isEmpty { problems.append("wrong: \(outcome.wrongStatements.first!.prefix(80))") }
                if outcome.conceptFound == false { problems.append("concept not found") }
                print("\(outcome.id): \(problems.joined(separator: "; "))")
                if let lead = outcome.lead { print("    lead: \(lead.prefix(160))") }
            }
        }
    }
}
