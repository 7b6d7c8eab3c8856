import ArgumentParser
import Evident
import Foundation

/// `evident search`: ranked documents for a query.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the library: ranked documents with the best matching passage.",
        discussion: """
            Query syntax: words (any may match; more matches rank higher), "quoted phrases" \
            (must appear), +word (must appear), -word or -"phrase" (must not appear).
            Ranking is BM25F over title, text and MeSH/keywords, with Porter2 stemming.

            Examples:
              evident search "blepharospasm botulinum toxin"
              evident search '"heart failure" +SGLT2 -mice' --tier research --year-from 2015
              evident search gout --kind "guideline summary" --json
            """
    )

    @Argument(help: ArgumentHelp("The query.", valueName: "query"))
    var query: String

    @Option(name: .long, help: "Number of results.")
    var limit = 10

    @Option(name: .long, help: ArgumentHelp("Only this tier: guideline or research.", valueName: "tier"))
    var tier: Tier?

    @Option(name: .long, help: ArgumentHelp("Only this kind (repeatable), e.g. \"randomized trial\", \"agency page\".", valueName: "kind"))
    var kind: [DocumentKind] = []

    @Option(name: .long, help: ArgumentHelp("Only documents from this year on.", valueName: "year"))
    var yearFrom: Int?

    @Option(name: .long, help: ArgumentHelp("Only documents up to this year.", valueName: "year"))
    var yearTo: Int?

    @OptionGroup var libraryOptions: LibraryOptions

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
        if let yearFrom, let yearTo, yearFrom > yearTo { throw ValidationError("--year-from is after --year-to") }
    }

    func run() throws {
        let engine = try libraryOptions.engine()
        let response: Engine.SearchResponse
        do {
            response = try engine.search(query, options: SearchOptions(limit: limit, tier: tier, kinds: Set(kind), yearFrom: yearFrom, yearTo: yearTo))
        } catch {
            throw Terminal.fail(error)
        }
        if json {
            try Terminal.printJSON(response)
            return
        }
        let results = response.results
        let elapsed = response.elapsedMs
        guard !results.isEmpty else {
            print("No documents match \"\(query)\" in \(engine.library.directory).")
            return
        }
        let width = Terminal.stdoutIsTTY ? Terminal.width : 100
        for result in results {
            let meta = [result.source, result.year.map(String.init), result.tier.rawValue, result.kind.rawValue].compactMap { $0 }.joined(separator: " · ")
            print("\(result.rank). \(result.title ?? "(untitled)")")
            print("   \(result.id)  score \(String(format: "%.3f", result.score))  \(meta)")
            if let passage = result.passage {
                let label = [passage.label, passage.heading].compactMap { $0 }.first.map { "[\($0)] " } ?? ""
                let text = label + passage.text.replacingOccurrences(of: "\n", with: " ")
                let snippet = text.count > 300 ? String(text.prefix(300)) + "…" : text
                print(TextWrapping.wrap(snippet, width: width, indent: "   ").joined(separator: "\n"))
            }
            print("")
        }
        print("\(results.count) result\(results.count == 1 ? "" : "s") in \(String(format: "%.1f", elapsed)) ms")
    }
}

extension Tier: ExpressibleByArgument {}
extension DocumentKind: ExpressibleByArgument {}
