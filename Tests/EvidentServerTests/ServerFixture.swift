import Foundation
@testable import Evident

/// A small real library for the server's tests: NINDS institute pages from MedQuAD (blepharospasm
/// among them) and the PubMed XML samples, indexed with the MeSH descriptors of ../shared/data.
enum ServerFixture {
    /// `../shared/data`, or `$EVIDENT_SHARED_DATA`.
    static let shared: String = {
        if let explicit = ProcessInfo.processInfo.environment["EVIDENT_SHARED_DATA"] { return explicit }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("../shared/data").standardized.path
    }()

    static func temporaryDirectory(_ name: String) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The MeSH descriptors compiled into a vocabulary file.
    static let meshPath: String = {
        let directory = temporaryDirectory("server-mesh")
        try! FileManager.default.copyItem(atPath: "\(shared)/mesh/mesh_id_label_mappings.tsv", toPath: "\(directory)/\(MeSHTables.descriptorFile)")
        let output = "\(directory)/mesh.lexicon"
        _ = try! EvidentResources.buildMeSH(tablesDirectory: directory, output: output)
        return output
    }()

    /// The library directory, built once per test process.
    static let libraryDirectory: String = {
        let library = try! Library(directory: temporaryDirectory("server-library"), create: true)
        _ = try! Ingestor(library: library).run(IngestPlan.make(paths: ["\(shared)/medquad/6_NINDS_QA", "\(shared)/pubmed-samples"], format: nil))
        var indexer = LibraryIndexer(library: library)
        indexer.mesh = try! Lexicon(path: meshPath)
        try! indexer.update()
        return library.directory
    }()

    /// One engine over the library, shared by the tests.
    static let engine: Engine = try! Engine(.init(libraryDirectory: libraryDirectory, mesh: meshPath))
}
