import Foundation
import GRDB
import Testing
@testable import Evident

/// `pubmed sync` over a local directory and over HTTP (the fixture server's NCBI-style
/// listings): order, MD5 checks, deletions, clear errors naming the file, resume after an
/// interruption (kill -9 of the real program included), and a second sync that does nothing.
@Suite struct PubMedSyncTests {
    static func client(_ base: String) -> EUtilitiesClient {
        EUtilitiesClient(PubMedClientTests.configuration(base, rate: 50))
    }

    static func document(_ library: Library, _ pmid: String) throws -> Document? {
        try library.document(id: "pmid:\(pmid)")?.document
    }

    @Test func md5MatchesTheReference() {
        var empty = MD5()
        #expect(empty.finalize() == "d41d8cd98f00b204e9800998ecf8427e")
        var abc = MD5()
        abc.update(Array("abc".utf8))
        #expect(abc.finalize() == "900150983cd24fb0d6963f7d28e17f72")
        var long = MD5()
        for _ in 0..<1_000 { long.update(Array("The quick brown fox jumps over the lazy dog".utf8.prefix(37))) }
        var whole = MD5()
        whole.update(Array(String(repeating: "The quick brown fox jumps over the la", count: 1_000).utf8))
        #expect(long.finalize() == whole.finalize())
        var fox = MD5()
        fox.update(Array("The quick brown fox jumps over the lazy dog".utf8))
        #expect(fox.finalize() == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(MD5.stated(in: "MD5(pubmed25n0001.xml.gz)= 9E107D9D372BB6826BD81D3542A419D6\n") == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(MD5.stated(in: "not found") == nil)
    }

    @Test func aLocalMirrorSyncsInOrderAndASecondRunDoesNothing() async throws {
        let mirror = PubMedMirrorFixture()
        let library = try Library(directory: TestData.temporaryDirectory("sync-local"), create: true)
        defer { TestData.remove(mirror.root); TestData.remove(library.directory) }
        let sync = PubMedSync(source: PubMedSyncSource(mirror.root), library: library, client: nil)
        let first = try await sync.run()
        #expect(first.files.map(\.name) == ["baseline/pubmed26n0001.xml.gz", "baseline/pubmed26n0002.xml.gz", "updatefiles/pubmed26n0003.xml.gz"])
        #expect(first.counts.added == 8 && first.counts.updated == 1 && first.counts.deleted == 1 && first.stoppedAt == nil)
        #expect(try Self.document(library, mirror.deleted) == nil)
        #expect(try Self.document(library, mirror.revised)?.title?.hasPrefix("Revised: ") == true)
        // Searchable: the index followed.
        let snapshot = try LibraryIndexer.open(library)
        #expect(snapshot.liveDocuments == 7)
        let second = try await sync.run()
        #expect(second.files.isEmpty && second.alreadyDone == 3 && second.counts.records == 0)
    }

    @Test func aRemoteMirrorDownloadsOnlyWhatIsNewAndChecksEachMD5() async throws {
        let mirror = PubMedMirrorFixture()
        let library = try Library(directory: TestData.temporaryDirectory("sync-remote"), create: true)
        defer { TestData.remove(mirror.root); TestData.remove(library.directory) }
        // The second baseline file's .md5 is wrong: the sync stops there, naming it.
        let good = try String(contentsOfFile: mirror.path("baseline", 2) + ".md5", encoding: .utf8)
        try "MD5(pubmed26n0002.xml.gz)= 0123456789abcdef0123456789abcdef\n".write(toFile: mirror.path("baseline", 2) + ".md5", atomically: true, encoding: .utf8)
        let server = PubMedFixtureServer(mirror: mirror.root)
        try await server.run { base in
            let client = Self.client(base)
            let sync = PubMedSync(source: PubMedSyncSource(base + "/mirror"), library: library, client: client)
            let stopped = try await sync.run()
            #expect(stopped.files.map(\.name) == ["baseline/pubmed26n0001.xml.gz"])
            let issue = try #require(stopped.stoppedAt)
            #expect(issue.file == "baseline/pubmed26n0002.xml.gz")
            #expect(issue.message.contains("does not match its .md5 (0123456789abcdef0123456789abcdef)"), "\(issue.message)")
            #expect(try Self.document(library, mirror.baseline[1][0]) == nil)
            #expect(try Self.document(library, mirror.baseline[0][0]) != nil)

            // Fixed, and run again: the first file is not downloaded again.
            try good.write(toFile: mirror.path("baseline", 2) + ".md5", atomically: true, encoding: .utf8)
            let downloadsBefore = server.requests("pubmed26n0001.xml.gz").count
            let resumed = try await sync.run()
            #expect(resumed.alreadyDone == 1 && resumed.files.count == 2 && resumed.stoppedAt == nil)
            #expect(resumed.counts.deleted == 1)
            #expect(server.requests("pubmed26n0001.xml.gz").count == downloadsBefore)
            #expect(try Self.document(library, mirror.deleted) == nil)

            // A third run lists the folders and downloads nothing.
            let logged = server.log.withLock { $0.count }
            let third = try await sync.run()
            #expect(third.files.isEmpty && third.alreadyDone == 3)
            let newRequests = server.log.withLock { Array($0.dropFirst(logged)) }
            #expect(newRequests.map(\.path).sorted() == ["/mirror/baseline/", "/mirror/updatefiles/"])
            await client.shutdown()
        }
    }

