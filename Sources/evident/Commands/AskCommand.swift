import ArgumentParser
import Evident
import Foundation

/// `evident ask`: a cited answer from the library.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer a clinical question from the library, guidelines first, every sentence cited.",
        discussion: """
            The answer has two parts, From the Guidelines and From the Research, with sections for \
            the question's intent (causes, treatment, diagnosis, …) and related aspects, then a \
            numbered reference list. Every statement is a sentence of a cited source. When the \
            library holds nothing relevant, the answer says so (exit status 0).

            Topics are recognised with the MeSH vocabulary: --mesh FILE, else $EVIDENT_MESH, else \
            mesh_id_label_mappings.tsv in the library directory (`make library` puts it there).

            Examples:
              evident ask "What causes blepharospasm?"
              evident ask "gout flare treatment" --format markdown
              evident ask "How is acute pancreatitis managed?" --tier guideline --format html > answer.html
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, html, json
    }

    @Argument(help: ArgumentHelp("The question (any shape: terse, full, or a long message).", valueName: "question"))
    var question: String

    @Option(name: .long, help: "Output format: text, markdown, html or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Same as --format json.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Answer from one tier only: guideline or research.", valueName: "tier"))
    var tier: Tier?

    @Option(name: .long, help: ArgumentHelp("The MeSH table (mesh_id_label_mappings.tsv).", valueName: "file"))
    var mesh: String?

    @Option(name: .long, help: ArgumentHelp("The closing disclaimer (default: $EVIDENT_DISCLAIMER, else a fixed sentence).", valueName: "text"))
    var disclaimer: String?

    @OptionGroup var libraryOptions: LibraryOptions

    func run() throws {
        let library = try libraryOptions.open(create: false)
        let composer: AnswerComposer
        do {
            composer = try Self.composer(library: library, mesh: mesh, disclaimer: disclaimer)
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.fatal)
        }
        let answer = try composer.answer(question, tier: tier)
        switch json ? .json : format {
        case .json: try Terminal.printJSON(answer)
        case .markdown: print(AnswerRenderer.markdown(answer), terminator: "")
        case .html: print(AnswerRenderer.html(answer))
        case .text: print(AnswerRenderer.text(answer, width: Terminal.stdoutIsTTY ? min(Terminal.width, 110) : 100, emphasis: Terminal.stdoutIsTTY))
        }
    }

    /// Builds a composer: the index, the MeSH vocabulary (if found) and the aspect model.
    static func composer(library: Library, mesh: String?, disclaimer: String?) throws -> AnswerComposer {
        let environment = ProcessInfo.processInfo.environment
        let fallback = (library.directory as NSString).appendingPathComponent("mesh_id_label_mappings.tsv")
        var vocabulary: MeSHVocabulary?
        if let explicit = mesh ?? environment["EVIDENT_MESH"] {
            // A table the user named must exist; it is never silently replaced by another.
            guard FileManager.default.fileExists(atPath: explicit) else { throw EvidentError("\(explicit): no such file (the MeSH table)") }
            vocabulary = try MeSHVocabulary(path: explicit)
        } else if FileManager.default.fileExists(atPath: fallback) {
            vocabulary = try MeSHVocabulary(path: fallback)
        } else {
            Terminal.writeError("warning: no MeSH table found (--mesh, $EVIDENT_MESH, or \(fallback)); topics are the question's words\n")
        }
        var composer = AnswerComposer(library: library, snapshot: try LibraryIndexer.open(library), vocabulary: vocabulary, classifier: try library.aspectModel())
        if let text = disclaimer ?? environment["EVIDENT_DISCLAIMER"] { composer.disclaimer = text }
        return composer
    }
}

/// `evident aspects`: train and measure the aspect classifier.
struct AspectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aspects",
        abstract: "Train the aspect classifier on the library's MedQuAD answers and report its accuracy.",
        discussion: """
            Sentences of MedQuAD answers are labelled with their question type (causes, treatment, \
            symptoms, …). The model is trained on four fifths of the pages, tested on the rest \
            (pages kept whole), then trained on all and saved in the library for `evident ask`.
            """
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Flag(name: .long, help: "Print the evaluation as JSON.")
    var json = false

    func run() throws {
        let library = try libraryOptions.open(create: false)
        let evaluation: AspectClassifier.Evaluation
        do {
            evaluation = try library.trainAspectModel()
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.partialFailure)
        }
        if json { try Terminal.printJSON(evaluation); return }
        print("Aspect classifier: \(Terminal.number(evaluation.trainingSentences)) training sentences, \(Terminal.number(evaluation.testSentences)) held out")
        print("accuracy \(String(format: "%.3f", evaluation.accuracy)) (always guessing the commonest aspect: \(String(format: "%.3f", evaluation.majorityBaseline)))")
        for (aspect, counts) in evaluation.perAspect.sorted(by: { $0.key < $1.key }) {
            print("  \(aspect.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(format: "%.3f", Double(counts[0]) / Double(max(1, counts[1]))))  (\(counts[1]) sentences)")
        }
    }
}

extension Intent: ExpressibleByArgument {}
