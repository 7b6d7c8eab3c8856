import Foundation
@testable import Evident

/// Vocabularies and libraries for answer tests, built once per test process from the real
/// shared data.
enum TestVocabulary {
    /// Supplementary concepts the tests use (real rows of the shared MeSH table): donanemab,
    /// lecanemab, Lysinuric Protein Intolerance.
    static let supplementaryIDs: Set<String> = ["C000729112", "C000612089", "C562687"]

    /// A MeSH vocabulary compiled for tests: every descriptor of the shared table plus the
    /// supplementary concepts above (a small fixture filtered from the shared table at run
    /// time, so the compile takes seconds, not a minute).
    static let mesh: Lexicon = try! Lexicon(path: meshPath)

    /// Where ``mesh`` is compiled (for code that takes a path, such as ``Engine``).
    static let meshPath: String = {
        let directory = TestData.temporaryDirectory("mesh-tables")
        let descriptors = TestData.path("mesh/mesh_id_label_mappings.tsv")
        try! FileManager.default.copyItem(atPath: descriptors, toPath: (directory as NSString).appendingPathComponent(MeSHTables.descriptorFile))
        let all = String(decoding: try! ChunkReader(path: TestData.path("mesh/mesh_supp_id_label_mappings.tsv.gz")).readAll(), as: UTF8.self)
        let rows = all.split(separator: "\n").filter { row in supplementaryIDs.contains(String(row.prefix { $0 != "\t" })) }
        TestData.write(rows.joined(separator: "\n") + "\n", to: MeSHTables.supplementaryFile, in: directory)
        let output = (directory as NSString).appendingPathComponent("mesh.lexicon")
        _ = try! EvidentResources.buildMeSH(tablesDirectory: directory, output: output)
        return output
    }()

    /// The open-medicine guideline pack that `make setup` installs into `.venv`.
    static let openMedicinePack: String = {
        let venv = (TestData.repositoryRoot as NSString).appendingPathComponent(".venv/lib")
        for python in (try? FileManager.default.contentsOfDirectory(atPath: venv)) ?? [] {
            let pack = "\(venv)/\(python)/site-packages/open_medicine/guidelines"
            if FileManager.default.fileExists(atPath: pack + "/registry.json") { return pack }
        }
        fatalError("the open-medicine pack is not in .venv: run `make setup` (the tests read the real guideline summaries it ships)")
    }()

    /// Ingests `paths` into a new library, indexes it and builds its vocabulary with the test MeSH.
    static func library(_ name: String, paths: [String]) throws -> Library {
        let library = try Library(directory: TestData.temporaryDirectory(name), create: true)
        _ = try Ingestor(library: library).run(IngestPlan.make(paths: paths, format: nil))
        var indexer = LibraryIndexer(library: library)
        indexer.mesh = mesh
        try indexer.update()
        return library
    }

    /// A composer over a library, with the test MeSH vocabulary.
    static func composer(_ library: Library) throws -> AnswerComposer {
        let vocabulary = Vocabulary(mesh: mesh, library: try LibraryVocabulary.open(library))
        return AnswerComposer(library: library, snapshot: try LibraryIndexer.open(library), vocabulary: vocabulary,
                              classifier: vocabulary.library?.aspectClassifier)
    }

    /// The starter-like library of the answer tests: NIH pages, open-medicine guidelines,
    /// PubMedQA and SciFact abstracts.
    static let starter: (library: Library, composer: AnswerComposer) = {
        let library = try! Self.library("answers", paths: [
            TestData.path("medquad"), openMedicinePack, TestData.path("pubmedqa"), TestData.path("scifact/corpus.jsonl"),
        ])
        return (library, try! composer(library))
    }()
}
