import Foundation

/// Where a PubMed mirror comes from: NCBI's FTP-over-HTTPS site, another mirror in its layout
/// (`baseline/` and `updatefiles/`, each file beside its `.md5`), or a local directory so laid out.
public enum PubMedSyncSource: Sendable, Equatable, CustomStringConvertible {
    /// NCBI's own files.
    public static let ncbi = PubMedSyncSource.remote("https://ftp.ncbi.nlm.nih.gov/pubmed/")

    /// A base URL ending in `/`, holding `baseline/` and `updatefiles/`.
    case remote(String)
    /// A local directory holding `baseline/` and `updatefiles/`.
    case directory(String)

    /// Reads a source as given on the command line: `ncbi`, an http(s) URL, or a directory.
    public init(_ text: String) {
        if text == "ncbi" {
            self = .ncbi
        } else if text.hasPrefix("http://") || text.hasPrefix("https://") {
            self = .remote(text.hasSuffix("/") ? text : text + "/")
        } else {
            self = .directory((text as NSString).standardizingPath)
        }
    }

    /// The key finished files are recorded under.
    public var description: String {
        switch self {
        case .remote(let url): url
        case .directory(let path): path
        }
    }

    /// The parts of a mirror, in the order they are applied.
    public static let folders = ["baseline", "updatefiles"]

    /// PubMed file names (`pubmed25n0001.xml.gz`) in a listing or among directory entries, sorted.
    static func pubMedFiles(in names: some Sequence<String>) -> [String] {
        Set(names.filter { name in
            name.hasPrefix("pubmed") && name.hasSuffix(".xml.gz") && name.dropFirst(6).dropLast(7).allSatisfy { $0.isNumber || $0 == "n" }
        }).sorted()
    }

    /// File names linked from an HTML directory listing (NCBI's and Apache's or nginx's autoindex).
    static func linkedNames(inListing html: String) -> [String] {
        var names: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "href=\"") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            let target = after[..<end]
            names.append(String(target.split(separator: "/").last ?? ""))
            rest = after[end...]
        }
        return names
    }
}
