import ArgumentParser
import Evident

/// `evident stats`: what the library holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what the library holds: documents by tier and kind, passages, years, size on disk."
    )

    @OptionGroup var libraryOptions: LibraryOptions

    @Flag(name: .long, help: "Print the statistics as JSON.")
    var json = false

    func run() throws {
        let engine = try libraryOptions.engine()
        let stats: LibraryStatistics
        do {
            stats = try engine.statistics()
        } catch {
            throw Terminal.fail(error)
        }
        if json {
            try Terminal.printJSON(stats)
            return
        }
        var lines = ["Library \(stats.directory)", "  documents  \(Terminal.number(stats.documents))"]
        for tier in Tier.allCases {
            guard let count = stats.tiers[tier.rawValue] else { continue }
            lines.append("    \(tier.rawValue.padding(toLength: 21, withPad: " ", startingAt: 0)) \(Terminal.number(count.documents))")
            for (kind, n) in count.kinds.sorted(by: { $0.value > $1.value }) {
                lines.append("      \(kind.padding(toLength: 19, withPad: " ", startingAt: 0)) \(Terminal.number(n))")
            }
        }
        lines.append("  passages   \(Terminal.number(stats.passages))")
        if let earliest = stats.earliestYear, let latest = stats.latestYear {
            lines.append("  years      \(earliest)–\(latest) (\(Terminal.number(stats.documentsWithYear)) documents dated)")
            for (decade, n) in stats.documentsByDecade.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(decade)  \(Terminal.number(n))")
            }
        }
        if stats.deletedDocuments > 0 { lines.append("  deleted    \(Terminal.number(stats.deletedDocuments)) (tombstones)") }
        lines.append("  ingests    \(Terminal.number(stats.ingestions))")
        lines.append("  on disk    \(Terminal.bytes(stats.bytesOnDisk))")
        print(lines.joined(separator: "\n"))
    }
}
