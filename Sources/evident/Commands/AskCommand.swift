import ArgumentParser
import Evident
import Foundation

/// `evident ask`: a cited answer from the library.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer a clinical question from the library, guidelines first, every sentence cited.",
        discussion: """
            The answer has two parts, From the Guidelines and From the Research: a lead that \
            answers the question, then sections in the order the question asks (causes, \
            treatment, diagnosis, …), then a numbered reference list. Every statement is quoted \
            from a cited source and shown with the context the source gives it (its heading, \
            table row or list lead-in) and, for a graded recommendation, its grade.

            The question may be terse ("gout flare tx"), full, misspelled, or a long message. \
            Concepts are recognised with MeSH (installed by `make setup`; see `evident \
            resources`) and the library's own names and abbreviations; qualifiers such as \
            pregnancy, children or "creatinine clearance 40" are kept. When the library has no \
            evidence on something the question names, the answer says so (exit status 0).

            Examples:
              evident ask "What causes blepharospasm?"
              evident ask "UTI antibiotics in pregnancy" --format markdown
              evident ask "dabigatran dose in kidney disease" --explain
              evident ask "statins after stroke" --tier research --kind "randomized trial" --year-from 2010
              evident ask "How is acute pancreatitis managed?" --tier guideline --format html > answer.html
              evident ask "What causes blepharospasm?" --live

            With --live, PubMed is searched first (the question's concepts as MeSH terms and \
            words; for a treatment question systematic reviews, meta-analyses, guidelines and \
            trials of the last ten years first), the best records the library lacks are stored, \
            then the question is answered. A query run within --live-ttl days is not repeated. \
            Without network the answer comes from the library with a one-line warning.
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

    @Flag(name: .long, help: "Show how the question was understood and why each statement was chosen (JSON: an `explain` member).")
    var explain = false

    @Option(name: .long, help: ArgumentHelp("Answer from one tier only: guideline or research.", valueName: "tier"))
    var tier: Tier?

    @Option(name: .long, help: ArgumentHelp("Cite only this kind of document (repeatable), e.g. \"randomized trial\", \"practice guideline\".", valueName: "kind"))
    var kind: [DocumentKind] = []

    @Option(name: .long, help: ArgumentHelp("Cite only documents from this year on.", valueName: "year"))
    var yearFrom: Int?

    @Option(name: .long, help: ArgumentHelp("Cite only documents up to this year.", valueName: "year"))
    var yearTo: Int?

    @Flag(name: .long, help: "Search PubMed first and store the best records the library lacks (see `evident pubmed`).")
    var live = false

    @Option(name: .long, help: ArgumentHelp("With --live: days before the same PubMed query is run again.", valueName: "days"))
    var liveTtl: Double = 7

    @Option(name: .long, help: ArgumentHelp("With --live: the most records to fetch.", valueName: "n"))
    var liveMax = 20

    @OptionGroup var answerOptions: AnswerOptions

    @OptionGroup var eutils: EUtilitiesOptions

    @OptionGroup var libraryOptions: LibraryOptions

    func validate() throws {
        guard liveTtl >= 0 else { throw ValidationError("--live-ttl must not be negative") }
        guard liveMax > 0 else { throw ValidationError("--live-max must be positive") }
    }

    func run() async throws {
        let engine = try libraryOptions.engine(answerOptions)
        if live {
            let client = EUtilitiesClient(eutils.configuration)
            let outcome = await engine.fetchLiveResearch(for: question, client: client, maximum: liveMax, timeToLive: liveTtl * 86_400)
            await client.shutdown()
            if let warning = outcome.warning { Terminal.writeError("warning: \(warning)\n") }
        }
        let answer: Answer
        do {
            for warning in try engine.warnings() { Terminal.writeError("note: \(warning)\n") }
            answer = try engine.ask(question, tier: tier, filter: AnswerFilter(kinds: Set(kind), yearFrom: yearFrom, yearTo: yearTo), explain: explain)
        } catch {
            throw Terminal.fail(error)
        }
        switch json ? .json : format {
        case .json: try Terminal.printJSON(answer)
        case .markdown: print(AnswerRenderer.markdown(answer), terminator: "")
        case .html: print(AnswerRenderer.html(answer))
        case .text: print(AnswerRenderer.text(answer, width: Terminal.stdoutIsTTY ? min(Terminal.width, 110) : 100, emphasis: Terminal.stdoutIsTTY))
        }
    }
}

/// `evident aspects`: measure the aspect classifier, or retrain the model Evident ships.
struct AspectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aspects",
        abstract: "Measure the aspect classifier on the library's MedQuAD answers (and retrain the shipped model).",
        discussion: """
            Sentences of MedQuAD answers are labelled with their question type (causes, treatment, \
            symptoms, …). The model is trained on four fifths of the pages and tested on the rest \
            (pages kept whole). Answers use the model Evident ships (Sources/Evident/Resources/\
            aspect-model.tsv); --write-model FILE writes a model trained on all of this library's \
            MedQuAD pages, to replace it. The library must hold MedQuAD (ingest ../shared/data/medquad).
            """
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Option(name: .long, help: ArgumentHelp("Write the model trained on all pages to this file (the shipped resource's format).", valueName: "file"))
    var writeModel: String?

    @Flag(name: .long, help: "Print the evaluation as JSON.")
    var json = false

    func run() throws {
        let library = try libraryOptions.open(create: false)
        let examples = try library.aspectExamples()
        guard !examples.isEmpty else {
            Terminal.printError("no MedQuAD answers in \(library.directory): the aspect model is trained on MedQuAD pages (ingest them to measure or retrain it)")
            throw ExitCode(ExitStatus.partialFailure)
        }
        let evaluation = AspectClassifier.evaluate(examples)
        if let writeModel {
            let header = """
                Evident aspect model: counts of stemmed sentence terms per aspect, trained by `evident aspects --write-model`
                on the answers of MedQuAD (NIH institute pages, CC BY 4.0, https://github.com/abachaa/MedQuAD), each sentence
                labelled with its question type. Held-out accuracy \(String(format: "%.3f", evaluation.accuracy)) on \(evaluation.testSentences) sentences (majority baseline \(String(format: "%.3f", evaluation.majorityBaseline))).
                """
            try AspectCounts.train(examples).tsv(header: header).write(toFile: writeModel, atomically: true, encoding: .utf8)
        }
        if json { try Terminal.printJSON(evaluation); return }
        print("Aspect classifier: \(Terminal.number(evaluation.trainingSentences)) training sentences, \(Terminal.number(evaluation.testSentences)) held out")
        print("accuracy \(String(format: "%.3f", evaluation.accuracy)) (always guessing the commonest aspect: \(String(format: "%.3f", evaluation.majorityBaseline)))")
        for (aspect, counts) in evaluation.perAspect.sorted(by: { $0.key < $1.key }) {
            print("  \(aspect.padding(toLength: 14, withPad: " ", startingAt: 0)) \(String(format: "%.3f", Double(counts[0]) / Double(max(1, counts[1]))))  (\(counts[1]) sentences)")
        }
        if let writeModel { print("model written to \(writeModel)") }
    }
}

extension Intent: ExpressibleByArgument {}