    @Test func aTruncatedFileStopsTheSyncAndKeepsWhatCameBeforeTheCut() async throws {
        let mirror = PubMedMirrorFixture(files: 2, perFile: 40)
        let library = try Library(directory: TestData.temporaryDirectory("sync-truncated"), create: true)
        defer { TestData.remove(mirror.root); TestData.remove(library.directory) }
        let path = mirror.path("baseline", 2)
        let bytes = TestData.bytes(path)
        TestData.write(Array(bytes.prefix(bytes.count * 2 / 3)), to: (path as NSString).lastPathComponent, in: (path as NSString).deletingLastPathComponent)
        PubMedMirrorFixture.writeMD5(of: path)
        let report = try await PubMedSync(source: .directory(mirror.root), library: library, client: nil).run()
        let issue = try #require(report.stoppedAt)
        #expect(issue.file == "baseline/pubmed26n0002.xml.gz")
        #expect(issue.message.contains("truncated"), "\(issue.message)")
        #expect(report.files.count == 1)
        #expect(report.counts.added > 40 && report.counts.added < 80)
        #expect(try library.finishedSyncFiles(source: mirror.root).keys.sorted() == ["pubmed26n0001.xml.gz"])
    }

    @Test func aSourceWithoutPubMedFilesIsAClearError() async throws {
        let empty = TestData.temporaryDirectory("sync-empty")
        let library = try Library(directory: TestData.temporaryDirectory("sync-empty-library"), create: true)
        defer { TestData.remove(empty); TestData.remove(library.directory) }
        let error = await #expect(throws: PubMedError.self) { try await PubMedSync(source: .directory(empty), library: library, client: nil).run() }
        #expect(error?.description.contains("no PubMed files (pubmed*.xml.gz) under baseline/ or updatefiles/") == true)
        #expect(PubMedSyncSource("ncbi") == .remote("https://ftp.ncbi.nlm.nih.gov/pubmed/"))
        #expect(PubMedSyncSource.linkedNames(inListing: #"<a href="pubmed26n0001.xml.gz">x</a> <a href="pubmed26n0001.xml.gz.md5">y</a>"#) == ["pubmed26n0001.xml.gz", "pubmed26n0001.xml.gz.md5"])
        #expect(PubMedSyncSource.pubMedFiles(in: ["pubmed26n0002.xml.gz", "pubmed26n0001.xml.gz.md5", "README.txt", "pubmed26n0001.xml.gz"]) == ["pubmed26n0001.xml.gz", "pubmed26n0002.xml.gz"])
    }

    @Test func killedMidSyncTheProgramResumesAndFinishesWithTheSameLibrary() async throws {
        let mirror = PubMedMirrorFixture(files: 9, perFile: 300)
        let directory = TestData.temporaryDirectory("sync-kill")
        defer { TestData.remove(mirror.root); TestData.remove(directory) }
        let output = (directory as NSString).appendingPathComponent("run")
        let process = try EvidentBinary.start(["pubmed", "sync", mirror.root, "--library", directory + "/library"], output: output)
        // Kill it once the first file is recorded and before the last is. The watch blocks its
        // thread (usleep, not Task.sleep): a suspended test may resume only after the whole
        // sync when the parallel suite keeps the cooperative threads busy.
        var finished = 0
        let started = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - started < .seconds(120) {
            finished = (try? Self.finishedFiles(directory + "/library")) ?? 0
            if finished >= 1 { break }
            usleep(10_000)
        }
        try #require(process.isRunning, "the sync ended before it could be interrupted (\(finished) files)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let done = try Self.finishedFiles(directory + "/library")
        #expect(done >= 1 && done < 10, "killed after the sync had finished every file")

        let resumed = try await EvidentBinary.run(["pubmed", "sync", mirror.root, "--library", directory + "/library", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let report = try JSONDecoder().decode(PubMedSync.Report.self, from: Data(resumed.stdout.utf8))
        #expect(report.alreadyDone == done && report.files.count == 10 - done && report.stoppedAt == nil)
        let library = try Library(directory: directory + "/library", create: false)
        #expect(try library.statistics().documents == 9 * 300 - 1)
        #expect(try Self.document(library, mirror.deleted) == nil)
        let again = try await EvidentBinary.run(["pubmed", "sync", mirror.root, "--library", directory + "/library", "--json"])
        let nothing = try JSONDecoder().decode(PubMedSync.Report.self, from: Data(again.stdout.utf8))
        #expect(nothing.files.isEmpty && nothing.alreadyDone == 10)
    }

    static func finishedFiles(_ library: String) throws -> Int {
        let queue = try DatabaseQueue(path: Library.databasePath(in: library), configuration: { var c = Configuration(); c.readonly = true; return c }())
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pubmed_sync_file") ?? 0 }
    }
}
