import Foundation
import Testing

@Suite("evident command line", .serialized)
struct CLITests {
    @Test("ingest --json prints one summary object; stats and show read the library")
    func ingestStatsShow() throws {
        let library = CLI.temporaryPath("cli")
        defer { try? FileManager.default.removeItem(atPath: library) }
        let ingest = try CLI.run(["ingest", "\(CLI.shared)/pubmed-samples", "--library", library, "--json"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let summary = try CLI.json(ingest.stdout)
        #expect(summary["added"] as? Int == 24)
        #expect(summary["failed"] as? Int == 0)
        #expect(summary["files"] as? Int == 19)
        #expect(ingest.stderr.isEmpty, "no progress bar when standard error is not a terminal")

        let stats = try CLI.json(CLI.run(["stats", "--library", library, "--json"]).stdout)
        #expect(stats["documents"] as? Int == 24)

        let show = try CLI.run(["show", "29768149", "--library", library])
        #expect(show.status == 0)
        #expect(show.stdout.contains("Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."))
        #expect(show.stdout.contains("[pmid:29768149#2] RESULTS"))
        let shown = try CLI.json(CLI.run(["show", "pmid:29768149", "--library", library, "--json"]).stdout)
        #expect(shown["doi"] as? String == "10.1056/NEJMoa1715274")
        #expect((shown["passages"] as? [[String: Any]])?.first?["id"] as? String == "pmid:29768149#0")
    }

    @Test("exit statuses: 1 for partial failure, 2 for an unusable library, 3 for not found, 64 for usage")
    func exitStatuses() throws {
        let library = CLI.temporaryPath("exit")
        defer { try? FileManager.default.removeItem(atPath: library) }
        let partial = try CLI.run(["ingest", "\(CLI.shared)/pubmed-samples/biopython/pubmed1.xml", "/no/such.xml", "--library", library])
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("error: /no/such.xml: no such file or directory"))
        #expect(partial.stdout.contains("added      2"))

        #expect(try CLI.run(["show", "pmid:1", "--library", library]).status == 3)
        let missing = try CLI.run(["stats", "--library", CLI.temporaryPath("absent")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("run `evident ingest` first"))
        #expect(try CLI.run(["ingest", "--library", library]).status == 64)
        #expect(try CLI.run(["ingest", "x", "--format", "nonsense"]).status == 64)
    }

    @Test("EVIDENT_LIBRARY chooses the library when --library is absent")
    func environmentLibrary() throws {
        let library = CLI.temporaryPath("env")
        defer { try? FileManager.default.removeItem(atPath: library) }
        try CLI.run(["ingest", "\(CLI.shared)/pubmed-samples/biopython/pubmed2.xml"], environment: ["EVIDENT_LIBRARY": library])
        #expect(FileManager.default.fileExists(atPath: "\(library)/library.sqlite"))
    }

    @Test("kill -9 at any point of a large ingest leaves a readable library; re-running completes it", arguments: [0.4, 1.0, 1.8])
    func killAndResume(after seconds: Double) throws {
        let library = CLI.temporaryPath("kill")
        defer { try? FileManager.default.removeItem(atPath: library) }
        let arguments = ["ingest", CLI.shared, "--library", library, "--batch-size", "500"]
        let process = try CLI.start(arguments, discardOutput: true)
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        if FileManager.default.fileExists(atPath: "\(library)/library.sqlite") {
            let partial = try CLI.run(["stats", "--library", library, "--json"])
            #expect(partial.status == 0, "the library must stay readable: \(partial.stderr)")
        }
        let resumed = try CLI.run(arguments + ["--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let stats = try CLI.json(CLI.run(["stats", "--library", library, "--json"]).stdout)
        #expect(stats["documents"] as? Int == 11_697)
        #expect(stats["passages"] as? Int == Self.fullPassageCount)
    }

    /// Passages in a library built from all of ../shared/data in one uninterrupted run.
    static let fullPassageCount: Int = {
        let library = CLI.temporaryPath("full")
        defer { try? FileManager.default.removeItem(atPath: library) }
        _ = try! CLI.run(["ingest", CLI.shared, "--library", library])
        return try! CLI.json(CLI.run(["stats", "--library", library, "--json"]).stdout)["passages"] as! Int
    }()
}
