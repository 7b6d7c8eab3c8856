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

    @Test("show prints a guideline summary's status, release and citations; its PMID finds it")
    func showGuideline() throws {
        let library = CLI.temporaryPath("ngc")
        defer { try? FileManager.default.removeItem(atPath: library) }
        let summaries = "\(CLI.shared)/ngc/summaries"
        let ingest = try CLI.run(["ingest", "\(summaries)/ngc-10963.xml.gz", "\(summaries)/ngc-11012.xml.gz", "\(summaries)/ngc-1.xml.gz", "--library", library, "--json"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let summary = try CLI.json(ingest.stdout)
        #expect(summary["added"] as? Int == 2)
        #expect(summary["skipped"] as? Int == 1, "ngc-1 is a stub")

        let shown = try CLI.json(CLI.run(["show", "ngc:10963", "--library", library, "--json"]).stdout)
        #expect(shown["status"] as? String == "current release; updates previous versions")
        #expect(shown["released"] as? String == "2016 May 10")
        #expect(shown["pmid"] as? String == "27164716")
        #expect(shown["source"] as? String == "American Academy of Neurology")
        #expect(shown["citedPMIDs"] as? [String] == [])
        let passages = try #require(shown["passages"] as? [[String: Any]])
        #expect(passages.contains { $0["heading"] as? String == "Blepharospasm > Recommendations" && $0["label"] as? String == "recommendations" })

        let byPMID = try CLI.run(["show", "pmid:27164716", "--library", library])
        #expect(byPMID.status == 0)
        #expect(byPMID.stdout.contains("id         ngc:10963"))
        #expect(byPMID.stdout.contains("status     current release; updates previous versions"))
        #expect(byPMID.stdout.contains("released   2016 May 10"))

        let citing = try CLI.json(CLI.run(["show", "ngc:11012", "--library", library, "--json"]).stdout)
        let cited = try #require(citing["citedPMIDs"] as? [String])
        #expect(cited.contains("18832500"))
        #expect((citing["citedRecords"] as? [[String: Any]])?.count == cited.count)
        let text = try CLI.run(["show", "ngc:11012", "--library", library]).stdout
        #expect(text.contains("cites      \(cited.count) PubMed records (0 in this library)"))
        #expect(text.contains("PMID 18832500"))
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

    @Test("kill -9 at any point of a large ingest leaves a readable library; re-running completes it", arguments: [0.5, 3.0, 9.0])
    func killAndResume(after seconds: Double) throws {
        let library = CLI.temporaryPath("kill")
        defer { try? FileManager.default.removeItem(atPath: library) }
        let arguments = ["ingest"] + Self.sources + ["--library", library, "--batch-size", "500"]
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
        #expect(stats["documents"] as? Int == 6_207)
        #expect(stats["passages"] as? Int == Self.uninterruptedPassageCount)
        // The index caught up too: nothing left to index, every document searchable.
        let index = try CLI.json(CLI.run(["index", "--library", library, "--json"]).stdout)
        #expect(index["indexed"] as? Int == 0)
        #expect(index["liveDocuments"] as? Int == 6_207)
    }

    /// Three formats in twelve batches of 500: SciFact (JSON lines), PubMedQA (JSON) and PubMed XML.
    static let sources = ["scifact", "pubmedqa", "pubmed-samples"].map { "\(CLI.shared)/\($0)" }

    /// Passages in a library built from ``sources`` in one uninterrupted run.
    static let uninterruptedPassageCount: Int = {
        let library = CLI.temporaryPath("full")
        defer { try? FileManager.default.removeItem(atPath: library) }
        _ = try! CLI.run(["ingest"] + sources + ["--library", library])
        return try! CLI.json(CLI.run(["stats", "--library", library, "--json"]).stdout)["passages"] as! Int
    }()
}

@Suite("evident search and eval", .serialized)
struct SearchCLITests {
    @Test("ingest builds the index; search prints ranked JSON results with passages")
    func searchJSON() throws {
        let library = CLI.temporaryPath("search")
        defer { try? FileManager.default.removeItem(atPath: library) }
        let ingest = try CLI.json(CLI.run(["ingest", "\(CLI.shared)/medquad/6_NINDS_QA", "--library", library, "--json"]).stdout)
        let index = try #require(ingest["index"] as? [String: Any])
        #expect(index["indexed"] as? Int == ingest["added"] as? Int)
        let result = try CLI.run(["search", "What causes blepharospasm?", "--library", library, "--json", "--limit", "3"])
        #expect(result.status == 0)
        let output = try CLI.json(result.stdout)
        let hits = try #require(output["results"] as? [[String: Any]])
        #expect(hits.count == 3)
        #expect(hits.first?["id"] as? String == "medquad:NINDS-0000043")
        #expect((hits.first?["passage"] as? [String: Any])?["text"] as? String != nil)
        #expect(try CLI.run(["search", "x", "--library", library, "--limit", "0"]).status == 64)
        let text = try CLI.run(["search", "blepharospasm", "--library", library, "--tier", "research"])
        #expect(text.stdout.contains("No documents match"))
    }

    @Test("eval prints the four metrics; a missing file is an error")
    func eval() throws {
        let data = "\(CLI.shared)/scifact"
        let result = try CLI.run(["eval", "--corpus", "\(data)/corpus.jsonl", "--queries", "\(data)/queries.train.jsonl", "--qrels", "\(data)/qrels/train.tsv", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let metrics = try #require(try CLI.json(result.stdout)["metrics"] as? [String: Double])
        #expect(Set(metrics.keys) == ["ndcgAt10", "recallAt100", "mrrAt10", "averagePrecision"])
        #expect(metrics["ndcgAt10"]! > 0.69)
        let missing = try CLI.run(["eval", "--corpus", "/no/corpus.jsonl", "--queries", "\(data)/queries.train.jsonl", "--qrels", "\(data)/qrels/train.tsv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/no/corpus.jsonl: no such file"))
    }
}

@Suite("evident ask", .serialized)
struct AskCLITests {
    static let library: String = {
        let path = CLI.temporaryPath("ask")
        _ = try! CLI.run(["ingest", "\(CLI.shared)/medquad/6_NINDS_QA", "\(CLI.shared)/medquad/3_GHR_QA", "\(CLI.shared)/pubmedqa", "--library", path],
                         environment: ["EVIDENT_MESH": CLI.meshLexicon])
        return path
    }()

    @Test("ask --format json has the documented shape; text starts with the guidelines")
    func json() throws {
        let mesh = CLI.meshLexicon
        let result = try CLI.run(["ask", "What causes blepharospasm?", "--library", Self.library, "--mesh", mesh, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try CLI.json(result.stdout)
        #expect(Set(answer.keys) == ["question", "correctedQuestion", "corrections", "intent", "topics", "guidelines", "research", "notes", "references", "message", "disclaimer", "elapsedMs"])
        #expect(answer["intent"] as? String == "causes")
        let topics = try #require(answer["topics"] as? [[String: Any]])
        #expect(topics.first?["meshId"] as? String == "D001764")
        let guidelines = try #require(answer["guidelines"] as? [String: Any])
        let sections = try #require(guidelines["sections"] as? [[String: Any]])
        let statement = try #require((sections.first?["statements"] as? [[String: Any]])?.first)
        #expect(Set(statement.keys) == ["text", "label", "items", "strength", "citations", "evidence"])
        let evidence = try #require((statement["evidence"] as? [[String: Any]])?.first)
        #expect(Set(evidence.keys) == ["reference", "passageId", "quote"])
        let reference = try #require((answer["references"] as? [[String: Any]])?.first)
        #expect(reference["number"] as? Int == 1)
        #expect(Set(reference.keys) == ["number", "documentId", "tier", "kind", "title", "authors", "source", "year", "pmid", "doi", "url", "link", "citedBy"],
                "every reference key is present, null where unknown")
        #expect(reference["tier"] as? String == "guideline")
        let text = try CLI.run(["ask", "What causes blepharospasm?", "--library", Self.library, "--mesh", mesh])
        #expect(text.stdout.hasPrefix("From the Guidelines"))
        #expect(text.stdout.contains("References\n1. "))
        #expect(try CLI.run(["ask", "What causes blepharospasm?", "--library", Self.library, "--mesh", mesh, "--format", "html"]).stdout.hasPrefix("<!DOCTYPE html>"))
        let explained = try CLI.json(try CLI.run(["ask", "What causes blepharospasm?", "--library", Self.library, "--mesh", mesh, "--json", "--explain"]).stdout)
        #expect((explained["explain"] as? [String: Any])?["intent"] as? String == "causes")
    }

    @Test("no evidence: a clear answer and exit status 0; a vocabulary the user named must exist")
    func noEvidence() throws {
        let result = try CLI.run(["ask", "How do I change a bicycle tyre?", "--library", Self.library, "--mesh", CLI.meshLexicon])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("No evidence in this library"))
        let missing = try CLI.run(["ask", "x", "--library", Self.library, "--mesh", "/no/mesh.lexicon"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/mesh.lexicon: no such file"))
        let table = try CLI.run(["ask", "x", "--library", Self.library, "--mesh", "\(CLI.shared)/mesh/mesh_id_label_mappings.tsv"])
        #expect(table.status == 2)
        #expect(table.stderr.contains("evident resources build"))
    }

    /// Asks from a directory that is not the repository, with nothing installed.
    static func askElsewhere(_ question: String, library: String) throws -> CLI.Result {
        let elsewhere = CLI.temporaryPath("cwd")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        return try CLI.run(["ask", question, "--library", library], environment: ["EVIDENT_RESOURCES": CLI.noResources], directory: elsewhere)
    }

    @Test("ask answers on any library, with nothing installed, from anywhere", arguments: [
        ("pubmed-only", "Do mitochondria play a role in remodelling lace plant leaves during programmed cell death?"),
        ("guideline-only", "What is the first-line treatment for a gout flare?"),
        ("one-document", "What is the first-line treatment for a gout flare?"),
    ])
    func anyLibrary(kind: String, question: String) throws {
        let library = CLI.temporaryPath(kind)
        let sources = CLI.temporaryPath("sources")
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        let guideline = """
            ---
            title: Gout flare management (test fixture written by the CLI tests)
            organization: Evident tests
            year: 2024
            ---
            # Flare management
            ## First-line therapy
            Colchicine, NSAIDs, or glucocorticoids are recommended as first-line therapy for gout flares.
            # Urate-lowering therapy
            Allopurinol is the preferred first-line urate-lowering agent.
            """
        _ = FileManager.default.createFile(atPath: "\(sources)/gout.md", contents: Data(guideline.utf8))
        let paths: [String]
        switch kind {
        case "pubmed-only": paths = ["\(CLI.shared)/pubmedqa/ori_pqal.json"]
        case "guideline-only": paths = ["\(sources)/gout.md", "\(CLI.shared)/medquad/6_NINDS_QA"]
        default: paths = ["\(sources)/gout.md"]
        }
        let ingest = try CLI.run(["ingest"] + paths + ["--library", library], environment: ["EVIDENT_RESOURCES": CLI.noResources])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let result = try Self.askElsewhere(question, library: library)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("From the Guidelines") || result.stdout.hasPrefix("No evidence"))
        if kind != "pubmed-only" { #expect(result.stdout.contains("Colchicine"), "\(result.stdout)") }
        // Once: which features are off, and how to turn them on; never a path of the development checkout.
        let notes = result.stderr.split(separator: "\n").filter { $0.hasPrefix("note:") }
        #expect(notes.count == 1, "\(result.stderr)")
        #expect(notes.first?.contains("MeSH") == true)
        #expect(!(result.stdout + result.stderr).contains("../shared"))
        #expect(!(result.stdout + result.stderr).contains("shared/data"))
    }
}
